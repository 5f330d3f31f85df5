import { randomInt } from 'node:crypto'
import type { CreatedPin, PinFields } from '../pinterest/api-types'

/**
 * What identifies the Pin an item creates, persisted before `POST /v5/pins` (docs/architecture.md, "Exactly
 * one Pin per file"). `media` is the video's media id, the image's SHA-256, or the image URL: it tells two
 * creates of different content apart in our own records even when the visible fields match.
 */
export interface PinFingerprint {
  boardId: string | null
  title: string | null
  description: string | null
  link: string | null
  /** Absent in fingerprints written before alt text and section were recorded. */
  altText?: string | null
  boardSectionId?: string | null
  media: string
  /**
   * The `dominant_color` sent with this attempt (see newMarker); absent in fingerprints written before it was.
   * Pinterest lists it back on the Pin (docs/pinterest-api.md §3.1, §3.4), the one field beyond the visible text
   * that tells two creates apart on the board.
   */
  marker?: string
  /** After a lost answer: until when (Unix ms) the board is only watched for the Pin before it may be sent again. */
  graceUntil?: number
}

export function makeFingerprint(pin: PinFields, media: string): PinFingerprint {
  return {
    boardId: pin.boardId ?? null,
    title: pin.title ?? null,
    description: pin.description ?? null,
    link: pin.link ?? null,
    altText: pin.altText ?? null,
    boardSectionId: pin.boardSectionId ?? null,
    media,
  }
}

export function parseFingerprint(json: string | null): PinFingerprint | null {
  if (!json) return null
  try {
    const v = JSON.parse(json) as Partial<PinFingerprint>
    if (typeof v.media !== 'string') return null
    return {
      boardId: v.boardId ?? null,
      title: v.title ?? null,
      description: v.description ?? null,
      link: v.link ?? null,
      ...(v.altText !== undefined && { altText: v.altText }),
      ...(v.boardSectionId !== undefined && { boardSectionId: v.boardSectionId }),
      media: v.media,
      ...(typeof v.marker === 'string' && { marker: v.marker }),
      ...(typeof v.graceUntil === 'number' && { graceUntil: v.graceUntil }),
    }
  } catch {
    return null
  }
}

const norm = (s: string | null | undefined): string => (s ?? '').trim()

/**
 * What a listed Pin shows of a create: two creates with the same key cannot be told apart on the board, so
 * at most one of them may be in flight at a time (the media is not part of it: Pinterest does not echo it).
 */
export function visibleKey(fp: PinFingerprint): string {
  return JSON.stringify([
    fp.boardId ?? '',
    norm(fp.title),
    norm(fp.description),
    norm(fp.link),
    norm(fp.altText),
    fp.boardSectionId ?? '',
  ])
}

/**
 * A mark for one create attempt, sent as its `dominant_color`: a random mid-tone (each channel 0x50–0xAF, 2^18
 * values), so the placeholder Pinterest shows while the image loads stays a quiet grey-ish colour.
 */
export function newMarker(): string {
  const channel = () => (0x50 + randomInt(0x60)).toString(16)
  return `#${channel()}${channel()}${channel()}`
}

/** Does the listed Pin carry this attempt's mark? */
export function pinMarked(pin: CreatedPin, fp: PinFingerprint): boolean {
  return fp.marker !== undefined && (pin.dominantColor ?? '').toLowerCase() === fp.marker.toLowerCase()
}

/** True when the fingerprint has no visible text at all: its board could hold any number of look-alikes. */
export function blankText(fp: PinFingerprint): boolean {
  return [fp.title, fp.description, fp.link, fp.altText].every((s) => norm(s) === '')
}

/**
 * The key twins queue on (CreateLocks). With marks Pinterest keeps, every attempt is told apart on the board, so
 * each holds a key of its own and twins no longer wait for each other; once answers show the marks are not kept
 * (`marksKept` false), twins go one at a time on the visible key as before.
 */
export function lockKey(fp: PinFingerprint, marksKept: boolean): string {
  return fp.marker !== undefined && marksKept ? `${visibleKey(fp)}${fp.marker}` : visibleKey(fp)
}

/** Fields a listed Pin may carry beyond those the client types today. */
type ListedPin = CreatedPin & {
  altText?: string | null
  alt_text?: string | null
  boardSectionId?: string | null
  board_section_id?: string | null
}

/**
 * Does a listed Pin look like the one we tried to create? Pinterest does not echo the media hash, so the
 * visible fields must match; the caller also checks the creation time window and that no other item owns it.
 * Alt text and section are compared only when both the Pin and the fingerprint carry them.
 */
export function pinMatches(pin: CreatedPin, fp: PinFingerprint): boolean {
  if (pin.boardId !== undefined && fp.boardId !== null && pin.boardId !== fp.boardId) return false
  const p = pin as ListedPin
  const alt = p.altText !== undefined ? p.altText : p.alt_text
  if (alt !== undefined && fp.altText !== undefined && norm(alt) !== norm(fp.altText)) return false
  const section = p.boardSectionId !== undefined ? p.boardSectionId : p.board_section_id
  if (
    section !== undefined &&
    fp.boardSectionId !== undefined &&
    (section ?? '') !== (fp.boardSectionId ?? '')
  )
    return false
  return (
    norm(pin.title) === norm(fp.title) &&
    norm(pin.description) === norm(fp.description) &&
    norm(pin.link) === norm(fp.link)
  )
}
