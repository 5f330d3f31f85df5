import { describe, expect, it } from 'vitest'
import { ApiError } from '../../src/main/pinterest/api-error'
import { backoffDelayMs, RateGovernor } from '../../src/main/pinterest/rate-governor'
import { chunkSizeFor, createThrottle } from '../../src/main/pinterest/throttle'

/** A virtual clock: sleep advances time and records each wait. */
function clock() {
  let t = 1_000_000
  const sleeps: number[] = []
  return {
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms)
      t += ms
    },
    sleeps,
  }
}

describe('backoffDelayMs (full jitter)', () => {
  it('draws uniformly below min(cap, base·2^attempt)', () => {
    const o = { baseMs: 1000, capMs: 60_000 }
    expect(backoffDelayMs(0, o, () => 0.999)).toBe(999)
    expect(backoffDelayMs(3, o, () => 0.5)).toBe(4000)
    expect(backoffDelayMs(10, o, () => 0.5)).toBe(30_000)
    expect(backoffDelayMs(10, o, () => 0)).toBe(0)
    for (let a = 0; a < 12; a++)
      expect(backoffDelayMs(a, o, Math.random)).toBeLessThan(Math.min(60_000, 1000 * 2 ** a))
  })
})

describe('RateGovernor retries', () => {
  const transient = () => new ApiError('transient', 'boom', { status: 503 })

  it('retries transient failures with backoff, then succeeds', async () => {
    const c = clock()
    const g = new RateGovernor({ ...c, random: () => 0.5 })
    let n = 0
    const v = await g.run({ category: 'org_read' }, async () => {
      if (++n < 3) throw transient()
      return 'ok'
    })
    expect(v).toBe('ok')
    expect(c.sleeps).toEqual([500, 1000])
  })

  it('honours Retry-After instead of backoff, and holds the category for everyone', async () => {
    const c = clock()
    const g = new RateGovernor({ ...c, random: () => 0.5 })
    let n = 0
    const start = c.now()
    await g.run({ category: 'org_write' }, async () => {
      if (n++ === 0) throw new ApiError('rate_limited', '429', { status: 429, retryAfterMs: 7000 })
      return 1
    })
    expect(c.sleeps).toEqual([7000])
    expect(c.now() - start).toBe(7000)
  })

  it('stops after maxAttempts and rethrows the last error', async () => {
    const c = clock()
    const g = new RateGovernor({ ...c, random: () => 0, maxAttempts: 3 })
    let n = 0
    await expect(
      g.run({ category: 'org_read' }, async () => {
        n++
        throw transient()
      }),
    ).rejects.toMatchObject({ kind: 'transient' })
    expect(n).toBe(3)
  })

  it.each([
    ['spam block', new ApiError('spam_blocked', 'spam', { status: 429 })],
    ['validation', new ApiError('validation', 'bad', { status: 400 })],
    ['permission', new ApiError('permission', 'no', { status: 403 })],
    ['outcome unknown create', new ApiError('transient', 'reset', { outcomeUnknown: true })],
    ['expired upload policy', new ApiError('transient', 'expired', { policyExpired: true })],
  ])('never retries a %s', async (_name, err) => {
    const c = clock()
    const g = new RateGovernor({ ...c })
    let n = 0
    await expect(
      g.run({ category: 'org_write' }, async () => {
        n++
        throw err
      }),
    ).rejects.toBe(err)
    expect(n).toBe(1)
  })

  it('hands a Retry-After longer than the limit to the caller instead of sleeping', async () => {
    const c = clock()
    const g = new RateGovernor({ ...c, maxRetryAfterMs: 10_000 })
    const err = new ApiError('rate_limited', '429', { retryAfterMs: 3_600_000 })
    await expect(
      g.run({ category: 'org_write' }, async () => {
        throw err
      }),
    ).rejects.toBe(err)
    expect(c.sleeps).toEqual([])
  })

  it('after Pinterest’s 429 with a long Retry-After, the other writes wait too, without being sent', async () => {
    const c = clock()
    const g = new RateGovernor({ ...c })
    const err = new ApiError('rate_limited', '429', { status: 429, retryAfterMs: 3_600_000 })
    await expect(
      g.run({ category: 'org_write' }, async () => {
        throw err
      }),
    ).rejects.toBe(err)
    let sent = 0
    const next = await g
      .run({ category: 'org_write' }, async () => {
        sent++
      })
      .catch((e: unknown) => e)
    expect(sent).toBe(0)
    expect(next).toMatchObject({ kind: 'rate_limited', details: { retryAfterMs: 3_600_000 } })
    // Reads have their own budget.
    await expect(g.run({ category: 'org_read' }, async () => 'read')).resolves.toBe('read')
  })

  it('stops waiting when the signal aborts', async () => {
    const g = new RateGovernor({ random: () => 0.99, baseDelayMs: 60_000 })
    const ac = new AbortController()
    const p = g.run({ category: 'org_read', signal: ac.signal }, async () => {
      throw transient()
    })
    setImmediate(() => ac.abort())
    await expect(p).rejects.toMatchObject({ kind: 'cancelled' })
  })
})

