import type { PinFields, PinUpdate, VideoCover } from './api-types'
import type { FileRead } from './api-types'
import { assertUnchangedSync } from './file-chunks'
import { base64JsonBody, base64JsonBodyFromBytes } from './image-pin-body'
import { jsonBody, type OutgoingBody } from './outgoing-body'
import { carouselPinBody, type CarouselImage } from './carousel-body'

/** An ad-only Pin: asked for as such, or made for a named ad account. */
const adOnly = (pin: PinFields) => pin.adOnly === true || Boolean(pin.adAccountId)

/**
 * The Pin's own fields as the API names them, in a fixed order, leaving out what is unset. An ad-only Pin has no
 * board and says `is_removable: true`, as the create-Pins guide shows it (docs/pinterest-api.md §3.1a); the ad
 * account, when named, goes in the query (see pinQuery).
 */
function pinFieldsJson(pin: PinFields): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const ad = adOnly(pin)
  if (pin.boardId && !ad) out.board_id = pin.boardId
  if (pin.boardSectionId && !ad) out.board_section_id = pin.boardSectionId
  if (pin.title !== undefined) out.title = pin.title
  if (pin.description !== undefined) out.description = pin.description
  if (pin.link !== undefined && pin.link !== '') out.link = pin.link
  if (pin.altText !== undefined) out.alt_text = pin.altText
  if (pin.dominantColor !== undefined) out.dominant_color = pin.dominantColor
  if (ad) out.is_removable = true
  return out
}

/** `?ad_account_id=…` for an ad-only Pin, else nothing. */
export function pinQuery(pin: PinFields): string {
  return pin.adAccountId ? `?ad_account_id=${encodeURIComponent(pin.adAccountId)}` : ''
}

/**
 * `image_base64` Pin body streamed from disk; `media_source` and its `data` come last so they can stream. With
 * `read` (a small file already read whole) the body is built from those bytes, checked against their stamp.
 */
export function imageFilePinBody(
  file: {
    path: string
    size: number
    mtimeMs?: number
    contentType: 'image/jpeg' | 'image/png'
    read?: FileRead
  },
  pin: PinFields,
  chunkSize: number,
): OutgoingBody {
  const build = (slot: string) => ({
    ...pinFieldsJson(pin),
    media_source: { source_type: 'image_base64', content_type: file.contentType, data: slot },
  })
  const read = file.read
  if (read)
    return base64JsonBodyFromBytes(
      build,
      read.bytes,
      () => assertUnchangedSync(file.path, { size: read.bytes.length, mtimeMs: read.mtimeMs }),
      read.alloc,
    )
  return base64JsonBody(build, file, chunkSize)
}

export function imageUrlPinBody(url: string, pin: PinFields): OutgoingBody {
  return jsonBody({ ...pinFieldsJson(pin), media_source: { source_type: 'image_url', url } })
}

/** `video_id` Pin body; a cover image file is streamed as base64 like an image Pin. */
export function videoPinBody(
  mediaId: string,
  cover: VideoCover,
  coverStamp: { size: number; mtimeMs: number } | undefined,
  pin: PinFields,
  chunkSize: number,
): OutgoingBody {
  const fields = pinFieldsJson(pin)
  const base = { source_type: 'video_id', media_id: mediaId }
  if (cover.kind === 'key_frame') {
    return jsonBody({
      ...fields,
      media_source: { ...base, cover_image_key_frame_time: Math.max(0, Math.floor(cover.seconds)) },
    })
  }
  if (cover.kind === 'image_url') {
    return jsonBody({ ...fields, media_source: { ...base, cover_image_url: cover.url } })
  }
  return base64JsonBody(
    (slot) => ({
      ...fields,
      media_source: { ...base, cover_image_content_type: cover.contentType, cover_image_data: slot },
    }),
    { path: cover.path, size: coverStamp?.size ?? 0, mtimeMs: coverStamp?.mtimeMs },
    chunkSize,
  )
}

/** `multiple_image_base64` (carousel) Pin body, every image streamed from disk (see carousel-body.ts). */
export function carouselFilesPinBody(
  images: readonly CarouselImage[],
  pin: PinFields,
  chunkSize: number,
): OutgoingBody {
  return carouselPinBody(pinFieldsJson(pin), images, chunkSize)
}

/** A `PinUpdate` body: only the fields given, under the API's names (docs/pinterest-api.md §3.5). */
export function pinUpdateJson(patch: PinUpdate): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (patch.title !== undefined) out.title = patch.title
  if (patch.description !== undefined) out.description = patch.description
  if (patch.link !== undefined) out.link = patch.link === '' ? null : patch.link
  if (patch.altText !== undefined) out.alt_text = patch.altText
  if (patch.boardId !== undefined) out.board_id = patch.boardId
  if (patch.boardSectionId !== undefined) out.board_section_id = patch.boardSectionId
  return out
}
