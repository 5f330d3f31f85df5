import { createHash } from 'node:crypto'
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs'
import { IMAGE_MAX_BYTES } from '../../shared/limits'
import { isPinterestImage, sniffBytes } from '../media/media-sniff'
import type { Lease } from './buffer-pool'

/** Files up to this size take the one-read path. */
const QUICK_MAX_BYTES = 1024 * 1024

export interface QuickImage {
  kind: 'image'
  contentType: 'image/jpeg' | 'image/png'
  size: number
  mtimeMs: number
  /** SHA-256 hex of the bytes read. */
  hash: string
  /** The whole file as read (at most QUICK_MAX_BYTES): the Pin body is built from these same bytes. */
  bytes: Buffer
  /** Gives `bytes` back to where they were taken from; call once they are no longer needed. */
  release: () => void
}

const fresh = (size: number): Lease => ({ bytes: Buffer.allocUnsafe(size), release: () => {} })

/**
 * One synchronous read that identifies and hashes a small JPEG/PNG, and whose bytes then become the Pin body (most photos of a batch are under
 * 1 MB): the async pre-flight plus a separate hashing read cost ~6 file-system round trips per item, which
 * dominated a 1,000-image batch. Returns null whenever the full pre-flight must decide (videos, other
 * types, large files, read errors), so every rule still comes from `preflight.ts`.
 */
export function quickImageCheck(path: string, take: (size: number) => Lease = fresh): QuickImage | null {
  let fd: number | null = null
  let lease: Lease | null = null
  try {
    // open + fstat + read on one descriptor: the stat and the bytes describe the same file, with one path lookup.
    // O_NONBLOCK so a FIFO given as a path cannot hang the open (it is then turned away as not a file).
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK)
    const st = fstatSync(fd)
    if (!st.isFile() || st.size === 0 || st.size > QUICK_MAX_BYTES || st.size > IMAGE_MAX_BYTES) return null
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
