import { createHash } from 'node:crypto'
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs'
import { basename } from 'node:path'
import type { ItemError, PinMeta } from '../../shared/domain'
import { IMAGE_MAX_BYTES } from '../../shared/limits'
import { checkLocalMedia } from './local-media'
import { isPinterestImage, sniffBytes } from './media-sniff'
import { pinFieldProblems } from './pin-field-rules'

/**
 * The checks a queued item passes before any byte leaves: its file (`preflightFile`, or for a small photo
 * `preflightSmallImage`, which also hands over its bytes and hash) and its Pin fields (`checkPinFields`).
 * Both file paths apply the rules of `checkLocalMedia`, which the sources use at import.
 */

/** A local file that passed every check, with what the upload needs. Sizes in bytes, times in ms/s. */
type PreflightOk =
  /** `contentType` is the source's type as sniffed: JPEG/PNG, or a type converted before sending (prepare-image.ts). */
  | { kind: 'image'; contentType: string; size: number; mtimeMs: number }
  | {
      kind: 'video'
      contentType: string
      size: number
      mtimeMs: number
      /** Seconds, from the movie header or summed over the fragments; undefined when the file does not say. */
      durationSec?: number
      /** Display pixels, after rotation. */
      width?: number
      height?: number
    }

export type PreflightResult = { ok: true; value: PreflightOk } | { ok: false; error: ItemError }

/**
 * Checks a local file before any byte leaves, by the same rules as the sources (`checkLocalMedia`): real type by
 * magic bytes, size, and for videos duration and aspect ratio read cheaply from the moov box.
 */
export async function preflightFile(path: string): Promise<PreflightResult> {
  const check = await checkLocalMedia(path)
  if (!check.ok) {
    // A queued file that vanished is not a typo in a path: the fix is about the queue, not the folder.
    const [message, fix] =
      check.rule === 'missing'
        ? [`${basename(path)} no longer exists at ${path}`, 'Put the file back or remove it from the queue.']
        : [check.message, check.fix]
    return {
      ok: false,
      error: fix === undefined ? { kind: 'file', message } : { kind: 'file', message, fix },
    }
  }
  const { sniffed, size, mtimeMs, movie } = check
  if (check.kind === 'image')
    return { ok: true, value: { kind: 'image', contentType: sniffed.mime, size, mtimeMs } }
  const value: PreflightOk = { kind: 'video', contentType: sniffed.mime, size, mtimeMs }
  if (movie?.durationSec !== undefined) value.durationSec = movie.durationSec
  if (movie?.width && movie.height) Object.assign(value, { width: movie.width, height: movie.height })
  return { ok: true, value }
}

/**
 * Pin field limits (PIN_LIMITS, counted in UTF-16 code units as the API does) and a valid http(s) link, by the
 * same rules the sources apply at import. `where` names the file or CSV row in each message.
 */
export function checkPinFields(meta: PinMeta, where: string): ItemError[] {
  return pinFieldProblems(meta).map((p) => ({
    kind: 'validation',
    message: `${where}: ${p.message}.`,
    fix: p.fix,
  }))
}

/** Files up to this size take the one-read path: most photos of a batch. */
const SMALL_IMAGE_MAX_BYTES = 1024 * 1024

/** Bytes on loan (from the pipeline's buffer pool); `release` gives them back, once. */
export interface BorrowedBytes {
  readonly bytes: Buffer
  release(): void
}

/** A small JPEG/PNG that passed the pre-flight, read whole. */
export interface SmallImage {
  kind: 'image'
  contentType: 'image/jpeg' | 'image/png'
  size: number
  mtimeMs: number
  /** SHA-256 hex of the bytes read. */
  hash: string
  /** The whole file as read: the Pin body is built from these same bytes. */
  bytes: Buffer
  /** Gives `bytes` back to where they were taken from; call once they are no longer needed. */
  release: () => void
}

const fresh = (size: number): BorrowedBytes => ({ bytes: Buffer.allocUnsafe(size), release: () => {} })

/**
 * One synchronous read that passes, hashes and keeps a small JPEG/PNG: the async `preflightFile` plus a
 * separate hashing read cost ~6 file-system round trips per item, which dominated a 1,000-image batch.
 * Returns null whenever `preflightFile` must decide (videos, other types, large files, read errors), so a
 * refusal always comes from the full rules.
 */
export function preflightSmallImage(
  path: string,
  take: (size: number) => BorrowedBytes = fresh,
): SmallImage | null {
  let fd: number | null = null
  let lease: BorrowedBytes | null = null
  try {
    // open + fstat + read on one descriptor: the stat and the bytes describe the same file, with one path lookup.
    // O_NONBLOCK so a FIFO given as a path cannot hang the open (it is then turned away as not a file).
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK)
    const st = fstatSync(fd)
    if (!st.isFile() || st.size === 0 || st.size > SMALL_IMAGE_MAX_BYTES || st.size > IMAGE_MAX_BYTES)
      return null
    lease = take(st.size)
    const bytes = lease.bytes
    let filled = 0
    while (filled < st.size) {
      const n = readSync(fd, bytes, filled, st.size - filled, filled)
      if (n === 0) return null
      filled += n
    }
    const t = sniffBytes(bytes.subarray(0, 64))
    if (!isPinterestImage(t)) return null
    const hash = createHash('sha256').update(bytes).digest('hex')
    const done = lease
    lease = null
    return {
      kind: 'image',
      contentType: t.mime,
      size: st.size,
      mtimeMs: st.mtimeMs,
      hash,
      bytes,
      release: () => done.release(),
    }
  } catch {
    return null
  } finally {
    lease?.release()
    if (fd !== null) {
      try {
        closeSync(fd)
      } catch {
        // Nothing was written through it: a failed close loses nothing.
      }
    }
  }
}