describe('RateGovernor windows', () => {
  it('sends the whole limit at once, then one more each time an answer leaves the window', async () => {
    const c = clock()
    const g = new RateGovernor({ ...c, limits: { org_write: { perWindow: 100, windowMs: 60_000 } } })
    const times: number[] = []
    for (let i = 0; i < 150; i++) {
      const slot = await g.acquire('org_write')
      times.push(c.now())
      slot.release()
    }
    const t0 = times[0]!
    expect(times.slice(0, 100).every((t) => t === t0)).toBe(true)
    expect(times.slice(100).every((t) => t === t0 + 60_000)).toBe(true)
    for (let i = 0; i < times.length; i++) {
      expect(times.filter((t) => t > times[i]! - 60_000 && t <= times[i]!).length).toBeLessThanOrEqual(100)
    }
  })

  it('keeps reads and writes in separate windows, and trial limits are per day', async () => {
    const c = clock()
    const g = new RateGovernor({ ...c, profile: 'trial' })
    for (let i = 0; i < 300; i++) (await g.acquire('org_write')).release()
    expect(c.sleeps).toEqual([])
    expect(g.budget('org_write')).toMatchObject({ limit: 300, remaining: 0, windowMs: 86_400_000 })
    ;(await g.acquire('org_write')).release()
    expect(c.sleeps).toEqual([86_400_000])
    const before = c.sleeps.length
    ;(await g.acquire('org_read')).release()
    expect(c.sleeps.length).toBe(before)
  })

  it('holds a category when a response says the budget is spent', async () => {
    const c = clock()
    const g = new RateGovernor({ ...c })
    g.noteHeaders('org_read', { 'x-ratelimit-remaining': '0' }, 5000)
    ;(await g.acquire('org_read')).release()
    expect(c.sleeps).toEqual([5000])
    g.noteHeaders('org_read', { 'x-ratelimit-remaining': '12' }, 5000)
    ;(await g.acquire('org_read')).release()
    expect(c.sleeps).toEqual([5000])
  })
})

describe('throttle', () => {
  it('paces bytes to the cap on average', async () => {
    const c = clock()
    const t = createThrottle(100_000, c, 0)
    for (let i = 0; i < 50; i++) await t.take(10_000)
    expect(c.now() - 1_000_000).toBe(5000)
  })

  it('picks read sizes that are multiples of 3 and follow the cap', () => {
    expect(chunkSizeFor(undefined) % 3).toBe(0)
    expect(chunkSizeFor(undefined)).toBeGreaterThan(1_000_000)
    expect(chunkSizeFor(1_000_000)).toBe(99_999)
    expect(chunkSizeFor(1000)).toBe(16_383)
  })
})

