/**
 * The peer of pipeline-throughput.bench.ts: a bare loop making the same `POST /pins` calls (image_base64 media
 * source) with undici, at a fixed concurrency, with no queue, database, hashing or validation.
 *
 * It imports nothing from src/: it builds its JSON bodies and sends them itself, so the ratio compares the product
 * with an independent implementation of the same work (the project rule: a peer must not reuse the code it is
 * compared with). That the bytes on the wire are the same is checked by wire-recorder.ts, not assumed.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import { Agent, request } from 'undici'

export interface BareTarget {
  apiBase: string
  token: string
  boardId: string
  /**
   * Send a `dominant_color` of the loop's own with each create (a different `#rrggbb` each time). Set when the
   * product is seen sending one as a per-create mark, so both put the same number of bytes on the wire.
   */
  markColour?: boolean
}

let marks = 0
/** A colour per create, cheap and distinct: what matters is its seven characters, not its value. */
const nextMark = (): string => `#${(marks++ & 0xffffff).toString(16).padStart(6, '0')}`

/**
 * Input bytes per base64 string: a multiple of 3 (so no padding mid-body), small enough that each string is a
 * short-lived young-generation object. Measured on this machine for 150–450 KB photos: 24 KiB slices cost about a
 * fifth of the CPU of one string per file, whose large strings make V8 run full collections.
 */
const SLICE = 3 * 8 * 1024

/** Length of the base64 text of `n` bytes, padding included. */
const base64Length = (n: number): number => 4 * Math.ceil(n / 3)

/**
 * The create body for one file, written into `out` (grown when too small) and returned as a view of it:
 * `{"board_id":…,"title":…,"media_source":{"source_type":"image_base64","content_type":"image/jpeg","data":"…"}}`,
 * with `"dominant_color":…` after the title when `markColour` is set. The data comes last so it can be written straight after the text before it; title and board id go through
 * JSON.stringify for their escaping.
 */
function bareBody(target: BareTarget, title: string, bytes: Buffer, out: { buf: Buffer }): Buffer {
  const head =
    `{"board_id":${JSON.stringify(target.boardId)},"title":${JSON.stringify(title)},` +
    (target.markColour ? `"dominant_color":"${nextMark()}",` : '') +
    `"media_source":{"source_type":"image_base64","content_type":"image/jpeg","data":"`
  const tail = '"}}'
  const size = Buffer.byteLength(head) + base64Length(bytes.length) + tail.length
  if (out.buf.length < size) out.buf = Buffer.allocUnsafeSlow(size)
  const buf = out.buf
  let at = buf.write(head, 0, 'utf8')
  for (let from = 0; from < bytes.length; from += SLICE)
    at += buf.write(bytes.toString('base64', from, Math.min(bytes.length, from + SLICE)), at, 'latin1')
  at += buf.write(tail, at, 'latin1')
  return buf.subarray(0, at)
}

/**
 * Sends one create per file, `concurrency` at a time, titles from `titleOf`; returns the seconds taken. Each worker
 * reads into one reused buffer and writes the body into another, and hands undici that single buffer (so it goes out
 * with a Content-Length, in as few writes as the socket allows): the cheapest way a loop can do it.
 */
export async function bareLoop(
  target: BareTarget,
  files: string[],
  titleOf: (path: string) => string,
  concurrency: number,
): Promise<number> {
  const agent = new Agent({ connections: concurrency * 2, keepAliveTimeout: 30_000 })
  const url = `${target.apiBase}/pins`
  const headers = { authorization: `Bearer ${target.token}`, 'content-type': 'application/json' }
  let next = 0
  const t0 = performance.now()
  const worker = async (): Promise<void> => {
    let raw = Buffer.allocUnsafeSlow(64 * 1024)
    const out = { buf: Buffer.allocUnsafeSlow(64 * 1024) }
    while (next < files.length) {
      const file = files[next++]!
      const fd = openSync(file, 'r')
      let bytes: Buffer
      try {
        const size = fstatSync(fd).size
        if (raw.length < size) raw = Buffer.allocUnsafeSlow(size)
        bytes = raw.subarray(0, readSync(fd, raw, 0, size, 0))
      } finally {
        closeSync(fd)
      }
      const res = await request(url, {
        method: 'POST',
        dispatcher: agent,
        headers,
        body: bareBody(target, titleOf(file), bytes, out),
      })
      await res.body.text()
      if (res.statusCode >= 300) throw new Error(`bare create answered ${res.statusCode}`)
    }
  }
  try {
    await Promise.all(Array.from({ length: concurrency }, worker))
    return (performance.now() - t0) / 1000
  } finally {
    await agent.close()
  }
}
