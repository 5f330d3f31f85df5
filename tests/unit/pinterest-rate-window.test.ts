import { describe, expect, it } from 'vitest'
import { ApiError } from '../../src/main/pinterest/api-error'
import { RateGovernor, type RateCategory } from '../../src/main/pinterest/rate-governor'
import { SlidingWindowLog } from '../../src/main/pinterest/rate-window'

/**
 * Virtual time for concurrent callers: `sleep` parks a caller until the clock reaches its time, and `drive` moves
 * the clock to the earliest parked caller whenever every caller is parked (nothing else can happen before).
 */
function virtualTime(start = 1_000_000) {
  let t = start
  const timers: { at: number; resolve: () => void }[] = []
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      timers.push({ at: t + Math.max(0, ms), resolve })
    })
  const idle = () => new Promise<void>((r) => setImmediate(r))
  return {
    now: () => t,
    sleep,
    async drive<T>(work: Promise<T>): Promise<T> {
      let done = false
      const out = work.finally(() => {
        done = true
      })
      // Handled here too: a rejection comes a turn before it is returned, and must not count as unhandled.
      out.catch(() => {})
      for (;;) {
        await idle()
        if (done) return out
        if (timers.length === 0) throw new Error('every caller waits on something other than time')
        timers.sort((a, b) => a.at - b.at)
        const next = timers.shift()!
        t = Math.max(t, next.at)
        next.resolve()
      }
    },
  }
}

/** A seeded generator, so a failure repeats. */
function seeded(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let x = Math.imul(s ^ (s >>> 15), 1 | s)
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296
  }
}

/** The most arrivals any window `(t − windowMs, t]` holds. */
function busiestWindow(arrivals: number[], windowMs: number): number {
  const sorted = [...arrivals].sort((a, b) => a - b)
  let most = 0
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[j]! <= sorted[i]! - windowMs) j++
    most = Math.max(most, i - j + 1)
  }
  return most
}

describe('SlidingWindowLog', () => {
  it('grants the limit at once and the next one exactly when the oldest answer leaves', () => {
    const w = new SlidingWindowLog({ perWindow: 3, windowMs: 1000 })
    for (const at of [0, 0, 10]) {
      expect(w.take(at)).toBe(0)
      w.release(at + 5)
    }
    expect(w.take(20)).toBe(5 + 1000 - 20)
    expect(w.take(1004)).toBe(1)
    expect(w.take(1005)).toBe(0)
    // Both answers of t = 5 left at 1005; the one of t = 15 and the new one in flight remain.
    expect(w.budget(1005)).toMatchObject({ used: 2, remaining: 1, limit: 3, nextFreeAt: 1015 })
  })

  it('counts a request in flight for as long as it has no answer', () => {
    const w = new SlidingWindowLog({ perWindow: 1, windowMs: 1000 })
    expect(w.take(0)).toBe(0)
    // Not answered yet: it can leave no earlier than a whole window from now.
    expect(w.take(5000)).toBe(1000)
    w.release(5000)
    expect(w.take(5999)).toBe(1)
    expect(w.take(6000)).toBe(0)
  })

  it('after a 429 allows what the server accepted, or half the limit, and always less, for one window', () => {
    const w = new SlidingWindowLog({ perWindow: 10, windowMs: 1000 })
    for (let i = 0; i < 9; i++) {
      w.take(0)
      w.release(0)
    }
    w.noteRejected(0)
    expect(w.effectiveLimit(0)).toBe(8)
    w.noteRejected(0)
    expect(w.effectiveLimit(0)).toBe(7)
    expect(w.effectiveLimit(1000)).toBe(10)
    const lone = new SlidingWindowLog({ perWindow: 10, windowMs: 1000 })
    lone.take(0)
    lone.release(0)
    lone.noteRejected(0)
    expect(lone.effectiveLimit(999)).toBe(5)
    lone.noteRejected(1)
    expect(lone.effectiveLimit(1)).toBe(2)
  })
})

describe('SlidingWindowLog after a 429 in a long window', () => {
  it('lowers a Trial day for 15 minutes, not for the day', () => {
    const day = 86_400_000
    const w = new SlidingWindowLog({ perWindow: 300, windowMs: day })
    for (let i = 0; i < 20; i++) {
      w.take(i)
      w.release(i)
    }
    // Writes to one board too close together (docs/pinterest-api.md §6.2): a lone 429, the day far from spent.
    w.noteRejected(20)
    expect(w.effectiveLimit(20)).toBe(150)
    expect(w.effectiveLimit(20 + 15 * 60_000 - 1)).toBe(150)
    expect(w.effectiveLimit(20 + 15 * 60_000)).toBe(300)
    expect(w.budget(20 + 15 * 60_000)).toMatchObject({ used: 20, remaining: 280 })
  })

  it('held by the lowered limit only, waits for it to end, not for the day', async () => {
    const vt = virtualTime(10_000_000)
    const g = new RateGovernor({ ...vt, profile: 'trial' })
    for (let i = 0; i < 150; i++) await vt.drive(g.run({ category: 'org_write' }, async () => {}))
    const err = await vt
      .drive(
        g.run({ category: 'org_write' }, async () => {
          throw new ApiError('rate_limited', '429', { status: 429, retryAfterMs: 1000 })
        }),
      )
      .catch((e: unknown) => e)
    // 150 a day for 15 minutes after the 429: the retry is handed to the queue for when that ends (a second after
    // the 429 it is 14:59 away), not for 24 hours after the first write.
    expect(err).toMatchObject({ kind: 'rate_limited', details: { retryAfterMs: 15 * 60_000 - 1000 } })
  })
})

