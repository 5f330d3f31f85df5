import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One request as the proxy saw it: enough for a test to pick the one it wants to hold. */
export interface ProxiedRequest {
  method: string
  /** Path and query, as sent. */
  path: string
  /** The request body as text (token calls are small forms). */
  body: string
}

/** A request the proxy keeps from the server until the test releases it. */
interface HeldRequest {
  /** Resolves with the request once it has reached the proxy and is being held. */
  readonly arrived: Promise<ProxiedRequest>
  /** Resolves when the client gave up on it (closed the connection) while it was held or being answered. */
  readonly abandoned: Promise<void>
  /** Resolves with the server's status once the server has answered it (after `release`). */
  readonly answered: Promise<number>
  /** Lets the request go on to the server; its answer goes back to the client if the client still waits. */
  release(): void
}

export interface HoldingProxy {
  /** `http://127.0.0.1:PORT`: use it in place of the target's origin. */
  readonly origin: string
  /** Every request seen so far, in arrival order. */
  readonly requests: readonly ProxiedRequest[]
  /** Holds the next request `match` accepts (once). */
  hold(match: (r: ProxiedRequest) => boolean): HeldRequest
  close(): Promise<void>
}

interface Hold {
  match: (r: ProxiedRequest) => boolean
  taken: boolean
  arrived: (r: ProxiedRequest) => void
  abandoned: () => void
  answered: (status: number) => void
  released: Promise<void>
  release: () => void
}

/**
 * A pass-through HTTP proxy in front of the fake Pinterest that can hold one chosen request (a token refresh, not
 * the sign-in's code exchange on the same path) until the test says so: the moments a race test needs are then
 * events it awaits, never a fixed delay that a busy machine can outrun.
 */
export async function startHoldingProxy(target: string): Promise<HoldingProxy> {
  const upstream = new URL(target)
  const holds: Hold[] = []
  const requests: ProxiedRequest[] = []

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks)
    const seen: ProxiedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', body: String(body) }
    requests.push(seen)
    const hold = holds.find((h) => !h.taken && h.match(seen))
    if (hold) {
      hold.taken = true
      res.once('close', () => {
        if (!res.writableFinished) hold.abandoned()
      })
      hold.arrived(seen)
      await hold.released
    }
    const headers = { ...req.headers, host: upstream.host }
    const out = request(
      { host: upstream.hostname, port: upstream.port, method: seen.method, path: seen.path, headers },
      (answer) => {
        const status = answer.statusCode ?? 0
        hold?.answered(status)
        if (res.destroyed) {
          answer.resume()
          return
        }
        res.writeHead(status, answer.headers)
        answer.pipe(res)
      },
    )
    out.on('error', () => {
      hold?.answered(0)
      res.destroy()
    })
    out.end(body)
  }

  const server: Server = createServer((req, res) => void handle(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    origin,
    requests,
    hold(match) {
      const h = { match, taken: false } as Hold
      const arrived = new Promise<ProxiedRequest>((resolve) => (h.arrived = resolve))
      const abandoned = new Promise<void>((resolve) => (h.abandoned = resolve))
      const answered = new Promise<number>((resolve) => (h.answered = resolve))
      h.released = new Promise<void>((resolve) => (h.release = resolve))
      holds.push(h)
      return { arrived, abandoned, answered, release: () => h.release() }
    },
    close() {
      // Nothing stays held past the test: what was held goes on (and fails, once the server is gone).
      for (const h of holds) h.release()
      server.closeAllConnections()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}
