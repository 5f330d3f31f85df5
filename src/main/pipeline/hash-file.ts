import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'

/** SHA-256 of a file as hex, streamed in 1 MiB chunks so a 2 GB video costs no more memory than a photo. */
export async function hashFile(path: string, signal?: AbortSignal): Promise<string> {
  const h = createHash('sha256')
  const stream = createReadStream(path, { highWaterMark: 1 << 20, signal })
  for await (const chunk of stream) h.update(chunk as Buffer)
  return h.digest('hex')
}
