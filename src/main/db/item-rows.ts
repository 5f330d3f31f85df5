import { basename } from 'node:path'
import { environmentOfKey, usernameOfKey } from '../../shared/account-key'
import type {
  ItemError,
  ItemErrorKind,
  ItemKind,
  ItemState,
  ItemView,
  MediaStatus,
} from '../../shared/domain'

/** One `items` row as SQLite returns it (times in Unix ms, sizes in bytes). */
export interface ItemRow {
  id: number
  batch_id: number
  seq: number
  source_path: string | null
  source_url: string | null
  size: number | null
  mtime_ms: number | null
  /** SHA-256 of the file's bytes, hex. */
  content_hash: string | null
  kind: ItemKind | null
  content_type: string | null
  title: string | null
  description: string | null
  link: string | null
  alt_text: string | null
  board_id: string | null
  board_section_id: string | null
  ad_account_id: string | null
  cover_key_frame_s: number | null
  cover_image_path: string | null
  state: ItemState
  attempts: number
  /** Held until this time after a retryable error. */
  next_attempt_at: number | null
  error_kind: ItemErrorKind | null
  error_message: string | null
  error_fix: string | null
  error_request_id: string | null
  media_id: string | null
  media_status: MediaStatus | null
  media_upload_url: string | null
  /** JSON object of the S3 form fields, in order. */
  media_upload_params: string | null
  /** 1 once S3 answered 204 for this media id. */
  media_uploaded: number
  pin_id: string | null
  pin_url: string | null
  publish_at: number | null
  force: number
  account_key: string | null
  /** JSON fingerprint of the Pin being created (see pipeline/fingerprint.ts). */
  create_fingerprint: string | null
  /** When the create was about to be sent; reconciliation looks back from here. */
  create_started_at: number | null
  created_at: number
  updated_at: number
  /** The batch's label (the folder or file it was added from), read from `batches` with the row. */
  batch_label?: string | null
}

/** The columns of `items` in the order `itemRowOf` reads them (select them through ROW_COLUMNS, never `*`). */
export const ITEM_COLUMNS =
  'id, batch_id, seq, source_path, source_url, size, mtime_ms, content_hash, kind, content_type, title, description, link, ' +
  'alt_text, board_id, board_section_id, ad_account_id, cover_key_frame_s, cover_image_path, state, attempts, next_attempt_at, ' +
  'error_kind, error_message, error_fix, error_request_id, media_id, media_status, media_upload_url, media_upload_params, ' +
  'media_uploaded, pin_id, pin_url, publish_at, force, account_key, create_fingerprint, create_started_at, created_at, updated_at'

/** ITEM_COLUMNS and the batch's label, the list `itemRowOf` reads (rows are selected with this). */
export const ROW_COLUMNS = `${ITEM_COLUMNS}, (SELECT label FROM batches WHERE batches.id = items.batch_id) AS batch_label`

/**
 * A row from its ROW_COLUMNS values. One object literal gives every row the same fast shape: rows are copied
 * with a patch on each transition and read field by field all along the pipeline.
 */
export function itemRowOf(v: unknown[]): ItemRow {
  return {
    id: v[0] as number,
    batch_id: v[1] as number,
    seq: v[2] as number,
    source_path: v[3] as string | null,
    source_url: v[4] as string | null,
    size: v[5] as number | null,
    mtime_ms: v[6] as number | null,
    content_hash: v[7] as string | null,
    kind: v[8] as ItemKind | null,
    content_type: v[9] as string | null,
    title: v[10] as string | null,
    description: v[11] as string | null,
    link: v[12] as string | null,
    alt_text: v[13] as string | null,
    board_id: v[14] as string | null,
    board_section_id: v[15] as string | null,
    ad_account_id: v[16] as string | null,
    cover_key_frame_s: v[17] as number | null,
    cover_image_path: v[18] as string | null,
    state: v[19] as ItemState,
    attempts: v[20] as number,
    next_attempt_at: v[21] as number | null,
    error_kind: v[22] as ItemErrorKind | null,
    error_message: v[23] as string | null,
    error_fix: v[24] as string | null,
    error_request_id: v[25] as string | null,
    media_id: v[26] as string | null,
    media_status: v[27] as MediaStatus | null,
    media_upload_url: v[28] as string | null,
    media_upload_params: v[29] as string | null,
    media_uploaded: v[30] as number,
    pin_id: v[31] as string | null,
    pin_url: v[32] as string | null,
    publish_at: v[33] as number | null,
    force: v[34] as number,
    account_key: v[35] as string | null,
    create_fingerprint: v[36] as string | null,
    create_started_at: v[37] as number | null,
    created_at: v[38] as number,
    updated_at: v[39] as number,
    batch_label: (v[40] as string | null | undefined) ?? null,
  }
}

