import { basename } from 'node:path'
import { readBoundedFile } from './bounded-read'
import { normaliseHeader } from './csv-columns'

/** Metadata a sidecar JSON file (`photo.jpg.json` or `photo.json`) sets for its media file. */
export interface SidecarMeta {
  title?: string
  description?: string
  link?: string
  altText?: string
  /** Board ID (digits) or name. */
  board?: string
  /** Section ID (digits) or name. */
  section?: string
}

/** Keys matched like CSV headers (normaliseHeader): "Title", "alt_text", "altText" and "Alt-Text" all count. */
const FIELDS: Record<string, keyof SidecarMeta> = {
  title: 'title',
  description: 'description',
  link: 'link',
  alttext: 'altText',
  alt: 'altText',
  board: 'board',
  section: 'section',
}

/** Sidecars larger than this are not metadata (someone's data file happens to share the name). */
const MAX_SIDECAR_BYTES = 256 * 1024

/** The sidecar names to look for next to `mediaName`, in order of preference. */
export function sidecarNames(mediaName: string): string[] {
  const dot = mediaName.lastIndexOf('.')
  const stem = dot > 0 ? mediaName.slice(0, dot) : mediaName
  return [`${mediaName}.json`, `${stem}.json`]
}

/** Reads and checks a sidecar; the error names the sidecar and what is wrong with it. */
export async function readSidecar(path: string): Promise<{ meta: SidecarMeta } | { error: string }> {
  const name = basename(path)
  const read = await readBoundedFile(path, MAX_SIDECAR_BYTES, `Sidecar ${name}`)
  if (!read.ok)
    return {
      error:
        read.reason === 'too_large'
          ? `Sidecar ${name} is over 256 KB (${read.size} bytes); a metadata sidecar must be smaller`
          : read.message,
    }
  const text = read.bytes.toString('utf8').replace(/^\uFEFF/, '')
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (e) {
    return { error: `Sidecar ${name} is not valid JSON (${(e as Error).message})` }
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { error: `Sidecar ${name} must be a JSON object like {"title": "…"}` }
  }
  const meta: SidecarMeta = {}
  const entries = Object.entries(data as Record<string, unknown>)
  // A misspelt key would silently publish the Pin without that field: name it instead.
  const unknown = entries.map(([key]) => key).filter((key) => FIELDS[normaliseHeader(key)] === undefined)
  if (unknown.length > 0) {
    return {
      error: `Sidecar ${name}: unknown ${unknown.length === 1 ? 'key' : 'keys'} ${unknown.map((k) => `"${k}"`).join(', ')}; the keys are title, description, link, alt_text, board and section`,
    }
  }
  for (const [key, value] of entries) {
    const field = FIELDS[normaliseHeader(key)]
    if (!field || value === null || value === undefined) continue
    if (field === 'board' || field === 'section') {
      if (typeof value === 'number' && Number.isInteger(value)) {
        meta[field] = String(value)
        continue
      }
    }
    if (typeof value !== 'string')
      return {
        error: `Sidecar ${name}: "${key}" must be text, not ${Array.isArray(value) ? 'a list' : typeof value}`,
      }
    const trimmed = value.trim()
    if (trimmed !== '') meta[field] = field === 'description' ? value : trimmed
  }
  return { meta }
}