describe('SlidingWindowLog and the clock', () => {
  it('a clock that goes back an hour holds the writes for at most a window, not the hour', () => {
    const w = new SlidingWindowLog({ perWindow: 2, windowMs: 60_000 })
    const t = 10_000_000
    for (const at of [t, t + 1000]) {
      expect(w.take(at)).toBe(0)
      w.release(at)
    }
    const back = t + 2000 - 3_600_000
    // Time taken as standing still over the jump (since the last answer): the first leaves 59 s later.
    expect(w.take(back)).toBe(59_000)
    expect(w.take(back + 59_000)).toBe(0)
    w.release(back + 59_000)
    expect(w.budget(back + 59_000)).toMatchObject({ used: 2, nextFreeAt: back + 60_000 })
  })

  it('a journal written before the clock went back counts from now, for one window at most', () => {
    const w = new SlidingWindowLog({ perWindow: 1, windowMs: 60_000 })
    w.seed([10_000_000])
    expect(w.take(10_000_000 - 7_200_000)).toBe(60_000)
  })

  it('answers of another process count and leave in order with this one’s', () => {
    const w = new SlidingWindowLog({ perWindow: 3, windowMs: 1000 })
    expect(w.take(10)).toBe(0)
    w.release(10)
    w.setForeign([5, 20], 20)
    expect(w.budget(20)).toMatchObject({ used: 3, remaining: 0, nextFreeAt: 1005 })
    expect(w.take(20)).toBe(985)
    expect(w.take(1005)).toBe(0)
    // Another's answer newer than this clock counts as answered now.
    w.setForeign([5_000], 1006)
    expect(w.budget(1006)).toMatchObject({ used: 3, nextFreeAt: 1010 })
  })
})

describe('RateGovernor and a clock that goes back', () => {
  it('keeps sending at the window’s pace instead of parking every write for the jump', async () => {
    const vt = virtualTime(10_000_000)
    let shift = 0
    const g = new RateGovernor({
      now: () => vt.now() - shift,
      sleep: vt.sleep,
      limits: { org_write: { perWindow: 2, windowMs: 60_000 } },
    })
    for (let i = 0; i < 2; i++) await vt.drive(g.run({ category: 'org_write' }, async () => {}))
    shift = 3_600_000
    const t0 = vt.now()
    await vt.drive(g.run({ category: 'org_write' }, async () => {}))
    expect(vt.now() - t0).toBe(60_000)
  })
})

