import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { readFile } from 'node:fs/promises'

/** Files up to this size are read in one call: cheaper than a stream for the common small photo. */
const WHOLE_READ_BYTES = 4 * 1024 * 1024

/** SHA-256 of a file as hex, streamed in 1 MiB chunks so a 2 GB video costs no more memory than a photo. */
export async function hashFile(path: string, signal?: AbortSignal, sizeHint?: number): Promise<string> {
  const h = createHash('sha256')
  if (sizeHint !== undefined && sizeHint <= WHOLE_READ_BYTES)
    return h.update(await readFile(path, { signal })).digest('hex')
  const stream = createReadStream(path, { highWaterMark: 1 << 20, signal })
  for await (const chunk of stream) h.update(chunk as Buffer)
  return h.digest('hex')
}
