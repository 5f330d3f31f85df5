/**
 * The peer of bench/rate-budget.bench.ts: the rate governor Pinload shipped before issue 14 point 5, kept here as
 * its own implementation (it shares no code with src/main/pinterest/rate-governor.ts, which replaced it). A token
 * bucket per category: `burst` requests at once (min(10, limit / 10)), then `limit − burst` per window, so no
 * window ever holds more than the limit; the same retry policy (Retry-After, else full-jitter backoff; a 429
 * holds the category).
 */
import { ApiError } from '../src/main/pinterest/api-error'

type Category = 'org_read' | 'org_write'

class Bucket {
  private tokens: number
  private last: number
  blockedUntil = 0
  private readonly burst: number
  private readonly ratePerMs: number

  constructor(perWindow: number, windowMs: number, now: number) {
    this.burst = Math.max(1, Math.min(10, Math.floor(perWindow / 10)))
    this.ratePerMs = Math.max(1, perWindow - this.burst) / windowMs
    this.tokens = this.burst
    this.last = now
  }

  take(now: number): number {
    if (now < this.blockedUntil) return this.blockedUntil - now
    this.tokens = Math.min(this.burst, this.tokens + (now - this.last) * this.ratePerMs)
    this.last = now
    if (this.tokens >= 1) {
      this.tokens -= 1
      return 0
    }
    return Math.ceil((1 - this.tokens) / this.ratePerMs)
  }
}

const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/** Today's governor (before the sliding window): the two methods the API client calls. */
export class TokenBucketGovernor {
  private readonly buckets = new Map<Category, Bucket>()

  constructor(private readonly limits: Record<Category, { perWindow: number; windowMs: number }>) {}

  private bucket(c: Category): Bucket {
    let b = this.buckets.get(c)
    if (!b) {
      b = new Bucket(this.limits[c].perWindow, this.limits[c].windowMs, Date.now())
      this.buckets.set(c, b)
    }
    return b
  }

  noteHeaders(
    category: Category,
    headers: Record<string, string | string[] | undefined>,
    resetMs: number | undefined,
  ): void {
    const v = headers['x-ratelimit-remaining']
    const remaining = Array.isArray(v) ? v[0] : v
    if (remaining !== undefined && Number(remaining) <= 0 && resetMs !== undefined) {
      const b = this.bucket(category)
      b.blockedUntil = Math.max(b.blockedUntil, Date.now() + Math.min(resetMs, 300_000))
    }
  }

  async run<T>(
    call: { category: Category; signal?: AbortSignal },
    attempt: (n: number) => Promise<T>,
  ): Promise<T> {
    const b = this.bucket(call.category)
    for (let n = 0; ; n++) {
      for (let wait = b.take(Date.now()); wait > 0; wait = b.take(Date.now())) await pause(wait)
      try {
        return await attempt(n)
      } catch (err) {
        const retry =
          err instanceof ApiError &&
          err.retryable &&
          n + 1 < 5 &&
          !err.details.outcomeUnknown &&
          !err.details.policyExpired
        if (!retry) throw err
        const wait = err.details.retryAfterMs ?? Math.floor(Math.random() * Math.min(60_000, 1000 * 2 ** n))
        if (wait > 300_000) throw err
        if (err.kind === 'rate_limited') b.blockedUntil = Math.max(b.blockedUntil, Date.now() + wait)
        await pause(wait)
      }
    }
  }
}
