import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import type { ItemError, PinMeta } from '../../shared/domain'
import {
  IMAGE_MAX_BYTES,
  VIDEO_MAX_ASPECT,
  VIDEO_MAX_BYTES,
  VIDEO_MAX_SECONDS,
  VIDEO_MIN_ASPECT,
  VIDEO_MIN_SECONDS,
} from '../../shared/limits'
import { isPinterestImage, isPinterestVideo, sniffFile } from './media-sniff'
import { readMovieInfo } from './mp4-box-reader'
import { pinFieldProblems } from './pin-field-rules'

/** A local file that passed every check, with what the upload needs. Sizes in bytes, times in ms/s. */
export type PreflightOk =
  | { kind: 'image'; contentType: 'image/jpeg' | 'image/png'; size: number; mtimeMs: number }
  | {
      kind: 'video'
      contentType: string
      size: number
      mtimeMs: number
      /** Seconds, from the movie header; undefined when the file does not say (fragmented MP4). */
      durationSec?: number
      /** Display pixels, after rotation. */
      width?: number
      height?: number
    }

export type PreflightResult = { ok: true; value: PreflightOk } | { ok: false; error: ItemError }

const fail = (message: string, fix?: string): PreflightResult => ({
  ok: false,
  error: fix ? { kind: 'file', message, fix } : { kind: 'file', message },
})

/**
 * Checks a local file before any byte leaves: real type by magic bytes (never the extension), size,
 * and for videos duration and aspect ratio read cheaply from the moov box. Each failure names the file,
 * the rule and the fix.
 */
export async function preflightFile(path: string): Promise<PreflightResult> {
  const name = basename(path)
  let st: Awaited<ReturnType<typeof stat>>
  try {
    st = await stat(path)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return fail(`${name} no longer exists at ${path}.`, 'Put the file back or remove it from the queue.')
    return fail(`${name} cannot be read (${code ?? String(err)}).`, 'Check the file’s permissions.')
  }
  if (!st.isFile()) return fail(`${name} is not a regular file.`, 'Choose an image or video file.')
  if (st.size === 0) return fail(`${name} is empty (0 bytes).`, 'Export the file again.')

  let sniffed
  try {
    sniffed = await sniffFile(path)
  } catch (err) {
    return fail(`${name} cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)}).`, 'Check the file’s permissions.')
  }
  if (!sniffed) return fail(`${name} is empty (0 bytes).`, 'Export the file again.')

  if (isPinterestImage(sniffed)) {
    if (st.size > IMAGE_MAX_BYTES) {
      return fail(
        `${name} is ${mb(st.size)}; Pinterest accepts images up to ${mb(IMAGE_MAX_BYTES)}.`,
        'Resize or compress the image (e.g. export as JPEG at 1000×1500).',
      )
    }
    return { ok: true, value: { kind: 'image', contentType: sniffed.mime, size: st.size, mtimeMs: st.mtimeMs } }
  }
  if (sniffed.kind === 'image') {
    return fail(`${name} is ${article(sniffed.label)} ${sniffed.label}; Pinterest's API accepts JPEG or PNG.`, 'Convert it to JPEG or PNG.')
  }
  if (sniffed.kind === 'video' && !isPinterestVideo(sniffed)) {
    return fail(`${name} is ${article(sniffed.label)} ${sniffed.label}; Pinterest accepts MP4, MOV or M4V videos.`, 'Convert it to an H.264 MP4.')
  }
  if (sniffed.kind !== 'video') {
    return fail(`${name} is ${sniffed.label} (its content, not its name, was checked).`, 'Choose a JPEG, PNG, MP4, MOV or M4V file.')
  }

  if (st.size > VIDEO_MAX_BYTES) {
    return fail(`${name} is ${mb(st.size)}; Pinterest accepts videos up to 2 GB.`, 'Trim or re-encode the video to make it smaller.')
  }
  const info = await readMovieInfo(path).catch(() => null)
  if (!info) {
    return fail(`${name} has no readable movie header (moov box): the file is incomplete or damaged.`, 'Export the video again.')
  }
  const { durationSec, width, height } = info
  if (durationSec !== undefined && durationSec < VIDEO_MIN_SECONDS) {
    return fail(`${name} lasts ${durationSec.toFixed(1)} s; Pinterest needs videos of at least ${VIDEO_MIN_SECONDS} s.`, 'Use a longer clip.')
  }
  if (durationSec !== undefined && durationSec > VIDEO_MAX_SECONDS) {
    return fail(
      `${name} lasts ${formatMinutes(durationSec)}; Pinterest accepts videos up to ${VIDEO_MAX_SECONDS / 60} min.`,
      'Trim the video to 15 minutes or less.',
    )
  }
  if (width && height) {
    const ratio = width / height
    if (ratio <= VIDEO_MIN_ASPECT || ratio >= VIDEO_MAX_ASPECT) {
      return fail(
        `${name} is ${width}×${height} (aspect ratio ${ratio.toFixed(2)}:1); Pinterest needs a ratio between 1:2 and 1.91:1.`,
        'Crop the video, e.g. to 9:16, 2:3, 1:1 or 16:9.',
      )
    }
  }
  const value: PreflightOk = { kind: 'video', contentType: sniffed.mime, size: st.size, mtimeMs: st.mtimeMs }
  if (durationSec !== undefined) value.durationSec = durationSec
  if (width && height) Object.assign(value, { width, height })
  return { ok: true, value }
}

/**
 * Pin field limits (PIN_LIMITS, counted in UTF-16 code units as the API does) and a valid http(s) link, by the
 * same rules the sources apply at import. `where` names the file or CSV row in each message.
 */
export function checkPinFields(meta: PinMeta, where: string): ItemError[] {
  return pinFieldProblems(meta).map((p) => ({ kind: 'validation', message: `${where}: ${p.message}.`, fix: p.fix }))
}

/** "an AVI video", "a WebP image": by the first letter's sound, good enough for the labels media-sniff gives. */
const article = (label: string) => (/^[AEIOU]|^(MP4|M4V)/.test(label) ? 'an' : 'a')
const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`
function formatMinutes(sec: number): string {
  const m = Math.floor(sec / 60)
  const s = Math.round(sec % 60)
  return `${m} min ${s} s`
}
