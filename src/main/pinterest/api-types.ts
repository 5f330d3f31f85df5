import type { Board, BoardSection, MediaStatus } from '../../shared/domain'
import type { CarouselImage } from './carousel-body'

/**
 * The Pinterest API as the rest of main sees it. Implemented over undici by `pinterest-client.ts`;
 * the pipeline, auth and sources depend only on this interface.
 */

/** Gives the client a bearer token and a way to refresh it once after a 401. */
export interface TokenProvider {
  getAccessToken(): Promise<string>
  /** Forces a refresh (after a 401); throws ApiError('auth') when it fails for good. */
  refreshAccessToken(): Promise<string>
}

export type ByteProgress = (sentBytes: number, totalBytes: number) => void

export interface RequestOptions {
  signal?: AbortSignal
}

export interface TransferOptions extends RequestOptions {
  onProgress?: ByteProgress
}

export interface UserAccount {
  id?: string
  username: string
  accountType?: string
}

export interface MediaUpload {
  mediaId: string
  uploadUrl: string
  /** Copied verbatim, in order, into the multipart form before `file`. */
  uploadParameters: Record<string, string>
}

export interface CreatedPin {
  id: string
  boardId?: string
  title?: string | null
  description?: string | null
  link?: string | null
  createdAt?: string
  /** `dominant_color` as Pinterest lists it (hex, e.g. `#6E7874`). */
  dominantColor?: string | null
  /** Lifetime counts when the Pin was read with `pin_metrics=true` and Pinterest sent them. */
  metrics?: PinMetrics
}

/** A Pin's counts as `pin_metrics` reports them (docs/pinterest-api.md §3.5); a count Pinterest left out is absent. */
export interface PinMetrics {
  impressions?: number
  saves?: number
  clicks?: number
}

/** What `PATCH /v5/pins/{pin_id}` may change (docs/pinterest-api.md §3.5); null clears a text field. */
export interface PinUpdate {
  title?: string | null
  description?: string | null
  link?: string | null
  altText?: string | null
  boardId?: string
  boardSectionId?: string | null
}

/** Fields common to every Pin create; lengths as PIN_LIMITS. */
export interface PinFields {
  boardId?: string
  boardSectionId?: string
  title?: string
  description?: string
  link?: string
  altText?: string
  /**
   * `dominant_color` (hex `#RRGGBB`): the pipeline sends a mark of its own per create, so a listed Pin can be told
   * apart from one with the same visible text (docs/architecture.md, "Exactly one Pin per file").
   */
  dominantColor?: string
  /**
   * Ad-only Pin (docs/pinterest-api.md §3.1a): sent with `is_removable: true` and no board. Implied by
   * `adAccountId`.
   */
  adOnly?: boolean
  /** The ad account of an ad-only Pin: sent as the `ad_account_id` query parameter, with no board. */
  adAccountId?: string
}

/** A file's whole content as read once, with the mtime (ms) its stat gave at that read. */
export interface FileRead {
  bytes: Buffer
  mtimeMs: number
  /** Where the body buffer built from `bytes` comes from (a pool the caller refills once the call settled). */
  alloc?: (size: number) => Buffer
}

export type VideoCover =
  | { kind: 'key_frame'; seconds: number }
  | { kind: 'image_file'; path: string; contentType: 'image/jpeg' | 'image/png' }
  | { kind: 'image_url'; url: string }

export interface BoardPinsPage {
  items: CreatedPin[]
  bookmark: string | null
}

export interface PinterestApi {
  getUserAccount(opts?: RequestOptions): Promise<UserAccount>
  listBoards(opts?: RequestOptions): Promise<Board[]>
  createBoard(
    input: { name: string; privacy?: 'PUBLIC' | 'PROTECTED' | 'SECRET' },
    opts?: RequestOptions,
  ): Promise<Board>
  /** Name of a board this client listed or created, without a request; undefined when it has not seen it. */
  knownBoardName?(boardId: string): string | undefined
  listSections(boardId: string, opts?: RequestOptions): Promise<BoardSection[]>
  createSection(boardId: string, name: string, opts?: RequestOptions): Promise<BoardSection>

  /**
   * `image_base64` Pin streamed from a local JPEG/PNG with exact Content-Length. `read` hands over the bytes of a
   * small file the caller already read whole (to hash and sniff it): they are sent from memory, and the file is
   * still checked against the size and mtime seen at that read before the body leaves.
   */
  createImagePinFromFile(
    file: { path: string; contentType: 'image/jpeg' | 'image/png'; read?: FileRead },
    pin: PinFields,
    opts?: TransferOptions,
  ): Promise<CreatedPin>
  /**
   * Carousel Pin (`multiple_image_base64`, 2–5 local JPEG/PNG images of one size, each with optional text), the
   * body streamed with an exact length. Optional: test doubles of the API may leave it out.
   */
  createCarouselPin?(
    images: readonly CarouselImage[],
    pin: PinFields,
    opts?: TransferOptions,
  ): Promise<CreatedPin>
  /** `image_url` Pin. */
  createImagePinFromUrl(url: string, pin: PinFields, opts?: RequestOptions): Promise<CreatedPin>
  /** `video_id` Pin for media that reached `succeeded`. */
  createVideoPin(
    mediaId: string,
    cover: VideoCover,
    pin: PinFields,
    opts?: RequestOptions,
  ): Promise<CreatedPin>

  registerMedia(opts?: RequestOptions): Promise<MediaUpload>
  /**
   * Multipart POST of a local file to S3: parameters in order, `file` last, exact Content-Length.
   * Throws ApiError('transient') on reset, and an ApiError with `details.policyExpired` when S3 answers 403 for an expired policy.
   */
  uploadMedia(
    upload: MediaUpload,
    filePath: string,
    opts?: TransferOptions & { bytesPerSecond?: number },
  ): Promise<void>
  getMediaStatus(mediaId: string, opts?: RequestOptions): Promise<MediaStatus>

  /** One page of a board's Pins, newest first (for reconciling an unanswered create). */
  listBoardPins(boardId: string, bookmark?: string | null, opts?: RequestOptions): Promise<BoardPinsPage>
  /** `GET /v5/pins/{pin_id}`; with `metrics`, `pin_metrics=true` (same org_read cost). */
  getPin(pinId: string, opts?: RequestOptions & { metrics?: boolean }): Promise<CreatedPin>
  /** `PATCH /v5/pins/{pin_id}`: a beta endpoint some apps are refused (docs/pinterest-api.md §3.5). */
  updatePin(pinId: string, patch: PinUpdate, opts?: RequestOptions): Promise<CreatedPin>
  /** `DELETE /v5/pins/{pin_id}`; a 404 (already gone) is thrown as `not_found`, for the caller to count as done. */
  deletePin(pinId: string, opts?: RequestOptions): Promise<void>
}
