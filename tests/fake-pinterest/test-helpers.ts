import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import { request } from 'undici'
import type { FakePinterest } from '../../src/main/fake-pinterest/types'

/** Smallest byte sequences that pass a JPEG / PNG magic-number check (not decodable images). */
export const JPEG_BYTES = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0xff, 0xd9,
])
export const PNG_BYTES = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
])
export const JPEG_B64 = JPEG_BYTES.toString('base64')
export const PNG_B64 = PNG_BYTES.toString('base64')

export const sha256Hex = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex')

export interface JsonAnswer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: unknown
  text: string
}

/** One JSON call against the fake's /v5 API with a bearer token. */
export async function api(
  fake: FakePinterest,
  token: string | null,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<JsonAnswer> {
  const headers: Record<string, string> = {}
  if (token) headers.authorization = `Bearer ${token}`
  if (body !== undefined) headers['content-type'] = 'application/json'
  const res = await request(`${fake.apiBase}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.body.text()
  let parsed: unknown = null
  try {
    parsed = text ? JSON.parse(text) : null
  } catch {
    parsed = null
  }
  return { status: res.statusCode, headers: res.headers, body: parsed, text }
}

export interface RegisteredMedia {
  media_id: string
  upload_url: string
  upload_parameters: Record<string, string>
}

export async function registerMedia(fake: FakePinterest, token: string): Promise<RegisteredMedia> {
  const r = await api(fake, token, 'POST', '/media', { media_type: 'video' })
  if (r.status !== 201) throw new Error(`POST /media answered ${r.status}: ${r.text}`)
  return r.body as RegisteredMedia
}

export type FormPart = { name: string; value: string } | { name: 'file'; file: Buffer; filename?: string }

/** Builds a multipart/form-data body by hand so tests control field order and content exactly. */
export function multipartBody(
  parts: FormPart[],
  boundary = `----pinload${Date.now().toString(16)}`,
): { body: Buffer; contentType: string } {
  const chunks: Buffer[] = []
  for (const p of parts) {
    if ('file' in p) {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${p.filename ?? 'clip.mp4'}"\r\nContent-Type: video/mp4\r\n\r\n`,
        ),
      )
      chunks.push(p.file, Buffer.from('\r\n'))
    } else {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`,
        ),
      )
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`))
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` }
}

/** The parameters in the order handed out, then the file: what a correct client sends. */
export function uploadParts(params: Record<string, string>, file: Buffer): FormPart[] {
  return [...Object.entries(params).map(([name, value]) => ({ name, value })), { name: 'file', file }]
}

/** POST to the S3 endpoint; `chunked` sends the same bytes as a stream without Content-Length. */
export async function postUpload(
  url: string,
  form: { body: Buffer; contentType: string },
  opts: { chunked?: boolean } = {},
): Promise<{ status: number; text: string; headers: JsonAnswer['headers'] }> {
  const res = await request(url, {
    method: 'POST',
    headers: { 'content-type': form.contentType },
    body: opts.chunked ? Readable.from([form.body]) : form.body,
  })
  return { status: res.statusCode, text: await res.body.text(), headers: res.headers }
}

/** A fake clock tests move by hand. */
export function manualClock(start = Date.parse('2026-01-15T10:00:00Z')): {
  now: () => number
  advance(ms: number): void
} {
  let t = start
  return {
    now: () => t,
    advance(ms: number) {
      t += ms
    },
  }
}
