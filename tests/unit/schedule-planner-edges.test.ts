import { describe, expect, it } from 'vitest'
import { MIN_EVERY_MS, parsePlan, PlanError, type PlanInput } from '../../src/shared/schedule/plan-spec'
import { planTimes } from '../../src/shared/schedule/planner'
import { wallTimeAt } from '../../src/shared/schedule/zoned-time'

const NY = 'America/New_York'
const NOW = Date.parse('2026-01-01T00:00Z')
const ctx = { now: NOW, systemTimeZone: NY, minEveryMs: MIN_EVERY_MS }
const local = (t: number) => {
  const w = wallTimeAt(NY, t)
  return `${w.month}-${w.day} ${w.hour}:${String(w.minute).padStart(2, '0')}`
}
const refusal = (input: PlanInput) => {
  try {
    parsePlan(input, ctx)
  } catch (e) {
    return e instanceof PlanError ? e.flag : String(e)
  }
  return null
}

describe('planner edges', () => {
  it('a --start that names no real date or time is refused, not rolled over into another day', () => {
    expect(refusal({ start: '2026-02-30T09:00', every: '1h' })).toBe('--start')
    expect(refusal({ start: '2026-02-03T25:00', every: '1h' })).toBe('--start')
    expect(refusal({ start: '2026-13-01', every: '1h' })).toBe('--start')
    expect(refusal({ start: '2026-02-03T09:61', every: '1h' })).toBe('--start')
    expect(refusal({ start: '2026-02-30T09:00Z', every: '1h' })).toBe('--start')
    expect(refusal({ start: '2026-04-31T09:00+02:00', every: '1h' })).toBe('--start')
    expect(refusal({ start: '2028-02-29T09:00', every: '1h' })).toBeNull()
  })

  it('--per-day closer than a minute apart in its window is refused against Pinterest, as --every under 1m is', () => {
    expect(refusal({ perDay: '100', window: '09:00-10:00' })).toBe('--per-day')
    expect(refusal({ perDay: '60', window: '09:00-10:00' })).toBeNull()
    expect(refusal({ perDay: '1440' })).toBeNull()
  })

  it('jitter never brings two Pins under a minute apart', () => {
    // --every: at most the spacing less a minute.
    expect(refusal({ every: '10m', jitter: '9m30s' })).toBe('--jitter')
    expect(refusal({ every: '10m', jitter: '9m' })).toBeNull()
    // --per-day: a slot's Pin moves at most to a minute before the next slot's earliest time.
    const spec = parsePlan(
      { start: '2026-06-01T00:00', perDay: '3', window: '09:00-12:00', jitter: '2h', tz: NY },
      ctx,
    )!
    let k = 0
    const times = planTimes(spec, 6, () => (k++ % 2 === 0 ? 0.999999 : 0))
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(60_000)
  })

  it('--window without --per-day is refused (it used to be ignored, every Pin at the start)', () => {
    expect(refusal({ start: '2026-02-03T09:00', window: '09:00-17:00' })).toBe('--window')
  })

  it('one a day from the second 01:30 of the autumn change keeps 01:30 on the days after', () => {
    // 2026-11-01 01:30 EST (06:30Z) is the second 01:30 in New York that night.
    const spec = parsePlan({ start: '2026-11-01T06:30Z', every: '1d', tz: NY }, ctx)!
    const times = planTimes(spec, 3, () => 0)
    expect(times[0]).toBe(Date.parse('2026-11-01T06:30Z'))
    expect(times.slice(1).map(local)).toEqual(['11-2 1:30', '11-3 1:30'])
  })
})
