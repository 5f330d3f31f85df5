import type { OutgoingBody } from './outgoing-body'
import { assertUnchanged, readFileChunks } from './file-chunks'

/** Length in bytes of the base64 text of `n` bytes (with padding). */
export function base64Length(n: number): number {
  return 4 * Math.ceil(n / 3)
}

/** A marker for where the base64 text goes; split out of the JSON text, so never sent. */
const SLOT = '\u0001pinload-base64\u0001'

/**
 * Splits a JSON document around one string value that will be streamed: returns the bytes before and after it,
 * quotes included. The slot must be the document's last string value in serialisation order (the caller puts the
 * data key last), which is why the last occurrence is taken: a user's title cannot shift it.
 */
export function jsonFrame(build: (slot: string) => unknown): { prefix: Buffer; suffix: Buffer } {
  const text = JSON.stringify(build(SLOT))
  const quoted = JSON.stringify(SLOT)
  const at = text.lastIndexOf(quoted)
  if (at < 0) throw new Error('jsonFrame: the slot is missing from the document')
  return {
    prefix: Buffer.from(`${text.slice(0, at)}"`, 'utf8'),
    suffix: Buffer.from(`"${text.slice(at + quoted.length)}`, 'utf8'),
  }
}

/**
 * Base64-encodes a stream of buffers on the fly. Input chunks whose length is a multiple of 3 pass through with one
 * encode; otherwise the 1–2 leftover bytes are carried into the next chunk so no padding appears mid-stream.
 */
export async function* base64Encode(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let carry: Buffer | null = null
  for await (const chunk of source) {
    const data: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk
    const whole = data.length - (data.length % 3)
    carry = whole < data.length ? Buffer.from(data.subarray(whole)) : null
    if (whole > 0) yield Buffer.from(data.subarray(0, whole).toString('base64'), 'latin1')
  }
  if (carry) yield Buffer.from(carry.toString('base64'), 'latin1')
}

/** Bytes encoded per string (a multiple of 3, so no padding mid-way): 64 KiB of text, a young-generation object. */
const ENCODE_SLICE = 3 * 16 * 1024

/**
 * The same JSON body for a small file already read whole: one buffer, so headers and body leave in one write.
 * `check` (the file-unchanged check) runs each time the body is opened, before any of it leaves: the bytes are
 * fixed at read time, so what it guards is that the file on disk is still the one that was read and hashed.
 */
export function base64JsonBodyFromBytes(
  build: (slot: string) => unknown,
  bytes: Buffer,
  check: () => void,
  alloc: (size: number) => Buffer = (size) => Buffer.allocUnsafe(size),
): OutgoingBody {
  const { prefix, suffix } = jsonFrame(build)
  const whole = alloc(prefix.length + base64Length(bytes.length) + suffix.length)
  let at = prefix.copy(whole, 0)
  // Encoded a slice at a time: one string for a whole photo would be a large object in V8's old space, and
  // a few hundred of those a minute cost more in full collections than the encoding itself.
  for (let from = 0; from < bytes.length; from += ENCODE_SLICE) {
    at += whole.write(
      bytes.toString('base64', from, Math.min(bytes.length, from + ENCODE_SLICE)),
      at,
      'latin1',
    )
  }
  suffix.copy(whole, at)
  return {
    contentLength: whole.length,
    contentType: 'application/json',
    *open() {
      check()
      yield whole
    },
  }
}

/**
 * A JSON body with a local file's bytes as one base64 string value, streamed from disk with an exact length:
 * prefix + 4·ceil(n/3) + suffix. `build(slot)` returns the document with `slot` where the data goes (last key).
 * With `mtimeMs`, the file's size and mtime are compared with the stamp before the closing bytes are sent.
 */
export function base64JsonBody(
  build: (slot: string) => unknown,
  file: { path: string; size: number; mtimeMs?: number },
  chunkSize: number,
): OutgoingBody {
  const { prefix, suffix } = jsonFrame(build)
  const readSize = Math.max(3, chunkSize - (chunkSize % 3))
  return {
    contentLength: prefix.length + base64Length(file.size) + suffix.length,
    contentType: 'application/json',
    async *open(signal) {
      yield prefix
      yield* base64Encode(readFileChunks(file.path, file.size, readSize, signal))
      // Checked before the last bytes leave: a changed file then fails the request instead of creating a torn Pin.
      if (file.mtimeMs !== undefined)
        await assertUnchanged(file.path, { size: file.size, mtimeMs: file.mtimeMs })
      yield suffix
    },
  }
}