describe('RateGovernor slowdown (why requests wait, for the window)', () => {
  it('says the budget is spent while a caller waits for a slot, and Pinterest when it asked for a hold', async () => {
    let t = 1_000_000
    let wake: (() => void) | null = null
    let told = 0
    const g = new RateGovernor({
      limits: { org_write: { perWindow: 1, windowMs: 60_000 } },
      now: () => t,
      sleep: (ms) =>
        new Promise<void>((r) => {
          wake = () => {
            t += ms
            r()
          }
        }),
      onSlowdown: () => told++,
    })
    expect(g.slowdown()).toBeNull()
    ;(await g.acquire('org_write')).release()
    const second = g.acquire('org_write')
    await expect.poll(() => wake !== null).toBe(true)
    expect(g.slowdown()).toEqual({ until: 1_060_000, by: 'budget' })
    expect(told).toBe(1)
    wake!()
    ;(await second).release()
    expect(g.slowdown()).toBeNull()

    g.holdUntil('org_read', t + 5_000)
    expect(g.slowdown()).toEqual({ until: t + 5_000, by: 'pinterest' })
    expect(told).toBe(2)
    g.holdUntil('org_read', t + 1_000) // an earlier end changes nothing and tells no one
    expect(told).toBe(2)
    t += 5_000
    expect(g.slowdown()).toBeNull()
  })
})

describe('RateGovernor slowdown, the hard cases', () => {
  /** A governor of one write a minute whose sleeps end when the test says (or when aborted). */
  function held(onSlowdown: () => void) {
    let t = 1_000_000
    const wakers: (() => void)[] = []
    const g = new RateGovernor({
      limits: { org_write: { perWindow: 1, windowMs: 60_000 } },
      now: () => t,
      sleep: (ms, signal) =>
        new Promise<void>((resolve, reject) => {
          signal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true })
          wakers.push(() => {
            t += ms
            resolve()
          })
        }),
      onSlowdown,
    })
    return { g, wakers, at: (ms: number) => (t = ms), now: () => t }
  }

  it('a waiter cancelled early takes its countdown with it, and says so', async () => {
    let told = 0
    const { g, wakers } = held(() => told++)
    ;(await g.acquire('org_write')).release()
    const ac = new AbortController()
    const waiting = g.acquire('org_write', ac.signal)
    await expect.poll(() => wakers.length).toBe(1)
    expect(g.slowdown()?.by).toBe('budget')
    ac.abort()
    await expect(waiting).rejects.toThrow()
    expect(g.slowdown()).toBeNull()
    expect(told).toBe(2) // waiting began; it ended early
  })

  it('with several waiting, the countdown is to the next request, not the last', async () => {
    let t = 1_000_000
    const wakers: (() => void)[] = []
    const g = new RateGovernor({
      limits: {
        org_write: { perWindow: 1, windowMs: 60_000 },
        org_read: { perWindow: 1, windowMs: 10_000 },
      },
      now: () => t,
      sleep: (ms) =>
        new Promise<void>((resolve) =>
          wakers.push(() => {
            t += ms
            resolve()
          }),
        ),
    })
    ;(await g.acquire('org_write')).release()
    ;(await g.acquire('org_read')).release()
    void g.acquire('org_write') // a Pin: its slot in a minute
    void g.acquire('org_read') // a read: its slot in ten seconds
    await expect.poll(() => wakers.length).toBe(2)
    expect(g.slowdown()).toEqual({ until: 1_010_000, by: 'budget' })
  })

  it('a notice that throws (a database closing) neither fails the request nor stops later notices', async () => {
    let calls = 0
    const { g, wakers } = held(() => {
      calls++
      throw new Error('database closed')
    })
    ;(await g.acquire('org_write')).release()
    const waiting = g.acquire('org_write')
    await expect.poll(() => wakers.length).toBe(1)
    wakers[0]!()
    await expect(waiting).resolves.toBeDefined()
    expect(g.slowdown()).toBeNull()
    g.holdUntil('org_read', Date.now() + 5_000)
    expect(calls).toBe(2)
  })
})
