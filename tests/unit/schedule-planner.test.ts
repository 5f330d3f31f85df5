import { describe, expect, it } from 'vitest'
import { MIN_EVERY_MS, parsePlan, PlanError, type PlanInput } from '../../src/shared/schedule/plan-spec'
import { planTimes } from '../../src/shared/schedule/planner'
import { wallTimeAt, zonedToEpoch } from '../../src/shared/schedule/zoned-time'

const NY = 'America/New_York'
const BERLIN = 'Europe/Berlin'
const HOUR = 3_600_000
const utc = (iso: string) => Date.parse(iso)
/** "2026-03-08 09:00" as the zone's wall clock shows `t`. */
const local = (tz: string, t: number) => {
  const w = wallTimeAt(tz, t)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${w.year}-${p(w.month)}-${p(w.day)} ${p(w.hour)}:${p(w.minute)}`
}
/** The injected clock: every parse sees this "now". */
const ctx = (now: string, minEveryMs = MIN_EVERY_MS) => ({
  now: utc(now),
  systemTimeZone: 'UTC',
  minEveryMs,
})
const plan = (input: PlanInput, now: string, count: number, random = () => 0) => {
  const spec = parsePlan(input, ctx(now))
  if (!spec) throw new Error('no plan')
  return planTimes(spec, count, random)
}

describe('zonedToEpoch: wall-clock times across daylight-saving changes', () => {
  it('New York (2026-03-08 spring, 2026-11-01 autumn)', () => {
    expect(zonedToEpoch(NY, { year: 2026, month: 3, day: 7, hour: 9, minute: 0 })).toBe(
      utc('2026-03-07T14:00Z'),
    )
    expect(zonedToEpoch(NY, { year: 2026, month: 3, day: 8, hour: 9, minute: 0 })).toBe(
      utc('2026-03-08T13:00Z'),
    )
    // 02:30 does not exist that night: the clock reads 03:30 EDT.
    expect(zonedToEpoch(NY, { year: 2026, month: 3, day: 8, hour: 2, minute: 30 })).toBe(
      utc('2026-03-08T07:30Z'),
    )
    // 01:30 happens twice: the first (EDT).
    expect(zonedToEpoch(NY, { year: 2026, month: 11, day: 1, hour: 1, minute: 30 })).toBe(
      utc('2026-11-01T05:30Z'),
    )
  })

  it('Berlin (2026-03-29 spring, 2026-10-25 autumn)', () => {
    expect(zonedToEpoch(BERLIN, { year: 2026, month: 3, day: 29, hour: 2, minute: 30 })).toBe(
      utc('2026-03-29T01:30Z'),
    )
    expect(zonedToEpoch(BERLIN, { year: 2026, month: 10, day: 25, hour: 2, minute: 30 })).toBe(
      utc('2026-10-25T00:30Z'),
    )
    expect(zonedToEpoch(BERLIN, { year: 2026, month: 10, day: 26, hour: 9, minute: 0 })).toBe(
      utc('2026-10-26T08:00Z'),
    )
  })
})

describe('planTimes --every, with an injected clock', () => {
  it('1d keeps 09:00 in New York across the spring change (14:00Z, then 13:00Z)', () => {
    const t = plan({ start: '2026-03-06T09:00', every: '1d', tz: NY }, '2026-03-01T00:00Z', 4)
    expect(t.map((x) => local(NY, x))).toEqual([
      '2026-03-06 09:00',
      '2026-03-07 09:00',
      '2026-03-08 09:00',
      '2026-03-09 09:00',
    ])
    expect(t[2]! - t[1]!).toBe(23 * HOUR)
  })

  it('1d keeps 09:00 in Berlin across the autumn change (a 25-hour day)', () => {
    const t = plan({ start: '2026-10-24T09:00', every: '1d', tz: BERLIN }, '2026-10-01T00:00Z', 3)
    expect(t.map((x) => local(BERLIN, x))).toEqual([
      '2026-10-24 09:00',
      '2026-10-25 09:00',
      '2026-10-26 09:00',
    ])
    expect(t[1]! - t[0]!).toBe(25 * HOUR)
  })

  it('hours are elapsed time: 12h over the Berlin spring change lands an hour later on the clock', () => {
    const t = plan({ start: '2026-03-28T20:00', every: '12h', tz: BERLIN }, '2026-03-01T00:00Z', 3)
    expect(t[1]! - t[0]!).toBe(12 * HOUR)
    expect(t.map((x) => local(BERLIN, x))).toEqual([
      '2026-03-28 20:00',
      '2026-03-29 09:00',
      '2026-03-29 21:00',
    ])
  })

  it('a start with an offset is taken as given; jitter moves each time later by less than the spacing', () => {
    const t = plan(
      { start: '2026-05-01T10:00:00Z', every: '15m', jitter: '5m' },
      '2026-04-30T00:00Z',
      3,
      () => 0.5,
    )
    expect(t).toEqual([0, 1, 2].map((i) => utc('2026-05-01T10:00:00Z') + i * 15 * 60_000 + 150_000))
  })

  it('no start means now; only a start puts every item at it', () => {
    const now = '2026-05-01T10:00:00Z'
    expect(plan({ every: '2h' }, now, 2)).toEqual([utc(now), utc(now) + 2 * HOUR])
    expect(plan({ start: '2026-05-02T10:00Z' }, now, 2)).toEqual([
      utc('2026-05-02T10:00Z'),
      utc('2026-05-02T10:00Z'),
    ])
  })
})

describe('planTimes --per-day in a daily window', () => {
  it('3 a day in 09:00-17:00 New York, 11 items over the spring change: inside the window, at most 3 a day', () => {
    const t = plan(
      { start: '2026-03-06T00:00', perDay: '3', window: '09:00-17:00', tz: NY },
      '2026-03-01T00:00Z',
      11,
    )
    expect(t).toHaveLength(11)
    expect(t.map((x) => local(NY, x))).toEqual([
      '2026-03-06 09:00',
      '2026-03-06 11:40',
      '2026-03-06 14:20',
      '2026-03-07 09:00',
      '2026-03-07 11:40',
      '2026-03-07 14:20',
      '2026-03-08 09:00',
      '2026-03-08 11:40',
      '2026-03-08 14:20',
      '2026-03-09 09:00',
      '2026-03-09 11:40',
    ])
    expect([...t].sort((a, b) => a - b)).toEqual(t)
  })

  it('slots before the start are skipped that day', () => {
    const t = plan(
      { start: '2026-06-01T12:00', perDay: '3', window: '09:00-17:00', tz: NY },
      '2026-05-01T00:00Z',
      3,
    )
    expect(t.map((x) => local(NY, x))).toEqual(['2026-06-01 14:20', '2026-06-02 09:00', '2026-06-02 11:40'])
  })

  it('a whole day in Berlin: 23 slots fill the 23-hour spring day, one an hour of real time', () => {
    const t = plan({ start: '2026-03-29T00:00', perDay: '23', tz: BERLIN }, '2026-03-01T00:00Z', 23)
    expect(new Set(t.map((x) => local(BERLIN, x).slice(0, 10)))).toEqual(new Set(['2026-03-29']))
    for (let i = 1; i < t.length; i++) expect(t[i]! - t[i - 1]!).toBe(HOUR)
  })

  it('jitter stays inside the slot and the window', () => {
    const t = plan(
      { start: '2026-10-24T00:00', perDay: '4', window: '10:00-12:00', jitter: '2h', tz: BERLIN },
      '2026-10-01T00:00Z',
      8,
      () => 0.999,
    )
    for (const x of t) {
      const hm = local(BERLIN, x).slice(11)
      expect(hm >= '10:00' && hm < '12:00').toBe(true)
    }
    const perDate = new Map<string, number>()
    for (const x of t)
      perDate.set(local(BERLIN, x).slice(0, 10), (perDate.get(local(BERLIN, x).slice(0, 10)) ?? 0) + 1)
    expect([...perDate.values()]).toEqual([4, 4])
  })
})

describe('parsePlan: bad input names the flag', () => {
  const now = '2026-05-01T10:00:00Z'
  const fails = (input: PlanInput, flag: string, words: RegExp, minEveryMs = MIN_EVERY_MS) => {
    let err: unknown
    try {
      parsePlan(input, ctx(now, minEveryMs))
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(PlanError)
    expect((err as PlanError).flag).toBe(flag)
    expect((err as PlanError).message).toMatch(words)
    expect((err as PlanError).message.startsWith(`${flag}: `)).toBe(true)
  }

  it('a start in the past by more than a minute', () => {
    fails({ start: '2026-05-01T09:58:00Z', every: '1h' }, '--start', /in the past/)
    // Within the minute it is "now".
    expect(parsePlan({ start: '2026-05-01T09:59:30Z', every: '1h' }, ctx(now))?.start).toBe(utc(now))
  })

  it('a window that ends before it starts, or is not a window', () => {
    fails({ perDay: '3', window: '17:00-09:00' }, '--window', /ends before it starts/)
    fails({ perDay: '3', window: '9 to 5' }, '--window', /HH:MM-HH:MM/)
    fails({ window: '09:00-17:00' }, '--window', /needs --per-day/)
  })

  it('an unknown time zone', () => {
    fails({ perDay: '3', tz: 'Mars/Olympus_Mons' }, '--tz', /not a known time zone/)
  })

  it('--per-day 0', () => {
    fails({ perDay: '0' }, '--per-day', /whole number from 1/)
  })

  it('--every under one minute against Pinterest, allowed by a test server', () => {
    fails({ every: '30s' }, '--every', /under one minute/)
    fails({ every: 'soon' }, '--every', /not a duration/)
    expect(parsePlan({ every: '5s' }, ctx(now, 1000))?.everyMs).toBe(5000)
  })

  it('a bad start, both spacings, and a jitter as long as the spacing', () => {
    fails({ start: 'tomorrow', every: '1h' }, '--start', /ISO 8601/)
    fails({ every: '1h', perDay: '3' }, '--every', /not both/)
    fails({ every: '10m', jitter: '10m' }, '--jitter', /shorter than --every/)
  })

  it('no schedule flags: no plan', () => {
    expect(parsePlan({}, ctx(now))).toBeNull()
  })
})
