import type { CreatedPin, PinFields } from '../pinterest/api-types'

/**
 * What identifies the Pin an item creates, persisted before `POST /v5/pins` (DESIGN-NOTES §1). `media` is the
 * video's media id, the image's SHA-256, or the image URL: it tells two creates of different content apart
 * in our own records even when the visible fields match.
 */
export interface PinFingerprint {
  boardId: string | null
  title: string | null
  description: string | null
  link: string | null
  media: string
}

export function makeFingerprint(pin: PinFields, media: string): PinFingerprint {
  return {
    boardId: pin.boardId ?? null,
    title: pin.title ?? null,
    description: pin.description ?? null,
    link: pin.link ?? null,
    media,
  }
}

export function parseFingerprint(json: string | null): PinFingerprint | null {
  if (!json) return null
  try {
    const v = JSON.parse(json) as Partial<PinFingerprint>
    if (typeof v.media !== 'string') return null
    return { boardId: v.boardId ?? null, title: v.title ?? null, description: v.description ?? null, link: v.link ?? null, media: v.media }
  } catch {
    return null
  }
}

const norm = (s: string | null | undefined): string => (s ?? '').trim()

/**
 * Does a listed Pin look like the one we tried to create? Pinterest does not echo the media hash, so the
 * visible fields must match; the caller also checks the creation time window and that no other item owns it.
 */
export function pinMatches(pin: CreatedPin, fp: PinFingerprint): boolean {
  if (pin.boardId !== undefined && fp.boardId !== null && pin.boardId !== fp.boardId) return false
  return norm(pin.title) === norm(fp.title) && norm(pin.description) === norm(fp.description) && norm(pin.link) === norm(fp.link)
}
