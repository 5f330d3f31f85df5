import { createHash, randomBytes } from 'node:crypto'
import { Readable } from 'node:stream'
import { Client } from 'undici'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import {
  api,
  manualClock,
  multipartBody,
  postUpload,
  registerMedia,
  sha256Hex,
  uploadParts,
  type FormPart,
} from './test-helpers'

const clock = manualClock()
let fake: FakePinterest
let token: string
beforeAll(async () => {
  fake = await startFakePinterest({
    now: clock.now,
    mediaProcessingMs: 5_000,
    uploadPolicyTtlMs: 60_000,
    rateLimits: false,
  })
})
afterAll(async () => {
  await fake.close()
})
afterEach(() => fake.reset())

const status = async (id: string) =>
  ((await api(fake, token, 'GET', `/media/${id}`)).body as { status: string }).status

async function fresh() {
  token = fake.issueToken().accessToken
  return registerMedia(fake, token)
}

describe('S3 upload endpoint', () => {
  it('hands out upload parameters that point at the fake', async () => {
    const m = await fresh()
    expect(m.upload_url).toBe(`${fake.baseUrl}/s3-upload/`)
    expect(Object.keys(m.upload_parameters)).toEqual([
      'x-amz-date',
      'x-amz-signature',
      'x-amz-security-token',
      'x-amz-algorithm',
      'key',
      'policy',
      'x-amz-credential',
      'Content-Type',
    ])
    expect(m.upload_parameters['Content-Type']).toBe('multipart/form-data')
    expect(m.upload_parameters['x-amz-algorithm']).toBe('AWS4-HMAC-SHA256')
    expect(m.upload_parameters.key).toContain(m.media_id)
    expect(m.media_id).toMatch(/^\d+$/)
  })

  it('answers 204, keeps size and sha256, and moves the media registered → processing → succeeded', async () => {
    const m = await fresh()
    const file = randomBytes(300_000)
    expect(await status(m.media_id)).toBe('registered')
    const up = await postUpload(m.upload_url, multipartBody(uploadParts(m.upload_parameters, file)))
    expect(up.status).toBe(204)
    expect(up.text).toBe('')
    expect(up.headers['x-pinterest-rid']).toBeTruthy()
    expect(fake.media[0]).toMatchObject({
      media_id: m.media_id,
      uploaded_bytes: file.length,
      sha256: sha256Hex(file),
      upload_count: 1,
      status: 'processing',
    })
    expect(await status(m.media_id)).toBe('processing')
    clock.advance(4_999)
    expect(await status(m.media_id)).toBe('processing')
    clock.advance(1)
    expect(await status(m.media_id)).toBe('succeeded')
    const rec = fake.requests.find((r) => r.category === 's3')!
    expect(rec).toMatchObject({
      method: 'POST',
      path: '/s3-upload/',
      status: 204,
      chunked: false,
      authorization: null,
    })
    expect(rec.bytesReceived).toBeGreaterThan(file.length)
  })

  it('ends in failed for failMedia("next") and failMedia(id)', async () => {
    token = fake.issueToken().accessToken
    fake.failMedia('next')
    const a = await registerMedia(fake, token)
    const b = await registerMedia(fake, token)
    const c = await registerMedia(fake, token)
    fake.failMedia(c.media_id)
    for (const m of [a, b, c])
      expect(
        (await postUpload(m.upload_url, multipartBody(uploadParts(m.upload_parameters, Buffer.from('x')))))
          .status,
      ).toBe(204)
    clock.advance(5_000)
    expect([await status(a.media_id), await status(b.media_id), await status(c.media_id)]).toEqual([
      'failed',
      'succeeded',
      'failed',
    ])
  })

  it('refuses a chunked body with 411 MissingContentLength', async () => {
    const m = await fresh()
    const up = await postUpload(
      m.upload_url,
      multipartBody(uploadParts(m.upload_parameters, Buffer.alloc(1000))),
      { chunked: true },
    )
    expect(up.status).toBe(411)
    expect(up.headers['content-type']).toMatch(/xml/)
    expect(up.text).toContain('<Code>MissingContentLength</Code>')
    expect(fake.requests.at(-1)!.chunked).toBe(true)
    expect(fake.media[0]!.status).toBe('registered')
  })

  it('refuses a field after the file with 400 XML', async () => {
    const m = await fresh()
    const parts: FormPart[] = [
      ...uploadParts(m.upload_parameters, Buffer.alloc(100)),
      { name: 'extra', value: 'late' },
    ]
    const up = await postUpload(m.upload_url, multipartBody(parts))
    expect(up.status).toBe(400)
    expect(up.text).toMatch(/<Code>InvalidArgument<\/Code>.*file must be the last field/s)
    expect(fake.media[0]!.upload_count).toBe(0)
  })

  it('refuses the file before the parameters (they then count as missing)', async () => {
    const m = await fresh()
    const parts = uploadParts(m.upload_parameters, Buffer.alloc(100))
    const up = await postUpload(m.upload_url, multipartBody([parts.at(-1)!, ...parts.slice(0, -1)]))
    expect(up.status).toBe(400)
  })

  it.each(['key', 'policy', 'x-amz-signature', 'Content-Type', 'x-amz-security-token'])(
    'refuses a form without %s with 400 naming it',
    async (field) => {
      const m = await fresh()
      const params = { ...m.upload_parameters }
      delete params[field]
      const up = await postUpload(m.upload_url, multipartBody(uploadParts(params, Buffer.alloc(10))))
      expect(up.status).toBe(400)
      expect(up.text).toContain(`field named '${field}'`)
    },
  )

  it('refuses a wrong signature with 403 SignatureDoesNotMatch, a changed value with 403 AccessDenied', async () => {
    const m = await fresh()
    const badSig = { ...m.upload_parameters, 'x-amz-signature': '0'.repeat(64) }
    const up = await postUpload(m.upload_url, multipartBody(uploadParts(badSig, Buffer.alloc(10))))
    expect(up.status).toBe(403)
    expect(up.text).toContain('<Code>SignatureDoesNotMatch</Code>')
    const changed = { ...m.upload_parameters, 'x-amz-date': '20200101T000000Z' }
    const up2 = await postUpload(m.upload_url, multipartBody(uploadParts(changed, Buffer.alloc(10))))
    expect(up2.status).toBe(403)
    expect(up2.text).toContain('Policy Condition failed')
    const other = await registerMedia(fake, token)
    const swappedKey = { ...m.upload_parameters, key: other.upload_parameters.key! }
    expect(
      (await postUpload(m.upload_url, multipartBody(uploadParts(swappedKey, Buffer.alloc(10))))).status,
    ).toBe(403)
    expect(fake.media.every((x) => x.upload_count === 0)).toBe(true)
  })

  it('refuses an expired policy with 403 "Policy expired"', async () => {
    const m = await fresh()
    clock.advance(60_000)
    const up = await postUpload(
      m.upload_url,
      multipartBody(uploadParts(m.upload_parameters, Buffer.alloc(10))),
    )
    expect(up.status).toBe(403)
    expect(up.text).toContain('<Code>AccessDenied</Code>')
    expect(up.text).toContain('Policy expired')
  })

  it('refuses bodies that are not multipart, have no file, or are cut short', async () => {
    const m = await fresh()
    expect(
      (await postUpload(m.upload_url, { body: Buffer.from('{}'), contentType: 'application/json' })).status,
    ).toBe(400)
    const noFile = multipartBody(
      Object.entries(m.upload_parameters).map(([name, value]) => ({ name, value })),
    )
    expect((await postUpload(m.upload_url, noFile)).text).toContain('exactly one file')
    const full = multipartBody(uploadParts(m.upload_parameters, Buffer.alloc(100)))
    const cut = { body: full.body.subarray(0, full.body.length - 20), contentType: full.contentType }
    const r = await postUpload(m.upload_url, cut)
    expect(r.status).toBe(400)
    expect(r.text).toContain('MalformedPOSTRequest')
    expect(fake.media[0]!.upload_count).toBe(0)
  })

  it('keeps the connection alive across uploads and needs no Pinterest auth', async () => {
    const m1 = await fresh()
    const m2 = await registerMedia(fake, token)
    const client = new Client(fake.baseUrl)
    let connects = 0
    client.on('connect', () => (connects += 1))
    try {
      for (const m of [m1, m2, m1]) {
        const form = multipartBody(uploadParts(m.upload_parameters, Buffer.alloc(5000, 3)))
        const res = await client.request({
          path: '/s3-upload/',
          method: 'POST',
          headers: { 'content-type': form.contentType },
          body: form.body,
        })
        expect(res.statusCode).toBe(204)
        await res.body.dump()
      }
      // An error answer must leave the connection usable too.
      const bad = multipartBody(
        uploadParts({ ...m2.upload_parameters, 'x-amz-signature': 'f'.repeat(64) }, Buffer.alloc(3_000_000)),
      )
      const res = await client.request({
        path: '/s3-upload/',
        method: 'POST',
        headers: { 'content-type': bad.contentType },
        body: bad.body,
      })
      expect(res.statusCode).toBe(403)
      await res.body.dump()
      const again = multipartBody(uploadParts(m2.upload_parameters, Buffer.alloc(10)))
      const ok = await client.request({
        path: '/s3-upload/',
        method: 'POST',
        headers: { 'content-type': again.contentType },
        body: again.body,
      })
      expect(ok.statusCode).toBe(204)
      await ok.body.dump()
    } finally {
      await client.close()
    }
    expect(connects).toBe(1)
    expect(fake.media.map((x) => x.upload_count)).toEqual([2, 2])
  })

  it('streams a large upload in constant memory', async () => {
    const m = await fresh()
    const size = 160 * 1024 * 1024
    const boundary = 'pinload-big-boundary'
    const head = Buffer.from(
      Object.entries(m.upload_parameters)
        .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
        .join('') +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.mp4"\r\nContent-Type: video/mp4\r\n\r\n`,
    )
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
    const hash = createHash('sha256')
    let peak = 0
    const sample = () => (peak = Math.max(peak, process.memoryUsage().arrayBuffers))
    async function* body() {
      yield head
      const piece = 1024 * 1024
      for (let sent = 0; sent < size; sent += piece) {
        // Bytes that keep almost matching the boundary, to exercise the split-delimiter path.
        const chunk = Buffer.alloc(piece, `\r\n--${boundary.slice(0, -1)}X`)
        hash.update(chunk)
        sample()
        yield chunk
      }
      yield tail
    }
    const before = process.memoryUsage().arrayBuffers
    const client = new Client(fake.baseUrl)
    try {
      const res = await client.request({
        path: '/s3-upload/',
        method: 'POST',
        headers: {
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(head.length + size + tail.length),
        },
        body: Readable.from(body()),
      })
      expect(res.statusCode).toBe(204)
      await res.body.dump()
    } finally {
      await client.close()
    }
    expect(fake.media[0]).toMatchObject({ uploaded_bytes: size, sha256: hash.digest('hex') })
    expect(peak - before).toBeLessThan(96 * 1024 * 1024)
  })
})
