/**
 * A recording proxy for checking that a benchmark's peer puts the same bytes on the wire as the product: it sits in
 * front of the fake Pinterest, forwards every request unchanged, and keeps the body and framing headers of each
 * `POST …/pins`. Used once per case before the measured rounds, never while timing.
 */
import { createServer, request, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RecordedCreate {
  body: Buffer
  contentType: string | undefined
  /** The Content-Length header as sent (undefined: the body was chunked). */
  contentLength: string | undefined
}

export interface WireRecorder {
  /** Base URL to give the clients: the target's, on the proxy's port. */
  apiBase: string
  /** Recorded creates so far, in arrival order; `take` empties the list. */
  take(): RecordedCreate[]
  close(): Promise<void>
}

export async function startWireRecorder(targetApiBase: string): Promise<WireRecorder> {
  const target = new URL(targetApiBase)
  let recorded: RecordedCreate[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      if (req.method === 'POST' && /\/pins$/.test(new URL(req.url ?? '/', target).pathname))
        recorded.push({
          body,
          contentType: req.headers['content-type'],
          contentLength: req.headers['content-length'],
        })
      const headers: IncomingHttpHeaders = { ...req.headers, host: target.host }
      // The body is forwarded whole, so its framing is re-stated rather than copied.
      delete headers['transfer-encoding']
      headers['content-length'] = String(body.length)
      const up = request(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers)
          answer.pipe(res)
        },
      )
      up.on('error', (e) => res.destroy(e))
      up.end(body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    apiBase: `http://127.0.0.1:${port}${target.pathname.replace(/\/$/, '')}`,
    take() {
      const out = recorded
      recorded = []
      return out
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/**
 * Compares two recorded creates byte for byte; returns what differs, or null when the body, its type and its
 * Content-Length are all the same.
 */
export function wireDifference(a: RecordedCreate, b: RecordedCreate): string | null {
  if (a.body.equals(b.body)) {
    if (a.contentType !== b.contentType) return `content-type ${a.contentType} vs ${b.contentType}`
    if (a.contentLength !== b.contentLength) return `content-length ${a.contentLength} vs ${b.contentLength}`
    return null
  }
  let at = 0
  while (at < a.body.length && a.body[at] === b.body[at]) at++
  const around = (x: Buffer) => JSON.stringify(x.subarray(Math.max(0, at - 40), at + 40).toString('latin1'))
  return `bodies of ${a.body.length} and ${b.body.length} bytes differ at byte ${at}: ${around(a.body)} vs ${around(b.body)}`
}

/**
 * A copy of `create` with the value of the JSON string `key` (its first occurrence) replaced by as many `x`s: for a
 * field each side fills with its own per-create value, so the rest can still be compared byte for byte.
 */
export function maskStringValue(create: RecordedCreate, key: string): RecordedCreate {
  const start = create.body.indexOf(`"${key}":"`)
  if (start < 0) return create
  const from = start + key.length + 4
  const to = create.body.indexOf('"', from)
  const body = Buffer.from(create.body)
  body.fill('x', from, to)
  return { ...create, body }
}
