import type { Readable } from 'node:stream'
import { request, type Dispatcher } from 'undici'
import type { ByteProgress } from './api-types'
import { ApiError } from './api-error'
import { errorFromNetwork } from './http-errors'
import type { OutgoingBody } from './outgoing-body'
import { cancelled } from './rate-governor'
import type { Throttle } from './throttle'

/** One HTTP exchange, with the body streamed, counted and paced where its bytes leave. */
export interface SendOptions {
  dispatcher: Dispatcher
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  url: string
  headers: Record<string, string>
  body?: OutgoingBody
  signal?: AbortSignal
  onProgress?: ByteProgress
  throttle?: Throttle
  /** Longest silence (ms) before the exchange is given up: no byte leaving and no answer. */
  idleTimeoutMs: number
  /** Names the operation in error messages, e.g. "Creating the Pin". */
  what: string
  /** A create without an idempotency key: a failure after the whole body left has an unknown outcome. */
  unsafe: boolean
}

/** A complete answer of any status; network failures throw ApiError instead. */
export interface SendResult {
  status: number
  headers: Record<string, string | string[] | undefined>
  bodyText: string
}

class IdleTimeout extends Error {
  constructor() {
    super('idle timeout')
    this.name = 'IdleTimeout'
  }
}

/**
 * Sends one request. The body goes as an async iterable with an exact Content-Length (undici never chunks it);
 * progress counts a chunk once undici asks for the next one, i.e. once it was written to the socket. An idle
 * watchdog replaces undici's headers timeout, which a throttled upload would trip because it is only refreshed
 * on socket back-pressure. Cancelling aborts the undici request and the file stream at once.
 */
export async function send(opts: SendOptions): Promise<SendResult> {
  if (opts.signal?.aborted) throw cancelled()
  // The caller's abort is relayed to one controller by hand: AbortSignal.any costs a composite signal, weak
  // references and a finalizer per request.
  const internal = new AbortController()
  const signal = internal.signal
  const outer = opts.signal
  const relay = () => internal.abort(outer?.reason)
  outer?.addEventListener('abort', relay, { once: true })
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    internal.abort(new IdleTimeout())
  }, opts.idleTimeoutMs)
  const kick = () => timer.refresh()
  const state = { bodySent: opts.body === undefined }

  const headers: Record<string, string> = { ...opts.headers }
  let body: AsyncIterable<Uint8Array> | undefined
  if (opts.body) {
    const total = opts.body.contentLength
    headers['content-type'] = opts.body.contentType
    headers['content-length'] = String(total)
    body = counted(opts.body.open(signal), total, signal, state, kick, opts.onProgress, opts.throttle)
  }

  try {
    const res = await request(opts.url, {
      dispatcher: opts.dispatcher,
      method: opts.method,
      headers,
      // undici accepts any async iterable at run time (client-h1 writeIterable); its typings list only Readable.
      body: body as unknown as Readable | undefined,
      signal,
      headersTimeout: 0,
      bodyTimeout: opts.idleTimeoutMs,
    })
    kick()
    const bodyText = await res.body.text()
    return { status: res.statusCode, headers: res.headers, bodyText }
  } catch (err) {
    if (opts.signal?.aborted) throw cancelled()
    if (err instanceof ApiError) throw err
    throw errorFromNetwork(err, opts.what, { unsafe: opts.unsafe, bodySent: state.bodySent, timedOut })
  } finally {
    clearTimeout(timer)
    outer?.removeEventListener('abort', relay)
  }
}

async function* counted(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  total: number,
  signal: AbortSignal,
  state: { bodySent: boolean },
  kick: () => void,
  onProgress: ByteProgress | undefined,
  throttle: Throttle | undefined,
): AsyncGenerator<Uint8Array> {
  let sent = 0
  for await (const chunk of source) {
    if (throttle) {
      await throttle.take(chunk.length, signal)
      kick()
    }
    yield chunk
    // Resumed only when undici wants the next chunk: this one has been written.
    sent += chunk.length
    kick()
    onProgress?.(sent, total)
  }
  state.bodySent = true
}