describe('RateGovernor on a sliding window (injected clock)', () => {
  it.each([
    [1, 45],
    [2, 45],
    [3, 45],
    [4, 3],
    [5, 3],
  ])(
    'never lets more than N reach the server in any window, and uses the whole budget (seed %i, %i callers)',
    async (seed, callers) => {
      const vt = virtualTime()
      const random = seeded(seed)
      const limit = 30
      const windowMs = 60_000
      const maxLatency = 2000
      const g = new RateGovernor({ ...vt, limits: { org_write: { perWindow: limit, windowMs } }, random })
      const arrivals: number[] = []
      const t0 = vt.now()
      let last = t0
      const caller = async (jobs: number) => {
        for (let i = 0; i < jobs; i++) {
          await g.run({ category: 'org_write' }, async () => {
            // The server counts the request somewhere between sending and answering: at a random point.
            const latency = 20 + Math.floor(random() * (maxLatency - 20))
            const counted = Math.floor(random() * latency)
            await vt.sleep(counted)
            arrivals.push(vt.now())
            await vt.sleep(latency - counted)
          })
          last = vt.now()
        }
      }
      await vt.drive(Promise.all(Array.from({ length: callers }, () => caller(45 / callers))))
      expect(arrivals).toHaveLength(45)
      expect(busiestWindow(arrivals, windowMs)).toBe(limit)
      expect(last - t0).toBeGreaterThanOrEqual(windowMs)
      // With everyone asking at once: 30 go at t0, 15 as soon as the first answers leave the window, so the
      // run lasts one window plus at most two requests' time (the ideal's 60 s, within 1.1× here).
      if (callers === 45) expect(last - t0).toBeLessThanOrEqual(windowMs + 2 * maxLatency)
    },
  )

  it('a 429 without headers backs off, lowers the limit for a window, and the server sees no more than it takes', async () => {
    const vt = virtualTime()
    const windowMs = 1000
    const g = new RateGovernor({
      ...vt,
      limits: { org_write: { perWindow: 10, windowMs } },
      random: () => 0.5,
      maxAttempts: 10,
    })
    // A server that takes 4 per window, whatever the client was told.
    const accepted: number[] = []
    let refused = 0
    const server = async () => {
      const now = vt.now()
      if (accepted.filter((a) => a > now - windowMs).length >= 4) {
        refused++
        throw new ApiError('rate_limited', '429', { status: 429 })
      }
      accepted.push(now)
      await vt.sleep(10)
    }
    const limits: number[] = []
    await vt.drive(
      (async () => {
        for (let i = 0; i < 40; i++) {
          await g.run({ category: 'org_write' }, server)
          limits.push(g.budget('org_write').effectiveLimit)
        }
      })(),
    )
    expect(accepted).toHaveLength(40)
    expect(busiestWindow(accepted, windowMs)).toBeLessThanOrEqual(4)
    expect(Math.min(...limits)).toBeLessThanOrEqual(5)
    // Lowered, the limit stops the 429s: far fewer than one per window of the run.
    expect(refused).toBeLessThan(accepted.length / 4)
    // A whole window without a 429 brings the configured limit back.
    await vt.drive(vt.sleep(windowMs))
    expect(g.budget('org_write').effectiveLimit).toBe(10)
  })

  it('an S3 429/503 (no Pinterest status) backs off but leaves the write limit alone', async () => {
    const vt = virtualTime()
    const g = new RateGovernor({ ...vt, limits: { org_write: { perWindow: 10, windowMs: 1000 } } })
    let n = 0
    await vt.drive(
      g.run({ category: 'org_write' }, async () => {
        if (n++ === 0) throw new ApiError('rate_limited', 'slow down', { status: 503 })
      }),
    )
    expect(n).toBe(2)
    expect(g.budget('org_write').effectiveLimit).toBe(10)
  })

  it('starts from the journal of an earlier run and records every answer in it', async () => {
    const vt = virtualTime()
    const day = 86_400_000
    const kept: Record<RateCategory, number[]> = {
      org_write: Array.from({ length: 300 }, (_, i) => vt.now() - day + 1000 + i),
      org_read: [],
    }
    const journal = {
      load: (c: RateCategory, windowMs: number) => kept[c].filter((t) => t > vt.now() - windowMs),
      record: (c: RateCategory, at: number, windowMs: number) => {
        expect(windowMs).toBe(day)
        kept[c].push(at)
      },
    }
    const g = new RateGovernor({ ...vt, profile: 'trial', journal })
    expect(g.budget('org_write')).toMatchObject({ used: 300, remaining: 0, nextFreeAt: vt.now() + 1000 })
    const t0 = vt.now()
    await vt.drive(g.run({ category: 'org_write' }, async () => {}))
    expect(vt.now() - t0).toBe(1000)
    expect(kept.org_write).toHaveLength(301)
    expect(g.budget('org_write').remaining).toBe(0)
  })

  it('a cancelled wait frees nothing and counts nothing', async () => {
    const g = new RateGovernor({ limits: { org_write: { perWindow: 1, windowMs: 60_000 } } })
    await g.run({ category: 'org_write' }, async () => {})
    const ac = new AbortController()
    const p = g.run({ category: 'org_write', signal: ac.signal }, async () => {})
    setImmediate(() => ac.abort())
    await expect(p).rejects.toMatchObject({ kind: 'cancelled' })
    expect(g.budget('org_write').used).toBe(1)
  })
})

describe('RateGovernor journal failures', () => {
  it('a journal that cannot be written does not fail the request, and the window still counts it', async () => {
    const g = new RateGovernor({
      limits: { org_write: { perWindow: 2, windowMs: 60_000 } },
      journal: {
        load: () => [],
        record: () => {
          throw new Error('The database connection is not open')
        },
      },
    })
    await expect(g.run({ category: 'org_write' }, async () => 'done')).resolves.toBe('done')
    expect(g.budget('org_write')).toMatchObject({ used: 1, remaining: 1 })
  })
})

describe('RateGovernor with a spent day', () => {
  it('hands a wait longer than maxRetryAfterMs to the caller as rate_limited, sending nothing', async () => {
    const vt = virtualTime()
    const g = new RateGovernor({ ...vt, profile: 'trial' })
    for (let i = 0; i < 300; i++) await vt.drive(g.run({ category: 'org_write' }, async () => {}))
    let sent = 0
    const err = await vt
      .drive(
        g.run({ category: 'org_write' }, async () => {
          sent++
        }),
      )
      .catch((e: unknown) => e)
    expect(sent).toBe(0)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({
      kind: 'rate_limited',
      message: "Pinterest's write limit (300 a day) is used up for now.",
      details: { retryAfterMs: 86_400_000, outcomeUnknown: false },
    })
    // Reads have their own budget and still go.
    await expect(vt.drive(g.run({ category: 'org_read' }, async () => 'read'))).resolves.toBe('read')
  })
})