/** Columns a transition may write. */
export type ItemPatch = Partial<Omit<ItemRow, 'id' | 'batch_id' | 'seq' | 'created_at'>>

function itemName(row: Pick<ItemRow, 'source_path' | 'source_url'>): string {
  if (row.source_path) return basename(row.source_path)
  if (row.source_url) {
    try {
      const u = new URL(row.source_url)
      return decodeURIComponent(u.pathname.split('/').filter(Boolean).pop() ?? u.hostname)
    } catch {
      return row.source_url
    }
  }
  return '(unnamed)'
}

function rowError(row: ItemRow): ItemError | undefined {
  if (!row.error_kind || row.error_message === null) return undefined
  return {
    kind: row.error_kind,
    message: row.error_message,
    ...(row.error_fix !== null && { fix: row.error_fix }),
    ...(row.error_request_id !== null && { requestId: row.error_request_id }),
  }
}

/** Patch that forgets a video's media: different bytes, or a media that failed, need a fresh upload. */
export const resetMedia = {
  media_id: null,
  media_status: null,
  media_upload_url: null,
  media_upload_params: null,
  media_uploaded: 0,
} as const

/** Patch that stores an error (or clears it with `null`). */
export function errorPatch(e: ItemError | null): ItemPatch {
  return {
    error_kind: e?.kind ?? null,
    error_message: e?.message ?? null,
    error_fix: e?.fix ?? null,
    error_request_id: e?.requestId ?? null,
  }
}

/** Image types sent after conversion to JPEG/PNG (src/main/media/prepare-image.ts), by the name users know. */
const CONVERTED_FROM: Readonly<Record<string, string>> = {
  'image/heic': 'HEIC',
  'image/webp': 'WebP',
  'image/gif': 'GIF',
  'image/tiff': 'TIFF',
  'image/bmp': 'BMP',
  'image/avif': 'AVIF',
}

/** The renderer's view of a row; `bytesSent` comes from the live transfer when one runs. */
export function toItemView(row: ItemRow, bytesSent?: number): ItemView {
  const total = row.size ?? 0
  const sent = row.state === 'published' ? total : Math.min(total, bytesSent ?? 0)
  const error = rowError(row)
  const account = row.account_key === null ? undefined : usernameOfKey(row.account_key)
  return {
    id: row.id,
    batchId: row.batch_id,
    name: itemName(row),
    ...(row.source_path !== null && { path: row.source_path }),
    ...(row.source_url !== null && { url: row.source_url }),
    ...(row.kind !== null && { kind: row.kind }),
    state: row.state,
    ...(row.board_id !== null && { boardId: row.board_id }),
    ...(row.title !== null && { title: row.title }),
    ...(row.description !== null && { description: row.description }),
    ...(row.link !== null && { link: row.link }),
    ...(row.alt_text !== null && { altText: row.alt_text }),
    ...(row.board_section_id !== null && { boardSectionId: row.board_section_id }),
    ...(row.cover_key_frame_s !== null && { coverKeyFrameS: row.cover_key_frame_s }),
    ...(row.cover_image_path !== null && { coverImageName: basename(row.cover_image_path) }),
    ...(CONVERTED_FROM[row.content_type ?? ''] && { convertedFrom: CONVERTED_FROM[row.content_type ?? ''] }),
    bytesSent: sent,
    bytesTotal: total,
    ...(row.size !== null && row.mtime_ms !== null && { fileStamp: `${row.size}:${row.mtime_ms}` }),
    ...(row.media_status !== null && { mediaStatus: row.media_status }),
    ...(row.pin_id !== null && { pinId: row.pin_id }),
    ...(row.pin_url !== null && { pinUrl: row.pin_url }),
    ...(error && { error }),
    attempts: row.attempts,
    ...(row.publish_at !== null && { publishAt: row.publish_at }),
    // The window counts down to it ("resuming in 4 min": issue 18, point 7).
    ...(row.next_attempt_at !== null && row.state === 'queued' && { retryAt: row.next_attempt_at }),
    updatedAt: row.updated_at,
    ...(row.batch_label && { batchLabel: row.batch_label }),
    ...(account !== undefined && { account, accountEnvironment: environmentOfKey(row.account_key!) }),
  }
}
