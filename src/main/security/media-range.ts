import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { APP_ORIGIN } from './app-scheme'

/**
 * `app://pinload/media/<itemId>`: a queued video played by the window for its poster frame and the cover-frame
 * picker (issue 16). Only the item's id crosses, never a path: main decides which file that is, and only for an
 * item that passed pre-flight (src/main/services/thumbnail-source.ts). Null for any other URL.
 */
export function mediaItemId(rawUrl: string): number | null {
  let url: URL
  try {
    url = new URL(rawUrl)
  } catch {
    return null
  }
  // A non-special scheme has no origin for Node's URL: compared by parts, as app-scheme.ts does.
  if (`${url.protocol}//${url.host}` !== APP_ORIGIN) return null
  const m = /^\/media\/([1-9]\d{0,15})$/.exec(url.pathname)
  return m ? Number(m[1]) : null
}

/** A byte range of a file, both ends included. */
export interface ByteRange {
  start: number
  end: number
}

/**
 * The range a `Range: bytes=…` header asks of a file of `size` bytes (RFC 9110 §14.1.2; one range, which is
 * what media elements send): null without a header (the whole file), 'unsatisfiable' for one past the end.
 * A header this does not read (several ranges, other units) is answered with the whole file, as the RFC allows.
 */
export function parseRange(header: string | null, size: number): ByteRange | 'unsatisfiable' | null {
  if (header === null) return null
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (!m || (m[1] === '' && m[2] === '')) return null
  if (m[1] === '') {
    // A suffix: the last n bytes.
    const n = Number(m[2])
    // Nothing to give of an empty file either (RFC 9110 §14.1.2: no byte to select).
    if (n === 0 || size === 0) return 'unsatisfiable'
    return { start: Math.max(0, size - n), end: size - 1 }
  }
  const start = Number(m[1])
  if (start >= size) return 'unsatisfiable'
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1)
  return end < start ? null : { start, end }
}

/**
 * The answer to `app://pinload/media/<id>` for the item's file (undefined: 404): the whole file, or the one range
 * asked (206), as a stream, so a 2 GB video is never read into memory.
 */
export async function mediaResponse(
  file: { path: string; mime: string } | undefined,
  rangeHeader: string | null,
): Promise<Response> {
  if (!file) return new Response(null, { status: 404 })
  let size: number
  try {
    size = (await stat(file.path)).size
  } catch {
    return new Response(null, { status: 404 })
  }
  const range = parseRange(rangeHeader, size)
  if (range === 'unsatisfiable')
    return new Response(null, { status: 416, headers: { 'content-range': `bytes */${size}` } })
  const { start, end } = range ?? { start: 0, end: size - 1 }
  // An empty file (emptied since it was checked) has no byte for a read stream's `end`: an empty body.
  const body =
    size === 0
      ? null
      : (Readable.toWeb(createReadStream(file.path, { start, end })) as ReadableStream<Uint8Array>)
  return new Response(body, {
    status: range ? 206 : 200,
    headers: {
      'content-type': file.mime,
      'content-length': String(end - start + 1),
      'accept-ranges': 'bytes',
      ...(range && { 'content-range': `bytes ${start}-${end}/${size}` }),
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    },
  })
}
