import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import type { RecordedRequest } from './types'

/** One request in flight: what every handler gets. */
export interface Ctx {
  req: IncomingMessage
  res: ServerResponse
  /** Captured up front: Node detaches `req.socket` once the request stream is destroyed. */
  socket: Socket
  url: URL
  /** Mutable record, also visible through `fake.requests`. */
  record: RecordedRequest
  /** reset_after_commit: compute the answer, then destroy the socket instead of sending it. */
  dropAnswer: boolean
  /** Set once the body has been read to the end (or the socket is gone). */
  bodyDone: boolean
}

export function newRequestId(): string {
  return randomBytes(8).toString('hex')
}

/** Thrown by handlers to answer a Pinterest JSON error; the dispatcher turns it into the response. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
  }
}

/** Reads the request body chunk by chunk, counting bytes into the record. */
export async function* bodyChunks(ctx: Ctx): AsyncGenerator<Buffer> {
  if (ctx.bodyDone) return
  // destroyOnReturn false: a handler that stops reading early (an S3 error mid-body) must not kill the
  // connection; drain() then reads the rest so keep-alive survives.
  for await (const chunk of ctx.req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
    ctx.record.bytesReceived += chunk.length
    yield chunk
  }
  ctx.bodyDone = true
}

/** Whole body in memory, refusing more than `limit` bytes (413, as a front proxy would). */
export async function readBody(ctx: Ctx, limit: number): Promise<Buffer> {
  const parts: Buffer[] = []
  let size = 0
  for await (const chunk of bodyChunks(ctx)) {
    size += chunk.length
    if (size > limit) {
      await drain(ctx)
      throw new HttpError(413, 1, `Request body larger than ${limit} bytes.`)
    }
    parts.push(chunk)
  }
  return Buffer.concat(parts)
}

/** Reads and discards the rest of the body so the connection stays usable (keep-alive). */
export async function drain(ctx: Ctx): Promise<void> {
  if (ctx.bodyDone || ctx.req.destroyed) return
  try {
    for await (const _chunk of bodyChunks(ctx)) {
      // discard
    }
  } catch {
    ctx.bodyDone = true
  }
}

/**
 * Every answer goes through here: it drains the unread body first (so clients that are still writing get a
 * clean answer rather than a reset), stamps x-pinterest-rid, and honours reset_after_commit.
 */
export async function send(
  ctx: Ctx,
  status: number,
  headers: Record<string, string>,
  body?: string | Buffer,
): Promise<void> {
  await drain(ctx)
  ctx.record.status = status
  if (ctx.dropAnswer) {
    ctx.record.answerDropped = true
    ctx.socket.destroy()
    return
  }
  if (ctx.res.headersSent || ctx.res.destroyed) return
  const out: Record<string, string | number> = { 'x-pinterest-rid': ctx.record.requestId, ...headers }
  if (body !== undefined) out['content-length'] = Buffer.byteLength(body)
  ctx.res.writeHead(status, out)
  ctx.res.end(body)
}

export function sendJson(
  ctx: Ctx,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): Promise<void> {
  return send(
    ctx,
    status,
    { 'content-type': 'application/json; charset=utf-8', ...headers },
    JSON.stringify(value),
  )
}

export function sendError(
  ctx: Ctx,
  status: number,
  code: number,
  message: string,
  headers: Record<string, string> = {},
): Promise<void> {
  return sendJson(ctx, status, { code, message }, headers)
}

export function sendHtml(ctx: Ctx, status: number, title: string, text: string): Promise<void> {
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)
  const html = `<!doctype html><html><head><title>${esc(title)}</title></head><body><h1>${esc(title)}</h1><p>${esc(text)}</p></body></html>`
  return send(ctx, status, { 'content-type': 'text/html; charset=utf-8' }, html)
}

/** S3 answers errors as XML, not Pinterest JSON. */
export function sendS3Error(ctx: Ctx, status: number, code: string, message: string): Promise<void> {
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${code}</Code><Message>${message.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`)}</Message>` +
    `<RequestId>${ctx.record.requestId}</RequestId></Error>`
  return send(ctx, status, { 'content-type': 'application/xml' }, xml)
}

export function redactAuthorization(value: string | undefined): string | null {
  if (!value) return null
  const scheme = value.split(' ')[0] ?? ''
  return `${scheme} <redacted>`
}

/** Bookmarks are opaque to clients: base64url of the next offset. */
function encodeBookmark(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url')
}

function decodeBookmark(bookmark: string | null | undefined): number {
  if (!bookmark) return 0
  const m = /^o:(\d+)$/.exec(Buffer.from(bookmark, 'base64url').toString('utf8'))
  if (!m) throw new HttpError(400, 1, 'Invalid bookmark.')
  return Number(m[1])
}

/** `page_size`: default 25, 1..250 as the spec's BookmarkParams say; anything else is 400 code 1. */
function pageSize(url: URL): number {
  const raw = url.searchParams.get('page_size')
  if (raw === null) return 25
  if (!/^\d+$/.test(raw)) throw new HttpError(400, 1, 'Invalid parameters: page_size must be an integer.')
  const n = Number(raw)
  if (n < 1 || n > 250)
    throw new HttpError(400, 1, `Invalid parameters: page_size must be between 1 and 250, got ${n}.`)
  return n
}

export function paginate<T>(url: URL, all: readonly T[]): { items: T[]; bookmark: string | null } {
  const size = pageSize(url)
  const start = decodeBookmark(url.searchParams.get('bookmark'))
  const items = all.slice(start, start + size)
  const next = start + size
  return { items, bookmark: next < all.length ? encodeBookmark(next) : null }
}
