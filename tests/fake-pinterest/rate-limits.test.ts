import { afterEach, describe, expect, it } from 'vitest'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import { api, JPEG_B64, manualClock } from './test-helpers'

/** The fake's rate limits: fixed windows by default, a strict sliding window on request (issue 14 point 5). */
let fake: FakePinterest | undefined
afterEach(async () => {
  await fake?.close()
  fake = undefined
})

describe('strict sliding window', () => {
  it('refuses the N+1th write in any window, counts only accepted ones, and frees one slot per leaving write', async () => {
    const clock = manualClock()
    fake = await startFakePinterest({
      now: clock.now,
      rateLimits: { org_write: { limit: 3, windowMs: 1000, sliding: true } },
    })
    const token = fake.issueToken().accessToken
    const board = fake.addBoard({ name: 'B' })
    const pin = async () =>
      (
        await api(fake!, token, 'POST', '/pins', {
          board_id: board.id,
          media_source: { source_type: 'image_base64', content_type: 'image/jpeg', data: JPEG_B64 },
        })
      ).status
    const at = async (ms: number) => {
      clock.advance(ms)
      return pin()
    }
    // Accepted at 0, 400, 800; everything up to 1000 is refused (a fixed window would reset at 1000).
    expect([await pin(), await at(400), await at(400)]).toEqual([201, 201, 201])
    expect([await at(100), await at(99)]).toEqual([429, 429])
    // At 1000 the write of 0 leaves: exactly one slot, whatever was refused meanwhile.
    expect([await at(1), await pin()]).toEqual([201, 429])
    // At 1400 the write of 400 leaves.
    expect([await at(399), await at(1)]).toEqual([429, 201])
    const refused = fake.requests.filter((r) => r.status === 429)
    expect(refused).toHaveLength(4)
    expect(fake.pins).toHaveLength(5)
    // The refusal is Pinterest's documented one (docs/pinterest-api.md §6.2), without headers.
    const r = await api(fake, token, 'POST', '/boards', { name: 'C' })
    expect(r.status).toBe(429)
    expect(r.body).toMatchObject({ code: 8 })
    expect(r.headers['retry-after']).toBeUndefined()
  })

  it('keeps users apart and leaves reads to their own limit', async () => {
    const clock = manualClock()
    fake = await startFakePinterest({
      now: clock.now,
      rateLimits: { org_write: { limit: 1, windowMs: 60_000, sliding: true } },
    })
    const a = fake.issueToken().accessToken
    const b = fake.issueToken({ username: 'someone-else' }).accessToken
    expect((await api(fake, a, 'POST', '/boards', { name: 'A' })).status).toBe(201)
    expect((await api(fake, a, 'POST', '/boards', { name: 'A2' })).status).toBe(429)
    expect((await api(fake, b, 'POST', '/boards', { name: 'B' })).status).toBe(201)
    expect((await api(fake, a, 'GET', '/boards')).status).toBe(200)
  })
})
