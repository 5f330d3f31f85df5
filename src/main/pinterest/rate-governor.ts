import { ApiError } from './api-error'
import { rateLimitsFor, type RateCategory, type RateProfile } from './rate-limits'
import { SlidingWindowLog, type WindowBudget, type WindowLimit } from './rate-window'

export type { RateCategory } from './rate-limits'

export interface RateGovernorOptions {
  profile?: RateProfile
  /** Standard's write limit per minute, for an app with another than 100 (`rateLimitsFor`). */
  writesPerMinute?: number
  /** Overrides per category. */
  limits?: Partial<Record<RateCategory, WindowLimit>>
  /** Where answered requests are kept across runs (Trial's per-day budget outlives a process). */
  journal?: RateJournal
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
  /** Called when requests start to wait (a hold Pinterest asked for, or the budget spent): the window says why. */
  onSlowdown?: () => void
}

/** Why requests wait now, and until when (epoch ms): Pinterest's own word, or this app's budget being spent. */
export interface Slowdown {
  until: number
  by: 'pinterest' | 'budget'
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

/** The window of `category` is full for longer than the caller waits: nothing was sent. */
function spent(category: RateCategory, limit: WindowLimit, waitMs: number): ApiError {
  const what = category === 'org_write' ? 'write' : 'read'
  const per =
    limit.windowMs === 86_400_000
      ? 'a day'
      : limit.windowMs === 60_000
        ? 'a minute'
        : `per ${Math.round(limit.windowMs / 1000)} s`
  return new ApiError(
    'rate_limited',
    `Pinterest's ${what} limit (${limit.perWindow} ${per}) is used up for now.`,
    {
      retryAfterMs: waitMs,
      outcomeUnknown: false,
      fix: 'Pinload sends it as soon as the limit allows; the budget left is in Settings and `pinload status`.',
    },
  )
}

/** What the governor needs to know about one request to retry it or not. */
export interface GovernedCall {
  category: RateCategory
  signal?: AbortSignal
}

/** Keeps the answer times of counted requests so a new process starts with the window it left. */
export interface RateJournal {
  /** Answer times (epoch ms) still inside `windowMs` of now. */
  load(category: RateCategory, windowMs: number): number[]
  /** One more answer at `at`; what is older than `windowMs` before it may be forgotten. */
  record(category: RateCategory, at: number, windowMs: number): void
  /**
   * Answer times still inside `windowMs` that other journals (other processes of the same account) recorded.
   * Given, it is asked before every request of `category`, instead of `load` once, so their writes count while
   * both run; undefined for a category it does not keep.
   */
  others?(category: RateCategory, windowMs: number): number[] | undefined
  /** A request of this governor was granted at `at` (before `record` of its answer), so others count it now. */
  begin?(category: RateCategory, at: number, windowMs: number): void
}

/** What the API client needs of a governor (benchmarks put another one in its place). */
export type RequestGovernor = Pick<RateGovernor, 'run' | 'noteHeaders'>

/** One granted request: `release` when its answer came back or it failed. */
export interface RateSlot {
  release(): void
}

/**
 * Client-side sliding-window logs per rate category in front of the API (`rate-window.ts`), plus the retry
 * policy: retries only `transient`/`rate_limited` failures, never an unsafe create whose outcome is unknown, at
 * most `maxAttempts` times, waiting Retry-After when the server gives one and full-jitter backoff otherwise. A 429
 * holds the whole category, not just the request that got it, and lowers the category's limit for a window.
 */
export class RateGovernor {
  private readonly windows = new Map<RateCategory, SlidingWindowLog>()
  private limits: Record<RateCategory, WindowLimit>
  private readonly journal: RateJournal | undefined
  readonly maxAttempts: number
  private readonly baseDelayMs: number
  private readonly maxDelayMs: number
  private readonly maxRetryAfterMs: number
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>
  private readonly now: () => number
  private readonly random: () => number
  private readonly onSlowdown: (() => void) | undefined
  /** When each caller sleeping in `acquire` for a slot wakes (epoch ms). */
  private readonly sleepers = new Set<{ until: number }>()

  constructor(opts: RateGovernorOptions = {}) {
    this.limits = { ...rateLimitsFor(opts.profile ?? 'standard', opts.writesPerMinute), ...opts.limits }
    this.journal = opts.journal
    this.maxAttempts = Math.max(1, opts.maxAttempts ?? 5)
    this.baseDelayMs = opts.baseDelayMs ?? 1000
    this.maxDelayMs = opts.maxDelayMs ?? 60_000
    this.maxRetryAfterMs = opts.maxRetryAfterMs ?? 5 * 60_000
    this.sleep = opts.sleep ?? abortableSleep
    this.now = opts.now ?? Date.now
    this.random = opts.random ?? Math.random
    this.onSlowdown = opts.onSlowdown
  }

  private window(category: RateCategory): SlidingWindowLog {
    let w = this.windows.get(category)
    if (!w) {
      const limit = this.limits[category]
      w = new SlidingWindowLog(limit)
      try {
        if (this.journal && !this.journal.others) w.seed(this.journal.load(category, limit.windowMs))
      } catch {
        // Unreadable: start from an empty window, as a first run would; a 429 still adjusts it.
      }
      this.windows.set(category, w)
    }
    return w
  }

