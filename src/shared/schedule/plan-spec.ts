import { isKnownTimeZone, zonedToEpoch } from './zoned-time'

/*
 * A schedule as the user states it (`pinload upload --start … --every …` or `--per-day … --window …`, the
 * window's schedule panel), checked and turned into a PlanSpec the planner (planner.ts) can run. Pure.
 */

/** A daily window in minutes after local midnight, start inclusive, end exclusive (09:00-17:00 = 540..1020). */
interface DailyWindow {
  startMinute: number
  endMinute: number
}

/** A checked schedule: times in epoch ms, durations in ms. */
export interface PlanSpec {
  /** The first Pin goes out at or after this. */
  start: number
  /** IANA zone the window, whole-day spacing and a start without an offset are read in. */
  timeZone: string
  /** Fixed spacing (`--every`); whole days keep the wall-clock time across daylight-saving changes. */
  everyMs?: number
  /** Pins a day (`--per-day`), spread evenly over `window` (the whole day when absent). */
  perDay?: number
  window?: DailyWindow
  /** Each time moves later by up to this much, at random (`--jitter`), never past the next slot. */
  jitterMs?: number
  /** Least time jitter leaves between two Pins (the --every floor); 1 ms when absent. */
  minGapMs?: number
}

/** The schedule as typed: every field a string, as flags and text boxes give them. */
export interface PlanInput {
  start?: string
  every?: string
  perDay?: string
  window?: string
  jitter?: string
  tz?: string
}

/** A schedule the user must fix: names the flag (`--every`) so the command and the window can say which. */
export class PlanError extends Error {
  constructor(
    readonly flag: string,
    message: string,
  ) {
    super(`${flag}: ${message}`)
    this.name = 'PlanError'
  }
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }
/** A start this far in the past is taken as "now" (the time it took to type the command), not refused. */
const PAST_START_GRACE_MS = 60_000
/** Pinterest's shortest spacing: a Pin a minute at most, far under its write limit (docs/pinterest-api.md §6). */
export const MIN_EVERY_MS = 60_000

/** "15m", "2h", "1d", "1h30m", "45s" → ms; null when it is not a duration. */
export function parseDuration(text: string): number | null {
  const t = text.trim().toLowerCase()
  if (!/^(\d+(\.\d+)?[smhd])+$/.test(t)) return null
  let ms = 0
  for (const m of t.matchAll(/(\d+(?:\.\d+)?)([smhd])/g)) ms += Number(m[1]) * UNIT_MS[m[2]!]!
  return Math.round(ms)
}

/** "09:00-17:00" → minutes after midnight; null when it is not two HH:MM times. */
function parseWindow(text: string): { startMinute: number; endMinute: number } | null {
  const m = /^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$/.exec(text)
  if (!m) return null
  const [h1, m1, h2, m2] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number]
  if (h1 > 23 || m1 > 59 || m2 > 59 || h2 > 24 || (h2 === 24 && m2 !== 0)) return null
  return { startMinute: h1 * 60 + m1, endMinute: h2 * 60 + m2 }
}

/** Whether the fields name a real calendar date and time: 02-30 or 25:00 is a typo, not a later day. */
function isRealDateTime(f: readonly number[]): boolean {
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = f
  const d = new Date(Date.UTC(year, month - 1, day))
  return d.getUTCMonth() === month - 1 && d.getUTCDate() === day && hour < 24 && minute < 60 && second < 60
}

/** An ISO date-time; without an offset it is read in `timeZone`. */
function parseStart(text: string, timeZone: string): number | null {
  const t = text.trim()
  const fields = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(t)
  const f = fields ? fields.slice(1).map((v) => Number(v ?? 0)) : []
  if (!fields || !isRealDateTime(f)) return null
  if (fields[0] === t) {
    const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = f
    const at = zonedToEpoch(timeZone, { year, month, day, hour, minute })
    return Number.isNaN(at) ? null : at + second * 1000
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(t)) return null
  const at = Date.parse(t)
  return Number.isNaN(at) ? null : at
}

const floorWords = (ms: number) => (ms % 60_000 === 0 ? `${ms / 60_000}m` : `${ms / 1000}s`)

