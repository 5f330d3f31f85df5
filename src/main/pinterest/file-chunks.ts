import { statSync } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import { ApiError } from './api-error'
import { cancelled } from './rate-governor'

/** Size and modification time taken before a transfer, compared after it. */
export interface FileStamp {
  /** Bytes. */
  size: number
  mtimeMs: number
}

/** Size and mtime of a file about to be sent; a file that cannot be read is a `validation` failure (no retry helps). */
export async function stampOf(path: string): Promise<FileStamp> {
  try {
    const st = await stat(path)
    return { size: st.size, mtimeMs: st.mtimeMs }
  } catch (err) {
    throw unreadable(path, err)
  }
}

function unreadable(path: string, err: unknown): ApiError {
  const code = (err as NodeJS.ErrnoException).code
  return new ApiError('validation', `The file cannot be read (${code ?? String(err)}): ${path}`, {
    fix:
      code === 'ENOENT'
        ? 'The file was moved or deleted: put it back or remove it from the queue.'
        : 'Check the file’s permissions.',
  })
}

const fileChanged = (path: string) =>
  new ApiError('transient', `The file changed during upload: ${path}`, {
    fix: 'Wait until the file is fully written, then retry.',
  })

/** Throws when size or mtime differ from the stamp taken before the transfer. */
export async function assertUnchanged(path: string, before: FileStamp): Promise<void> {
  let after: FileStamp
  try {
    after = await stampOf(path)
  } catch {
    throw fileChanged(path)
  }
  if (after.size !== before.size || after.mtimeMs !== before.mtimeMs) throw fileChanged(path)
}

/**
 * The same check with a synchronous stat, for a small file whose bytes were read whole (synchronously too): an
 * async stat costs a thread-pool round trip and two promises per Pin for a call that takes microseconds.
 */
export function assertUnchangedSync(path: string, before: FileStamp): void {
  let size: number
  let mtimeMs: number
  try {
    ;({ size, mtimeMs } = statSync(path))
  } catch {
    throw fileChanged(path)
  }
  if (size !== before.size || mtimeMs !== before.mtimeMs) throw fileChanged(path)
}

/** Buffers a reader cycles through: the one being filled, the one being sent, and two that may still be queued. */
const RING = 4

/**
 * Reads exactly `size` bytes of a file in chunks of `chunkSize`, stopping at once when `signal` aborts. The next
 * chunk is read while the current one is being sent, so the disk and the socket work in parallel.
 *
 * The chunks come from a ring of RING reused buffers: fresh 1 MiB buffers cost an mmap, 256 page faults and a munmap
 * each, which made uploads several times more CPU-hungry than curl. So a yielded chunk stays valid only until
 * RING - 2 further chunks have been pulled. That holds for undici (a chunk at least the socket's high-water mark
 * is flushed before the next is pulled, and at most one smaller one can still be queued) and for the base64
 * encoder (it copies each chunk before pulling the next).
 *
 * A file shorter than `size` means it changed under us: the declared Content-Length would lie, so that is an
 * error rather than a short body.
 */
export async function* readFileChunks(
  path: string,
  size: number,
  chunkSize: number,
  signal?: AbortSignal,
): AsyncGenerator<Buffer> {
  const fh = await open(path, 'r').catch((err: unknown) => {
    throw unreadable(path, err)
  })
  const ring: Buffer[] = []
  // A buffer never larger than the file: a 2 KB photo must not cost a 1 MiB off-heap allocation (and the GC it
  // triggers) per upload.
  const bufBytes = Math.max(1, Math.min(chunkSize, size))
  const readAt = async (pos: number, index: number): Promise<Buffer> => {
    const want = Math.min(chunkSize, size - pos)
    ring[index % RING] ??= Buffer.allocUnsafe(bufBytes)
    const buf = ring[index % RING]!.subarray(0, want)
    let filled = 0
    while (filled < want) {
      const { bytesRead } = await fh.read(buf, filled, want - filled, pos + filled)
      if (bytesRead === 0) throw fileChanged(path)
      filled += bytesRead
    }
    return buf
  }
  let pending: Promise<Buffer> | null = null
  try {
    let pos = 0
    let index = 0
    if (size > 0) pending = readAt(0, index)
    while (pending) {
      const buf: Buffer = await pending
      pending = null
      pos += buf.length
      index++
      if (signal?.aborted) throw cancelled()
      if (pos < size) pending = readAt(pos, index)
      yield buf
    }
  } finally {
    // A read still in flight must finish before its handle closes.
    if (pending) await pending.catch(() => undefined)
    await fh.close()
  }
}