  /**
   * Waits until a request of `category` may go; it counts from now until its slot is released. A wait longer
   * than `maxWaitMs` is not waited out: a `rate_limited` error naming it goes to the caller instead.
   */
  async acquire(category: RateCategory, signal?: AbortSignal, maxWaitMs = Infinity): Promise<RateSlot> {
    const w = this.window(category)
    for (;;) {
      if (signal?.aborted) throw cancelled()
      this.readOthers(category, w)
      const wait = w.take(this.now())
      if (wait <= 0) break
      if (wait > maxWaitMs) throw spent(category, w.limit, wait)
      const sleeper = { until: this.now() + wait }
      const first = this.sleepers.size === 0
      this.sleepers.add(sleeper)
      try {
        if (first) this.tell()
        await this.sleep(wait, signal)
      } finally {
        this.sleepers.delete(sleeper)
        // Woken early (a cancel, a pause): the window must not go on counting down to a wait nobody has.
        if (this.sleepers.size === 0 && this.now() < sleeper.until) this.tell()
      }
    }
    try {
      this.journal?.begin?.(category, this.now(), w.limit.windowMs)
    } catch {
      // Not written (a database closing): other processes see this request only once it is answered.
    }
    let released = false
    return {
      release: () => {
        if (released) return
        released = true
        const at = this.now()
        w.release(at)
        try {
          this.journal?.record(category, at, w.limit.windowMs)
        } catch {
          // A journal that cannot be written (a database closing at shutdown) must not fail the request it
          // records: this window still counts it; only a later process would start without it.
        }
      },
    }
  }

  /**
   * Takes the limits of `other` (the settings changed: writes per minute, the rate profile), keeping what each
   * window has counted, the requests in flight and the waiters: a new governor next to this one would start
   * without the requests this one has in flight, and replacing the client would close the connections that
   * items in the middle of their steps still use.
   */
  retune(other: RateGovernor): void {
    this.limits = { ...other.limits }
    for (const [category, w] of this.windows) w.limit = this.limits[category]
  }

  /** What `category`'s window holds now, for the budget shown to the user. */
  budget(category: RateCategory): WindowBudget {
    const w = this.window(category)
    this.readOthers(category, w)
    return w.budget(this.now())
  }

  /** The other processes' answers, as the journal holds them now. */
  private readOthers(category: RateCategory, w: SlidingWindowLog): void {
    if (!this.journal?.others) return
    try {
      const times = this.journal.others(category, w.limit.windowMs)
      if (times) w.setForeign(times, this.now())
    } catch {
      // Unreadable (a database closing at shutdown): the last known set stays; a 429 still adjusts.
    }
  }

  /** Holds `category` until `untilMs` (epoch ms). */
  holdUntil(category: RateCategory, untilMs: number): void {
    const w = this.window(category)
    const later = untilMs > w.blockedUntil
    w.blockedUntil = Math.max(w.blockedUntil, untilMs)
    if (later) this.tell()
  }

  /** Tells the window; a notice that fails (a database closing at shutdown) never fails a request. */
  private tell(): void {
    try {
      this.onSlowdown?.()
    } catch {
      // Only the notice is lost: the next change of the queue carries the totals anyway.
    }
  }

  /**
   * Why requests wait here now: a hold Pinterest asked for (a 429, a spent budget in its headers) or callers
   * waiting for a slot of this app's own budget; null when nothing waits (issue 18: a pause always says why).
   */
  slowdown(): Slowdown | null {
    const now = this.now()
    let asked = 0
    for (const w of this.windows.values()) asked = Math.max(asked, w.blockedUntil)
    if (asked > now) return { until: asked, by: 'pinterest' }
    // The next request: the earliest of the sleepers' wake-ups.
    let next = Infinity
    for (const s of this.sleepers) next = Math.min(next, s.until)
    return next > now && next !== Infinity ? { until: next, by: 'budget' } : null
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
   * Runs `attempt` under the governor: a slot before each try, released when the try ends; retries as described
   * on the class. `attempt` gets the 0-based try number.
   */
  async run<T>(call: GovernedCall, attempt: (n: number) => Promise<T>): Promise<T> {
    for (let n = 0; ; n++) {
      // A spent Trial day is not slept through here: the queue parks the item until then (`wait`), as it does
      // with a Retry-After longer than maxRetryAfterMs, and says so.
      const slot = await this.acquire(call.category, call.signal, this.maxRetryAfterMs)
      try {
        return await attempt(n)
      } catch (err) {
        slot.release()
        // Pinterest's own 429 (not S3's, not a spam block): its budget is lower than this log assumed.
        if (err instanceof ApiError && err.kind === 'rate_limited' && err.details.status === 429)
          this.window(call.category).noteRejected(this.now())
        if (!(err instanceof ApiError) || !this.shouldRetry(err, n)) throw err
        const advised = err.details.retryAfterMs
        if (advised !== undefined && advised > this.maxRetryAfterMs) {
          // Pinterest said how long: the category's other requests are handed to the queue with that wait
          // instead of each being sent to meet the same 429.
          if (err.kind === 'rate_limited' && err.details.status === 429)
            this.holdUntil(call.category, this.now() + advised)
          throw err
        }
        let wait: number
        if (advised !== undefined) {
          wait = advised
        } else {
          wait = backoffDelayMs(n, { baseMs: this.baseDelayMs, capMs: this.maxDelayMs }, this.random)
        }
        if (err.kind === 'rate_limited') this.holdUntil(call.category, this.now() + wait)
        await this.sleep(wait, call.signal)
      } finally {
        slot.release()
      }
    }
  }

  private shouldRetry(err: ApiError, n: number): boolean {
    if (n + 1 >= this.maxAttempts) return false
    if (err.details.outcomeUnknown || err.details.policyExpired) return false
    return err.retryable
  }
}
