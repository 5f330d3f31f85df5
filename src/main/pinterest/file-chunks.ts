import { open, stat } from 'node:fs/promises'
import { ApiError } from './api-types'
import { cancelled } from './rate-governor'

/** Size and modification time taken before a transfer, compared after it. */
export interface FileStamp {
  /** Bytes. */
  size: number
  mtimeMs: number
}

export async function stampOf(path: string): Promise<FileStamp> {
  const st = await stat(path)
  return { size: st.size, mtimeMs: st.mtimeMs }
}

export const fileChanged = (path: string) =>
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
 * Reads exactly `size` bytes of a file in chunks of `chunkSize` (each a fresh buffer handed on without copying),
 * stopping at once when `signal` aborts. A file shorter than `size` means it changed under us: the declared
 * Content-Length would lie, so that is an error rather than a short body.
 */
export async function* readFileChunks(path: string, size: number, chunkSize: number, signal?: AbortSignal): AsyncGenerator<Buffer> {
  const fh = await open(path, 'r')
  try {
    let pos = 0
    while (pos < size) {
      if (signal?.aborted) throw cancelled()
      const want = Math.min(chunkSize, size - pos)
      const buf = Buffer.allocUnsafe(want)
      let filled = 0
      while (filled < want) {
        const { bytesRead } = await fh.read(buf, filled, want - filled, pos + filled)
        if (bytesRead === 0) throw fileChanged(path)
        filled += bytesRead
      }
      pos += want
      yield buf
    }
  } finally {
    await fh.close()
  }
}
