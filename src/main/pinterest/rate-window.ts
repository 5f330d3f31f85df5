/** A rate limit: at most `perWindow` requests in any `windowMs`. */
export interface WindowLimit {
  /** Requests allowed in any window. */
  perWindow: number
  /** Window length in ms (60 000 for Standard's per-minute limits, 86 400 000 for Trial's per-day limits). */
  windowMs: number
}

/** How long a 429 lowers the limit at most (`SlidingWindowLog.noteRejected`). */
const MAX_REDUCED_MS = 15 * 60_000

/** What one category's window holds now: for the budget shown to the user. */
export interface WindowBudget {
  /** The configured limit per window. */
  limit: number
  /** The limit in force now: lower than `limit` for a while after a 429 (see `noteRejected`). */
  effectiveLimit: number
  windowMs: number
  /** Requests counted in the window ending now (in flight ones included). */
  used: number
  /** Requests that may still go in this window: max(0, effectiveLimit − used). */
  remaining: number
  /** When the next counted request leaves the window (epoch ms), or null when none is counted. */
  nextFreeAt: number | null
}

/**
 * A sliding-window log for one rate category: a request may go when fewer than the limit are counted in the
 * window ending now, so the whole budget is usable at once and no window of `windowMs` ever holds more
 * (docs/architecture.md, "Rate limits").
 *
 * A request is counted from the moment it is granted and dated by the moment its answer came back: the server
 * counted it somewhere in between, so a request granted `windowMs` after the previous one's answer can never
 * share a window with it on the server, whatever the network's delay. Answers arrive in clock order, so the log
 * of answered requests stays sorted.
 */
export class SlidingWindowLog {
  /** Answer times of counted requests, oldest first; `head` skips those that left the window. */
  private answered: number[] = []
  private head = 0
  private inFlight = 0
  /** Answer times other processes of the same account recorded (their journal), oldest first. */
  private foreign: number[] = []
  /** The latest time this log has seen, to notice a clock that went back. */
  private latest = -Infinity
  /** Nothing leaves before this time (a 429's wait, or a budget the server says is spent). */
  blockedUntil = 0
  /** A lower limit after a 429, in force until `until`. */
  private reduced: { limit: number; until: number } | null = null

  /** The limit in force; `RateGovernor.retune` replaces it when the settings change, keeping the log. */
  constructor(public limit: WindowLimit) {}

  /** Counts requests answered earlier (a journal of a previous run), oldest first. */
  seed(times: readonly number[]): void {
    this.answered.push(...[...times].sort((a, b) => a - b))
    for (const t of times) this.latest = Math.max(this.latest, t)
  }

  /**
   * The answers other processes of the same account recorded, as their journal holds them now (the app and a
   * `pinload` command at once): they count in this window too. Replaces the previous set. One newer than `now`
   * (this clock went back) counts as answered now, the most it can still count on the server.
   */
  setForeign(times: readonly number[], now: number): void {
    this.foreign = times.map((t) => Math.min(t, now)).sort((a, b) => a - b)
  }

  effectiveLimit(now: number): number {
    this.sync(now)
    if (this.reduced && now >= this.reduced.until) this.reduced = null
    return Math.max(1, Math.min(this.limit.perWindow, this.reduced?.limit ?? Infinity))
  }

  /** Requests counted in the window ending at `now`. */
  used(now: number): number {
    this.prune(now)
    return this.inFlight + this.answered.length - this.head + this.foreign.length
  }

  /** Grants a request (it counts from now on, until `release`), or says how long to wait first. */
  take(now: number): number {
    this.sync(now)
    if (now < this.blockedUntil) return this.blockedUntil - now
    const used = this.used(now)
    const limit = this.effectiveLimit(now)
    if (used < limit) {
      this.inFlight += 1
      return 0
    }
    // `used − limit + 1` requests must leave first; answered ones leave oldest first, in-flight ones last.
    const k = used - limit
    const leaving = this.answeredInWindow()
    // The one that must leave has not been answered yet, so it cannot leave before now + windowMs.
    const wait =
      k < leaving.length ? Math.max(1, leaving[k]! + this.limit.windowMs - now) : this.limit.windowMs
    // Held only by a limit lowered after a 429: that ends sooner, perhaps (a lowered Trial day would otherwise
    // park the item for the day).
    if (this.reduced && used < this.limit.perWindow)
      return Math.min(wait, Math.max(1, this.reduced.until - now))
    return wait
  }

