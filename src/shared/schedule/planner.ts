import type { PlanSpec } from './plan-spec'
import { addDays, wallTimeAt, zonedToEpoch } from './zoned-time'

const DAY_MS = 86_400_000

/**
 * The publish times of `count` items in queue order (epoch ms, never decreasing), from a checked schedule.
 * Pure: the clock is in the spec (`start`) and the randomness (`--jitter`) is passed in, so tests can fix both.
 *
 * - `everyMs` under a day: fixed spacing in elapsed time. Whole days (`1d`, `2d`): the same wall-clock time
 *   each day in the spec's zone, so a daily 09:00 stays 09:00 across a daylight-saving change.
 * - `perDay`: that many slots a day, evenly over the window's real length that day (23 or 25 hours on a
 *   change day when the window is the whole day), skipping slots before the start.
 * - neither: every item at the start.
 */
export function planTimes(spec: PlanSpec, count: number, random: () => number = Math.random): number[] {
  if (count <= 0) return []
  if (spec.perDay !== undefined) return perDayTimes(spec, spec.perDay, count, random)
  const every = spec.everyMs
  if (every === undefined) return Array.from({ length: count }, () => spec.start)
  const jitter = (at: number) => at + Math.floor(random() * (spec.jitterMs ?? 0))
  if (every % DAY_MS !== 0) return Array.from({ length: count }, (_, i) => jitter(spec.start + i * every))
  const w = wallTimeAt(spec.timeZone, spec.start)
  // The start's seconds and milliseconds, which the minute-precise wall time drops (zone offsets are whole
  // minutes). Not the start less its wall time read back: for the second 01:30 of an autumn night that
  // difference holds the repeated hour too, and every later day would go out at 02:30.
  const extra = ((spec.start % 60_000) + 60_000) % 60_000
  return Array.from({ length: count }, (_, i) => {
    // The first is the start itself, which a wall time read back may place an hour early in that night.
    if (i === 0) return jitter(spec.start)
    const date = addDays(w, i * (every / DAY_MS))
    return jitter(zonedToEpoch(spec.timeZone, { ...date, hour: w.hour, minute: w.minute }) + extra)
  })
}

function perDayTimes(spec: PlanSpec, perDay: number, count: number, random: () => number): number[] {
  const { timeZone } = spec
  const window = spec.window ?? { startMinute: 0, endMinute: 24 * 60 }
  const at = (date: { year: number; month: number; day: number }, minute: number) =>
    zonedToEpoch(timeZone, { ...date, hour: Math.floor(minute / 60), minute: minute % 60 })
  const times: number[] = []
  let date = wallTimeAt(timeZone, spec.start)
  // Far more days than any count needs; the bound only guards against a window with no room at all.
  for (let d = 0; times.length < count && d < count + 2; d++, date = { ...date, ...addDays(date, 1) }) {
    const from = at(date, window.startMinute)
    const to = at(date, window.endMinute)
    // A window the spring change swallows whole (02:00-03:00 in New York) has no room that day.
    if (to <= from) continue
    const slot = (to - from) / perDay
    for (let k = 0; k < perDay && times.length < count; k++) {
      const base = Math.round(from + k * slot)
      if (base < spec.start) continue
      // Jitter stays inside the slot, so a day never gets more than perDay nor a time outside the window, and
      // short of the slot's end by the least gap, so it never brings a Pin within that of the next slot's.
      const spread = Math.min(spec.jitterMs ?? 0, slot - (spec.minGapMs ?? 1))
      times.push(base + Math.floor(random() * Math.max(0, spread)))
    }
  }
  return times
}
