import { basename } from 'node:path'
import type { ItemError, PinMeta } from '../../shared/domain'
import { checkLocalMedia } from './local-media'
import { isPinterestImage } from './media-sniff'
import { pinFieldProblems } from './pin-field-rules'

/** A local file that passed every check, with what the upload needs. Sizes in bytes, times in ms/s. */
export type PreflightOk =
  | { kind: 'image'; contentType: 'image/jpeg' | 'image/png'; size: number; mtimeMs: number }
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
  if (isPinterestImage(sniffed))
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
