import type { Settings } from '../../shared/domain'
import type { WriteBudget } from '../../shared/write-budget'
import type { RateJournal } from '../pinterest/rate-governor'
import { rateLimitsFor } from '../pinterest/rate-limits'
import { SlidingWindowLog } from '../pinterest/rate-window'

/**
 * What the write limit leaves now for the account in use, for the window (`rate:write-budget`) and
 * `pinload status` alike. Counted from the journal the governors keep of every answered write, so a process that
 * has sent nothing (the command asking for the status) sees what the app or an earlier command used.
 */
export class RateBudget {
  constructor(
    private readonly opts: {
      /** The settings in force (the command's carry `PINLOAD_WRITES_PER_MINUTE`). */
      settings: () => Settings
      /** The journal of the account in use. */
      journal: () => Pick<RateJournal, 'load'>
      now?: () => number
    },
  ) {}

  writes(): WriteBudget {
    const s = this.opts.settings()
    const limit = rateLimitsFor(s.rateProfile, s.writesPerMinute).org_write
    const log = new SlidingWindowLog(limit)
    log.seed(this.opts.journal().load('org_write', limit.windowMs))
    const b = log.budget((this.opts.now ?? Date.now)())
    return {
      profile: s.rateProfile,
      limit: b.limit,
      windowMs: b.windowMs,
      used: b.used,
      remaining: b.remaining,
      nextFreeAt: b.nextFreeAt,
    }
  }
}

/** One line for `pinload status`: "Write budget: 287 of 300 left today (Trial) …". */
export function formatWriteBudget(b: WriteBudget, now: number = Date.now()): string {
  const span = b.windowMs >= 86_400_000 ? 'in the last 24 hours' : 'this minute'
  const profile = b.profile === 'trial' ? 'Trial' : 'Standard'
  const minutes = b.nextFreeAt === null ? 0 : Math.max(1, Math.ceil((b.nextFreeAt - now) / 60_000))
  const next =
    b.remaining > 0 || b.nextFreeAt === null
      ? ''
      : minutes > 90
        ? `; the next in ${Math.round(minutes / 60)} h`
        : `; the next in ${minutes} min`
  return `Write budget (${profile}): ${b.remaining} of ${b.limit} writes left ${span}${next}.`
}
