import { constants, type Stats } from 'node:fs'
import { open, stat } from 'node:fs/promises'

/**
 * Reads a small file a user named (a CSV, a sidecar) without trusting it: stat first, only a regular file, and
 * never more than `maxBytes`. A named pipe or a device opened for reading blocks (or never ends), which would
 * hold one of libuv's four file threads for good; a file that grows after the stat is still cut off at the cap.
 */

export type BoundedRead =
  | { ok: true; bytes: Buffer }
  | { ok: false; reason: 'missing'; message: string }
  | { ok: false; reason: 'not_file'; message: string }
  | { ok: false; reason: 'too_large'; message: string; size: number }
  | { ok: false; reason: 'unreadable'; message: string; code: string }

/** O_NONBLOCK makes opening a FIFO return at once instead of waiting for a writer; Windows has no such flag. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)

function codeOf(e: unknown): string {
  return typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : String(e)
}

/** What a path that is not a regular file is, in words. */
function describeNonFile(s: Stats): string {
  if (s.isDirectory()) return 'a folder'
  if (s.isFIFO()) return 'a named pipe (FIFO)'
  if (s.isSocket()) return 'a socket'
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'a device'
  return 'not a regular file'
}

/** Checks a stat of `what`: a regular file no larger than `maxBytes`, or why not. */
function refuse(s: Stats, what: string, maxBytes: number): BoundedRead | null {
  if (!s.isFile())
    return { ok: false, reason: 'not_file', message: `${what} is ${describeNonFile(s)}, not a file` }
  if (s.size > maxBytes)
    return { ok: false, reason: 'too_large', message: `${what} is too large`, size: s.size }
  return null
}

/**
 * The bytes of `path` if it is a regular file of at most `maxBytes`. `what` names the file in messages
 * ("Sidecar photo.json"); callers word the size limit themselves from `size`.
 */
export async function readBoundedFile(path: string, maxBytes: number, what: string): Promise<BoundedRead> {
  let before: Stats
  try {
    before = await stat(path)
  } catch (e) {
    const code = codeOf(e)
    if (code === 'ENOENT') return { ok: false, reason: 'missing', message: `${what} was not found` }
    return { ok: false, reason: 'unreadable', message: `${what} cannot be read (${code})`, code }
  }
  const early = refuse(before, what, maxBytes)
  if (early) return early
  let fh
  try {
    fh = await open(path, OPEN_FLAGS)
  } catch (e) {
    const code = codeOf(e)
    return { ok: false, reason: 'unreadable', message: `${what} cannot be read (${code})`, code }
  }
  try {
    // The path may have been swapped for a pipe between the stat and the open: check what was opened.
    const opened = await fh.stat()
    const late = refuse(opened, what, maxBytes)
    if (late) return late
    // One byte past the cap tells a file that grew beyond it since the stat from one that ends right at it.
    const limit = maxBytes + 1
    let buf = Buffer.alloc(Math.min(opened.size + 1, limit))
    let filled = 0
    for (;;) {
      if (filled === buf.length) {
        if (filled >= limit)
          return { ok: false, reason: 'too_large', message: `${what} is too large`, size: filled }
        const bigger = Buffer.alloc(Math.min(buf.length * 2, limit))
        buf.copy(bigger, 0, 0, filled)
        buf = bigger
      }
      const { bytesRead } = await fh.read(buf, filled, buf.length - filled, filled)
      if (bytesRead === 0) break
      filled += bytesRead
    }
    return { ok: true, bytes: buf.subarray(0, filled) }
  } catch (e) {
    const code = codeOf(e)
    return { ok: false, reason: 'unreadable', message: `${what} cannot be read (${code})`, code }
  } finally {
    await fh.close()
  }
}
