import type { FaultRule, RateLimitCategory, RateLimitRule, RequestCategory } from './types'

/** mulberry32: tiny seeded PRNG so probabilistic faults repeat run to run. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface RuleState {
  rule: FaultRule
  seen: number
  fired: number
}

/** Fault rules in the order added; the first rule that fires on a request decides its fault. */
export class FaultBook {
  private rules: RuleState[] = []
  private rng: () => number

  constructor(private readonly seed: number) {
    this.rng = mulberry32(seed)
  }

  add(rule: FaultRule): void {
    if (rule.probability !== undefined && (rule.probability < 0 || rule.probability > 1))
      throw new RangeError('probability must be within 0..1')
    this.rules.push({ rule, seen: 0, fired: 0 })
  }

  clear(): void {
    this.rules = []
    this.rng = mulberry32(this.seed)
  }

  /** Which action applies to this request, if any. Counts every match, fired or not. */
  pick(method: string, path: string, category: RequestCategory): FaultRule['action'] | null {
    for (const st of this.rules) {
      const m = st.rule.match
      if (m.method && m.method.toUpperCase() !== method.toUpperCase()) continue
      if (m.category && m.category !== category) continue
      if (m.path !== undefined && !(typeof m.path === 'string' ? m.path === path : m.path.test(path)))
        continue
      st.seen += 1
      if (st.seen <= (st.rule.after ?? 0)) continue
      if (st.rule.times !== undefined && st.fired >= st.rule.times) continue
      if (st.rule.probability !== undefined && this.rng() >= st.rule.probability) continue
      st.fired += 1
      return st.rule.action
    }
    return null
  }
}

export const RATE_LIMIT_MESSAGE =
  'This request exceeded a rate limit. This can happen if the client exceeds one of the published rate limits or if multiple write operations are applied to an object within a short time window.'

export const SPAM_MESSAGE = 'Your request was blocked because it looks like spam. Please try again later.'

/** Per user and category (Pinterest: "per user per app"): fixed windows, or strict sliding ones. */
export class RateLimiter {
  private windows = new Map<string, { start: number; count: number }>()
  private logs = new Map<string, number[]>()

  constructor(
    private readonly limits: Partial<Record<RateLimitCategory, RateLimitRule>> | false,
    private readonly now: () => number,
  ) {}

  /** Counts the request; true when it is over the limit (and must get a 429). */
  hit(category: RateLimitCategory, user: string): boolean {
    const cfg = this.limits === false ? undefined : this.limits[category]
    if (!cfg) return false
    const key = `${category}\u0000${user}`
    const t = this.now()
    if (cfg.sliding) {
      const log = (this.logs.get(key) ?? []).filter((at) => at > t - cfg.windowMs)
      this.logs.set(key, log)
      if (log.length >= cfg.limit) return true
      log.push(t)
      return false
    }
    let w = this.windows.get(key)
    if (!w || t - w.start >= cfg.windowMs) {
      w = { start: t, count: 0 }
      this.windows.set(key, w)
    }
    w.count += 1
    return w.count > cfg.limit
  }

  reset(): void {
    this.windows.clear()
    this.logs.clear()
  }
}
