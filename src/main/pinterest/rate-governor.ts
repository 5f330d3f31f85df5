import { ApiError } from './api-error'

/** Pinterest's rate categories the uploader touches (`x-ratelimit-category` in the OpenAPI description). */
export type RateCategory = 'org_read' | 'org_write'

/**
 * One token bucket: `burst` requests may go at once, then `perWindow - burst` more per `windowMs`, so no window of
 * `windowMs` ever holds more than `perWindow` requests even against a sliding-window server.
 */
export interface BucketLimit {
  /** Requests allowed per window. */
  perWindow: number
  /** Window length in ms (60 000 for Standard's per-minute limits, 86 400 000 for Trial's per-day limits). */
  windowMs: number
  /** Requests that may go back to back; default min(10, perWindow / 10). */
  burst?: number
}

/** Documented limits (docs/pinterest-api.md §6.1): Standard per minute, Trial per day. */
const RATE_PROFILES: Record<'standard' | 'trial', Record<RateCategory, BucketLimit>> = {
  standard: {
    org_read: { perWindow: 1000, windowMs: 60_000 },
    org_write: { perWindow: 100, windowMs: 60_000 },
  },
  trial: {
    org_read: { perWindow: 1000, windowMs: 86_400_000 },
    org_write: { perWindow: 300, windowMs: 86_400_000 },
  },
}

export interface RateGovernorOptions {
  profile?: 'standard' | 'trial'
  /** Overrides per category. */
  limits?: Partial<Record<RateCategory, BucketLimit>>
  /** Attempts per request including the first (default 5). */
  maxAttempts?: number
  /** Backoff base and cap in ms (default 1 000 and 60 000). */
  baseDelayMs?: number
  maxDelayMs?: number
  /** A Retry-After longer than this is not waited out: the error goes to the caller (default 5 min). */
  maxRetryAfterMs?: number
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  now?: () => number
  random?: () => number
}

/**
 * Exponential backoff with full jitter: a uniform wait in [0, min(cap, base·2^attempt)). `attempt` is 0 for the
 * first retry. Pure, for tests.
 */
export function backoffDelayMs(
  attempt: number,
  opts: { baseMs: number; capMs: number },
  random: () => number,
): number {
  const ceiling = Math.min(opts.capMs, opts.baseMs * 2 ** Math.max(0, attempt))
  return Math.floor(random() * ceiling)
}

/** Sleeps `ms`, rejecting with ApiError('cancelled') as soon as `signal` aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled())
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(t)
      reject(cancelled())
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

export const cancelled = () => new ApiError('cancelled', 'Cancelled.')

class Bucket {
  private tokens: number
  private last: number
  /** Nothing leaves before this time (a 429's Retry-After, or a budget the server says is spent). */
  blockedUntil = 0
  readonly burst: number
  readonly ratePerMs: number

  constructor(limit: BucketLimit, now: number) {
    this.burst = Math.max(1, limit.burst ?? Math.min(10, Math.floor(limit.perWindow / 10)))
    this.ratePerMs = Math.max(1, limit.perWindow - this.burst) / limit.windowMs
    this.tokens = this.burst
    this.last = now
  }

  /** Takes a token, or says how long to wait for one. */
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

/** What the governor needs to know about one request to retry it or not. */
export interface GovernedCall {
  category: RateCategory
  signal?: AbortSignal
}

/**
 * Client-side token buckets per rate category in front of the API, plus the retry policy: retries only
 * `transient`/`rate_limited` failures, never an unsafe create whose outcome is unknown, at most `maxAttempts`
 * times, waiting Retry-After when the server gives one and full-jitter backoff otherwise. A 429 holds the whole
 * category, not just the request that got it.
 */
export class RateGovernor {
  private readonly buckets = new Map<RateCategory, Bucket>()
  private readonly limits: Record<RateCategory, BucketLimit>
  readonly maxAttempts: number
  private readonly baseDelayMs: number
  private readonly maxDelayMs: number
  private readonly maxRetryAfterMs: number
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>
  private readonly now: () => number
  private readonly random: () => number

  constructor(opts: RateGovernorOptions = {}) {
    this.limits = { ...RATE_PROFILES[opts.profile ?? 'standard'], ...opts.limits }
    this.maxAttempts = Math.max(1, opts.maxAttempts ?? 5)
    this.baseDelayMs = opts.baseDelayMs ?? 1000
    this.maxDelayMs = opts.maxDelayMs ?? 60_000
    this.maxRetryAfterMs = opts.maxRetryAfterMs ?? 5 * 60_000
    this.sleep = opts.sleep ?? abortableSleep
    this.now = opts.now ?? Date.now
    this.random = opts.random ?? Math.random
  }

  private bucket(category: RateCategory): Bucket {
    let b = this.buckets.get(category)
    if (!b) {
      b = new Bucket(this.limits[category], this.now())
      this.buckets.set(category, b)
    }
    return b
  }

  /** Waits for a token of `category`. */
  async acquire(category: RateCategory, signal?: AbortSignal): Promise<void> {
    const b = this.bucket(category)
    for (;;) {
      if (signal?.aborted) throw cancelled()
      const wait = b.take(this.now())
      if (wait <= 0) return
      await this.sleep(wait, signal)
    }
  }

  /** Holds `category` until `untilMs` (epoch ms). */
  holdUntil(category: RateCategory, untilMs: number): void {
    const b = this.bucket(category)
    b.blockedUntil = Math.max(b.blockedUntil, untilMs)
  }

  /**
   * Reads budget hints from a response: when `X-RateLimit-Remaining` (or a look-alike) says 0, hold the category
   * until the reset it names. Undocumented headers, so absent ones change nothing.
   */
  noteHeaders(
    category: RateCategory,
    headers: Record<string, string | string[] | undefined>,
    resetMs: number | undefined,
  ): void {
    const get = (n: string) => {
      const v = headers[n]
      return Array.isArray(v) ? v[0] : v
    }
    const remaining =
      get('x-ratelimit-remaining') ?? get('x-userendpoint-ratelimit-remaining') ?? get('ratelimit-remaining')
    if (remaining !== undefined && Number(remaining) <= 0 && resetMs !== undefined) {
      this.holdUntil(category, this.now() + Math.min(resetMs, this.maxRetryAfterMs))
    }
  }

  /**
   * Runs `attempt` under the governor: a token before each try, retries as described on the class. `attempt`
   * gets the 0-based try number.
   */
  async run<T>(call: GovernedCall, attempt: (n: number) => Promise<T>): Promise<T> {
    for (let n = 0; ; n++) {
      await this.acquire(call.category, call.signal)
      try {
        return await attempt(n)
      } catch (err) {
        if (!(err instanceof ApiError) || !this.shouldRetry(err, n)) throw err
        const advised = err.details.retryAfterMs
        if (advised !== undefined && advised > this.maxRetryAfterMs) throw err
        let wait: number
        if (advised !== undefined) {
          wait = advised
        } else {
          wait = backoffDelayMs(n, { baseMs: this.baseDelayMs, capMs: this.maxDelayMs }, this.random)
        }
        if (err.kind === 'rate_limited') this.holdUntil(call.category, this.now() + wait)
        await this.sleep(wait, call.signal)
      }
    }
  }

  private shouldRetry(err: ApiError, n: number): boolean {
    if (n + 1 >= this.maxAttempts) return false
    if (err.details.outcomeUnknown || err.details.policyExpired) return false
    return err.retryable
  }
}
