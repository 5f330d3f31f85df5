import { describe, expect, it } from 'vitest'
import { defaultSettings } from '../../src/main/db/settings-store'
import { formatWriteBudget, RateBudget } from '../../src/main/services/rate-budget'

const NOW = 10_000_000_000
const budget = (settings: Partial<ReturnType<typeof defaultSettings>>, times: number[]) =>
  new RateBudget({
    settings: () => ({ ...defaultSettings('/data'), ...settings }),
    journal: () => ({ load: (_c, windowMs) => times.filter((t) => t > NOW - windowMs) }),
    now: () => NOW,
  }).writes()

describe('RateBudget', () => {
  it('counts the writes of the window ending now against the limit in force', () => {
    const b = budget({}, [NOW - 61_000, NOW - 30_000, NOW - 1_000, NOW])
    expect(b).toEqual({
      profile: 'standard',
      limit: 100,
      windowMs: 60_000,
      used: 3,
      remaining: 97,
      nextFreeAt: NOW + 30_000,
    })
    expect(formatWriteBudget(b, NOW)).toBe('Write budget (Standard): 97 of 100 writes left this minute.')
    expect(budget({ writesPerMinute: 3 }, [NOW - 30_000, NOW - 1_000, NOW]).remaining).toBe(0)
  })

  it('a Trial day: 300 a day whatever writesPerMinute says, and when the next one frees when none is left', () => {
    const day = Array.from({ length: 300 }, (_, i) => NOW - 5 * 3_600_000 + i)
    const b = budget({ rateProfile: 'trial', writesPerMinute: 40 }, day)
    expect(b).toMatchObject({ limit: 300, used: 300, remaining: 0, windowMs: 86_400_000 })
    expect(formatWriteBudget(b, NOW)).toBe(
      'Write budget (Trial): 0 of 300 writes left in the last 24 hours; the next in 19 h.',
    )
    const minute = budget({ writesPerMinute: 1 }, [NOW - 20_000])
    expect(formatWriteBudget(minute, NOW)).toBe(
      'Write budget (Standard): 0 of 1 writes left this minute; the next in 1 min.',
    )
  })
})