  /** The granted request's answer came (or it failed): it stays counted until `now + windowMs`. */
  release(now: number): void {
    this.sync(now)
    this.inFlight = Math.max(0, this.inFlight - 1)
    const last = this.answered.at(-1)
    this.answered.push(last !== undefined && last > now ? last : now)
  }

  /**
   * The server refused a request with a 429 although this log allowed it: its real budget is lower than the limit
   * (another client of the same account, an app with a lower limit than configured) or it refused for another
   * reason (writes to one object too close together, docs/pinterest-api.md §6.2). For one window from the last 429,
   * allow what it accepted before refusing (`used − 1`, the refused one stays counted), or half the limit in force
   * when that is less, so a lone 429 costs at most half the pace; and always at least one less than before, so
   * refused requests still counted in the log cannot keep the estimate up and repeated 429s always converge.
   * A window of a day (Trial) is lowered for `MAX_REDUCED_MS` at most: a 429 for writes to one board too close
   * together would otherwise halve the day's budget for 24 hours, and a budget really spent elsewhere costs only
   * one refused request per `MAX_REDUCED_MS`.
   */
  noteRejected(now: number): void {
    const limit = this.effectiveLimit(now)
    const accepted = this.used(now) - 1
    this.reduced = {
      limit: Math.max(1, Math.min(limit - 1, Math.max(accepted, Math.floor(limit / 2)))),
      until: now + Math.min(this.limit.windowMs, MAX_REDUCED_MS),
    }
  }

  budget(now: number): WindowBudget {
    const used = this.used(now)
    const effectiveLimit = this.effectiveLimit(now)
    const oldest = this.answeredInWindow()[0]
    return {
      limit: this.limit.perWindow,
      effectiveLimit,
      windowMs: this.limit.windowMs,
      used,
      remaining: Math.max(0, effectiveLimit - used),
      nextFreeAt: oldest !== undefined ? oldest + this.limit.windowMs : null,
    }
  }

  /** Own and foreign answers still in the window, oldest first. */
  private answeredInWindow(): number[] {
    const own = this.answered.slice(this.head)
    return this.foreign.length === 0 ? own : [...own, ...this.foreign].sort((a, b) => a - b)
  }

  /**
   * A clock that went back (a correction, a hand change) is taken as time standing still: every time held is
   * moved back with it. Kept as they were, the answers before the jump would count for the jump's length on top
   * of the window, and a jump of an hour would stop the writes for an hour. A clock that jumps ahead cannot be
   * told from a sleep of the computer, when the server's window did pass: it is taken as time passed.
   */
  private sync(now: number): void {
    // A step back of a second or less (callers reading the clock in another order) is only counted a bit long.
    if (now >= this.latest - 1000) {
      this.latest = Math.max(this.latest, now)
      return
    }
    const back = this.latest - now
    for (let i = this.head; i < this.answered.length; i++) this.answered[i] = this.answered[i]! - back
    if (this.blockedUntil > 0) this.blockedUntil -= back
    if (this.reduced) this.reduced.until -= back
    this.latest = now
  }

  private prune(now: number): void {
    this.sync(now)
    const edge = now - this.limit.windowMs
    this.foreign = this.foreign.filter((t) => t > edge)
    while (this.head < this.answered.length && this.answered[this.head]! <= edge) this.head++
    // Compact now and then so a long run does not keep every answer it ever had.
    if (this.head > 1024 && this.head * 2 > this.answered.length) {
      this.answered = this.answered.slice(this.head)
      this.head = 0
    }
  }
}