/** What the check needs besides the input: the clock, the system's zone, and the shortest spacing allowed. */
export interface PlanContext {
  now: number
  systemTimeZone: string
  /** MIN_EVERY_MS against Pinterest; a test server may allow less. */
  minEveryMs: number
}

/**
 * Checks a schedule as typed; throws PlanError naming the first flag that is wrong. Returns null when the
 * input asks for no schedule at all (no --start, --every nor --per-day).
 */
export function parsePlan(input: PlanInput, ctx: PlanContext): PlanSpec | null {
  const given = (v: string | undefined): v is string => v !== undefined
  if (!given(input.start) && !given(input.every) && !given(input.perDay)) {
    for (const [flag, v] of [
      ['--window', input.window],
      ['--jitter', input.jitter],
    ] as const)
      if (given(v)) throw new PlanError(flag, 'needs --per-day or --every (and may take --start).')
    return null
  }
  const timeZone = input.tz?.trim() || ctx.systemTimeZone
  if (!isKnownTimeZone(timeZone))
    throw new PlanError(
      '--tz',
      `'${input.tz}' is not a known time zone; use an IANA name like America/New_York.`,
    )
  let start = ctx.now
  if (given(input.start)) {
    const at = parseStart(input.start, timeZone)
    if (at === null)
      throw new PlanError(
        '--start',
        `'${input.start}' is not a date-time; use ISO 8601 like 2026-12-24T09:00.`,
      )
    if (at < ctx.now - PAST_START_GRACE_MS)
      throw new PlanError('--start', `${input.start} is in the past; give a time from now on.`)
    start = Math.max(at, ctx.now)
  }
  const spec: PlanSpec = { start, timeZone }
  if (given(input.every) && given(input.perDay))
    throw new PlanError('--every', 'give either --every or --per-day, not both.')
  if (given(input.every)) {
    const ms = parseDuration(input.every)
    if (ms === null || ms <= 0)
      throw new PlanError('--every', `'${input.every}' is not a duration; use 15m, 2h or 1d.`)
    if (ms < ctx.minEveryMs)
      throw new PlanError(
        '--every',
        `${input.every} is under one minute; Pinterest needs at least 1m between Pins.`,
      )
    if (given(input.window)) throw new PlanError('--window', 'goes with --per-day, not --every.')
    spec.everyMs = ms
  }
  if (given(input.perDay)) {
    const n = Number(input.perDay)
    if (!Number.isInteger(n) || n < 1 || n > 1440)
      throw new PlanError('--per-day', `'${input.perDay}' must be a whole number from 1 to 1440.`)
    spec.perDay = n
  }
  if (given(input.window)) {
    // Without --per-day the planner has no use for a window: every Pin would go at the start, unasked.
    if (!given(input.perDay)) throw new PlanError('--window', 'goes with --per-day.')
    const w = parseWindow(input.window)
    if (!w)
      throw new PlanError('--window', `'${input.window}' is not a window; use HH:MM-HH:MM like 09:00-17:00.`)
    if (w.endMinute <= w.startMinute)
      throw new PlanError('--window', `${input.window} ends before it starts; give the earlier time first.`)
    spec.window = w
  }
  if (spec.perDay !== undefined) {
    // So many a day in a short window would be closer than --every may be: the same floor holds.
    const windowMs = ((spec.window?.endMinute ?? 1440) - (spec.window?.startMinute ?? 0)) * 60_000
    if (windowMs / spec.perDay < ctx.minEveryMs)
      throw new PlanError(
        '--per-day',
        `${spec.perDay} a day in that window is more than one a minute; Pinterest needs at least 1m between Pins.`,
      )
  }
  if (given(input.jitter)) {
    const ms = parseDuration(input.jitter)
    if (ms === null) throw new PlanError('--jitter', `'${input.jitter}' is not a duration; use 5m or 30s.`)
    // Jitter may not bring two Pins closer than --every itself may be.
    if (spec.everyMs !== undefined && ms > spec.everyMs - ctx.minEveryMs)
      throw new PlanError(
        '--jitter',
        `${input.jitter} must be shorter than --every ${input.every} by at least ${floorWords(ctx.minEveryMs)}, so Pins stay that far apart.`,
      )
    spec.jitterMs = ms
    spec.minGapMs = ctx.minEveryMs
  }
  return spec
}
