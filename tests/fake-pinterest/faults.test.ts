import { request } from 'undici'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import {
  api,
  JPEG_B64,
  manualClock,
  multipartBody,
  postUpload,
  registerMedia,
  uploadParts,
} from './test-helpers'

let fake: FakePinterest
let token: string
beforeAll(async () => {
  fake = await startFakePinterest({ rateLimits: false, seed: 42 })
})
afterAll(async () => {
  await fake.close()
})
afterEach(() => fake.reset())

const pinBody = (boardId: string) => ({
  board_id: boardId,
  media_source: { source_type: 'image_base64', content_type: 'image/jpeg', data: JPEG_B64 },
})
const boards = () => api(fake, token, 'GET', '/boards')
const setup = () => {
  token = fake.issueToken().accessToken
  return fake.addBoard({ name: 'B' })
}

describe('status faults', () => {
  it('answers the given status for the first `times` matches, then normally', async () => {
    setup()
    fake.faults.add({
      match: { method: 'GET', path: '/v5/boards' },
      times: 2,
      action: { type: 'status', status: 503, headers: { 'x-extra': '1' } },
    })
    const a = await boards()
    const b = await boards()
    const c = await boards()
    expect([a.status, b.status, c.status]).toEqual([503, 503, 200])
    expect(a.body).toEqual({ code: 0, message: 'Injected fault.' })
    expect(a.headers['x-extra']).toBe('1')
    expect(a.headers['x-pinterest-rid']).toBeTruthy()
    expect(fake.requests.map((r) => r.fault)).toEqual(['status', 'status', null])
  })

  it('uses the given code and message, skips the first `after` matches, and answers S3 in XML', async () => {
    setup()
    fake.faults.add({
      match: { category: 'org_read' },
      after: 1,
      times: 1,
      action: { type: 'status', status: 500, code: 99, message: 'boom' },
    })
    expect((await boards()).status).toBe(200)
    expect((await boards()).body).toEqual({ code: 99, message: 'boom' })
    expect((await boards()).status).toBe(200)

    const m = await registerMedia(fake, token)
    fake.faults.add({ match: { category: 's3' }, times: 1, action: { type: 'status', status: 500 } })
    const up = await postUpload(
      m.upload_url,
      multipartBody(uploadParts(m.upload_parameters, Buffer.alloc(10))),
    )
    expect(up.status).toBe(500)
    expect(up.text).toContain('<Code>InternalError</Code>')
    expect(fake.media[0]!.upload_count).toBe(0)
  })

  it('matches by method, RegExp path and category, and clear() removes rules', async () => {
    const board = setup()
    fake.faults.add({
      match: { method: 'POST', path: /^\/v5\/pins$/ },
      action: { type: 'status', status: 500 },
    })
    expect((await boards()).status).toBe(200)
    expect((await api(fake, token, 'POST', '/pins', pinBody(board.id))).status).toBe(500)
    fake.faults.clear()
    expect((await api(fake, token, 'POST', '/pins', pinBody(board.id))).status).toBe(201)
    fake.faults.add({ match: { category: 'oauth' }, action: { type: 'status', status: 502 } })
    const res = await request(`${fake.apiBase}/oauth/token`, {
      method: 'POST',
      body: 'grant_type=refresh_token',
    })
    expect(res.statusCode).toBe(502)
    await res.body.dump()
  })

  it('fires probabilistic faults from the seed: same seed, same pattern', async () => {
    setup()
    const pattern = async (f: FakePinterest, t: string) => {
      f.faults.add({
        match: { path: '/v5/boards' },
        probability: 0.5,
        action: { type: 'status', status: 500 },
      })
      const out: number[] = []
      for (let i = 0; i < 40; i++) out.push((await api(f, t, 'GET', '/boards')).status)
      return out
    }
    const first = await pattern(fake, token)
    const twin = await startFakePinterest({ rateLimits: false, seed: 42 })
    try {
      expect(await pattern(twin, twin.issueToken().accessToken)).toEqual(first)
    } finally {
      await twin.close()
    }
    const failures = first.filter((s) => s === 500).length
    expect(failures).toBeGreaterThan(8)
    expect(failures).toBeLessThan(32)
  })
})

describe('rate-limit and spam faults', () => {
  it('answers 429 code 8 with Retry-After and X-RateLimit-* only when asked', async () => {
    setup()
    fake.faults.add({ match: { path: '/v5/boards' }, times: 1, action: { type: 'rate_limit' } })
    fake.faults.add({
      match: { path: '/v5/boards' },
      times: 1,
      action: { type: 'rate_limit', retryAfterSec: 7, rateLimitHeaders: true },
    })
    const bare = await boards()
    expect(bare.status).toBe(429)
    expect((bare.body as { code: number }).code).toBe(8)
    expect((bare.body as { message: string }).message).toMatch(/rate limit/)
    expect(bare.headers['retry-after']).toBeUndefined()
    expect(bare.headers['x-ratelimit-limit']).toBeUndefined()
    const told = await boards()
    expect(told.headers['retry-after']).toBe('7')
    expect(told.headers['x-ratelimit-remaining']).toBe('0')
    expect(told.headers['x-ratelimit-reset']).toBe('7')
    expect(told.headers['x-ratelimit-limit']).toEqual(expect.any(String))
  })

  it('answers a spam block as a 429 whose message mentions spam', async () => {
    const board = setup()
    fake.faults.add({ match: { path: '/v5/pins' }, action: { type: 'spam' } })
    const r = await api(fake, token, 'POST', '/pins', pinBody(board.id))
    expect(r.status).toBe(429)
    expect((r.body as { message: string }).message).toMatch(/spam/i)
    expect(fake.pins).toHaveLength(0)
  })
})

