import { stat } from 'node:fs/promises'
import type { ItemError, PinMeta } from '../../shared/domain'
import { IMAGE_MAX_BYTES, PIN_LIMITS, VIDEO_MAX_BYTES } from '../../shared/limits'
import { sniffFile } from '../media/media-sniff'

/** What pre-flight learned about a local file. Sizes in bytes, times in Unix ms. */
export type FileFacts =
  | { kind: 'image'; contentType: 'image/jpeg' | 'image/png'; size: number; mtimeMs: number }
  | { kind: 'video'; contentType: string; size: number; mtimeMs: number }

export type PreflightResult = { ok: true; value: FileFacts } | { ok: false; error: ItemError }

/** The checks the pipeline runs in `validating`; the media engineer's preflight plugs in here. */
export interface Validator {
  preflightFile(path: string): Promise<PreflightResult>
  checkPinFields(meta: PinMeta, where: string): ItemError[]
}

/**
 * Minimal checks used when no richer validator is injected: type from magic bytes, size limits, field
 * lengths. (The media engineer's `preflight.ts` adds video duration and aspect checks.)
 */
export const basicValidator: Validator = {
  async preflightFile(path) {
    let st
    try {
      st = await stat(path)
    } catch {
      return { ok: false, error: { kind: 'file', message: `${path} is missing or unreadable.`, fix: 'Check that the file still exists.' } }
    }
    if (!st.isFile()) return { ok: false, error: { kind: 'file', message: `${path} is not a file.` } }
    const t = await sniffFile(path).catch(() => null)
    if (t?.kind === 'image' && (t.mime === 'image/jpeg' || t.mime === 'image/png')) {
      if (st.size > IMAGE_MAX_BYTES) {
        return { ok: false, error: { kind: 'file', message: `${path} is larger than 20 MB.`, fix: 'Resize or compress the image.' } }
      }
      return { ok: true, value: { kind: 'image', contentType: t.mime, size: st.size, mtimeMs: st.mtimeMs } }
    }
    if (t?.kind === 'video') {
      if (st.size > VIDEO_MAX_BYTES) {
        return { ok: false, error: { kind: 'file', message: `${path} is larger than 2 GB.`, fix: 'Shorten or re-encode the video.' } }
      }
      return { ok: true, value: { kind: 'video', contentType: t.mime, size: st.size, mtimeMs: st.mtimeMs } }
    }
    return {
      ok: false,
      error: {
        kind: 'file',
        message: `${path} is ${t ? `a ${t.label}` : 'empty or of an unknown type'}; Pinterest takes JPEG or PNG images and MP4/MOV videos.`,
        fix: 'Convert it to JPEG, PNG or MP4.',
      },
    }
  },
  checkPinFields(meta, where) {
    const out: ItemError[] = []
    const check = (value: string | undefined, max: number, label: string) => {
      if (value !== undefined && value.length > max) {
        out.push({ kind: 'validation', message: `${where}: the ${label} is ${value.length} characters; Pinterest allows ${max}.`, fix: `Shorten the ${label}.` })
      }
    }
    check(meta.title, PIN_LIMITS.title, 'title')
    check(meta.description, PIN_LIMITS.description, 'description')
    check(meta.link, PIN_LIMITS.link, 'link')
    check(meta.altText, PIN_LIMITS.altText, 'alt text')
    if (!meta.boardId && !meta.adAccountId) out.push({ kind: 'validation', message: `${where}: no board chosen.`, fix: 'Pick a board.' })
    return out
  },
}
