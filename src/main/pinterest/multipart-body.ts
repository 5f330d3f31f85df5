import { randomBytes } from 'node:crypto'
import type { OutgoingBody } from './outgoing-body'
import { assertUnchanged, readFileChunks } from './file-chunks'

const CRLF = '\r\n'

/** Quotes a name for a Content-Disposition parameter the way browsers do (WHATWG form-data encoding). */
export function escapeFormName(s: string): string {
  return s.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22')
}

function newBoundary(): string {
  return `----PinloadFormBoundary${randomBytes(12).toString('hex')}`
}

/**
 * Everything of a multipart/form-data body but the file's bytes: every field in the given order, then the
 * `file` part's header (head); the closing boundary (tail). The body is head + file + tail.
 */
export function multipartFrame(
  fields: Record<string, string> | ReadonlyArray<readonly [string, string]>,
  file: { filename: string; contentType: string },
  boundary: string,
): { head: Buffer; tail: Buffer } {
  const entries: ReadonlyArray<readonly [string, string]> = isEntryList(fields)
    ? fields
    : Object.entries(fields)
  let head = ''
  for (const [name, value] of entries) {
    head += `--${boundary}${CRLF}Content-Disposition: form-data; name="${escapeFormName(name)}"${CRLF}${CRLF}${value}${CRLF}`
  }
  head +=
    `--${boundary}${CRLF}Content-Disposition: form-data; name="file"; filename="${escapeFormName(file.filename)}"${CRLF}` +
    `Content-Type: ${file.contentType}${CRLF}${CRLF}`
  return { head: Buffer.from(head, 'utf8'), tail: Buffer.from(`${CRLF}--${boundary}--${CRLF}`, 'utf8') }
}

function isEntryList(
  f: Record<string, string> | ReadonlyArray<readonly [string, string]>,
): f is ReadonlyArray<readonly [string, string]> {
  return Array.isArray(f)
}

/** Exact length of the form: known part bytes plus the file's `stat().size`. */
export function multipartLength(frame: { head: Buffer; tail: Buffer }, fileSize: number): number {
  return frame.head.length + fileSize + frame.tail.length
}

/** The S3 upload form streamed from disk, with its exact length computed before the first byte. */
export function multipartFileBody(
  fields: Record<string, string>,
  file: { path: string; size: number; mtimeMs?: number; filename: string; contentType: string },
  chunkSize: number,
  boundary: string = newBoundary(),
): OutgoingBody {
  const frame = multipartFrame(fields, file, boundary)
  return {
    contentLength: multipartLength(frame, file.size),
    contentType: `multipart/form-data; boundary=${boundary}`,
    async *open(signal) {
      yield frame.head
      yield* readFileChunks(file.path, file.size, chunkSize, signal)
      // Before the closing boundary leaves, so S3 never stores a file that changed mid-read.
      if (file.mtimeMs !== undefined)
        await assertUnchanged(file.path, { size: file.size, mtimeMs: file.mtimeMs })
      yield frame.tail
    },
  }
}