describe('connection faults', () => {
  it('reset destroys the socket without an answer', async () => {
    const board = setup()
    fake.faults.add({ match: { path: '/v5/pins' }, times: 1, action: { type: 'reset' } })
    await expect(api(fake, token, 'POST', '/pins', pinBody(board.id))).rejects.toThrow()
    expect(fake.pins).toHaveLength(0)
    expect(fake.requests[0]).toMatchObject({ status: 0, fault: 'reset' })
    expect((await api(fake, token, 'POST', '/pins', pinBody(board.id))).status).toBe(201)
  })

  it('reset afterBytes reads that much of an upload first', async () => {
    setup()
    const m = await registerMedia(fake, token)
    fake.faults.add({ match: { category: 's3' }, times: 1, action: { type: 'reset', afterBytes: 200_000 } })
    const form = multipartBody(uploadParts(m.upload_parameters, Buffer.alloc(2_000_000, 9)))
    await expect(postUpload(m.upload_url, form)).rejects.toThrow()
    const rec = fake.requests.find((r) => r.category === 's3')!
    expect(rec.bytesReceived).toBeGreaterThanOrEqual(200_000)
    expect(rec.bytesReceived).toBeLessThan(form.body.length)
    expect(fake.media[0]!.upload_count).toBe(0)
    expect((await postUpload(m.upload_url, form)).status).toBe(204)
  })

  it('reset_after_commit creates the Pin, then loses the answer', async () => {
    const board = setup()
    fake.faults.add({
      match: { method: 'POST', path: '/v5/pins' },
      times: 1,
      action: { type: 'reset_after_commit' },
    })
    await expect(
      api(fake, token, 'POST', '/pins', { ...pinBody(board.id), title: 'lost answer' }),
    ).rejects.toThrow()
    expect(fake.pins).toHaveLength(1)
    expect(fake.pins[0]!.title).toBe('lost answer')
    expect(fake.requests[0]).toMatchObject({ status: 201, answerDropped: true, fault: 'reset_after_commit' })
    const listed = await api(fake, token, 'GET', `/boards/${board.id}/pins`)
    expect((listed.body as { items: { title: string }[] }).items.map((p) => p.title)).toEqual(['lost answer'])
  })

  it('delay holds the answer at least that long, then answers normally', async () => {
    setup()
    fake.faults.add({ match: { path: '/v5/boards' }, times: 1, action: { type: 'delay', ms: 150 } })
    const t0 = performance.now()
    const r = await boards()
    expect(r.status).toBe(200)
    expect(performance.now() - t0).toBeGreaterThanOrEqual(145)
  })

  it('policy_expired answers the S3 403 XML and leaves the media unuploaded', async () => {
    setup()
    const m = await registerMedia(fake, token)
    fake.faults.add({ match: { category: 's3' }, times: 1, action: { type: 'policy_expired' } })
    const up = await postUpload(
      m.upload_url,
      multipartBody(uploadParts(m.upload_parameters, Buffer.alloc(10))),
    )
    expect(up.status).toBe(403)
    expect(up.text).toContain('Policy expired')
    expect(fake.media[0]!.status).toBe('registered')
  })
})

describe('rate limits per category', () => {
  it('answers 429 code 8 past the limit, per category and user, until the window passes', async () => {
    const clock = manualClock()
    const limited = await startFakePinterest({
      now: clock.now,
      rateLimits: { org_write: { limit: 3, windowMs: 60_000 } },
    })
    try {
      const t = limited.issueToken().accessToken
      const other = limited.issueToken({ username: 'other' }).accessToken
      const statuses: number[] = []
      for (let i = 0; i < 4; i++)
        statuses.push((await api(limited, t, 'POST', '/media', { media_type: 'video' })).status)
      expect(statuses).toEqual([201, 201, 201, 429])
      const over = await api(limited, t, 'POST', '/boards', { name: 'x' })
      expect(over.status).toBe(429)
      expect((over.body as { code: number }).code).toBe(8)
      expect(over.headers['retry-after']).toBeUndefined()
      expect((await api(limited, t, 'GET', '/boards')).status).toBe(200)
      expect((await api(limited, other, 'POST', '/media', { media_type: 'video' })).status).toBe(201)
      clock.advance(60_000)
      expect((await api(limited, t, 'POST', '/media', { media_type: 'video' })).status).toBe(201)
      expect(limited.media).toHaveLength(5)
    } finally {
      await limited.close()
    }
  })

  it('applies the default org_write limit of 100 per minute', async () => {
    const clock = manualClock()
    const limited = await startFakePinterest({ now: clock.now })
    try {
      const t = limited.issueToken().accessToken
      const statuses: number[] = []
      for (let i = 0; i < 101; i++)
        statuses.push((await api(limited, t, 'POST', '/media', { media_type: 'video' })).status)
      expect(statuses.filter((s) => s === 201)).toHaveLength(100)
      expect(statuses[100]).toBe(429)
    } finally {
      await limited.close()
    }
  })
})
