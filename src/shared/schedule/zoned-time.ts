/*
 * Wall-clock time in an IANA time zone, from the zone data the runtime already carries (Intl), so the
 * planner needs no library and the window can use it too. Pure: no Node built-ins, no DOM.
 */

/** A calendar date and time of day in some zone (month 1..12). */
export interface WallTime {
  year: number
  month: number
  day: number
  hour: number
  minute: number
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(timeZone, f)
  }
  return f
}

/** Whether the runtime knows this IANA zone name (e.g. "Europe/Berlin"). */
export function isKnownTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === '') return false
  try {
    formatter(timeZone)
    return true
  } catch {
    return false
  }
}

/** The zone the system runs in, as an IANA name. */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone
}

/** The wall clock in `timeZone` at `epochMs`. */
export function wallTimeAt(timeZone: string, epochMs: number): WallTime & { second: number } {
  const parts: Record<string, number> = {}
  for (const p of formatter(timeZone).formatToParts(new Date(epochMs)))
    if (p.type !== 'literal') parts[p.type] = Number(p.value)
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour! % 24,
    minute: parts.minute!,
    second: parts.second!,
  }
}

/** The zone's offset from UTC at `epochMs`, in ms (east positive: Berlin in winter is +3,600,000). */
function zoneOffsetMs(timeZone: string, epochMs: number): number {
  const w = wallTimeAt(timeZone, epochMs)
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second)
  return asUtc - Math.floor(epochMs / 1000) * 1000
}

/**
 * The instant a wall-clock time names in `timeZone`. Around daylight-saving changes it does what clocks do:
 * a time skipped by the spring change (02:30 in New York) moves forward by the gap (03:30); a time that
 * happens twice in autumn is its first occurrence.
 */
export function zonedToEpoch(timeZone: string, w: WallTime): number {
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute)
  // The offsets a day either side cover any change near this time (zones change at most once a day).
  const before = zoneOffsetMs(timeZone, asUtc - 86_400_000)
  const after = zoneOffsetMs(timeZone, asUtc + 86_400_000)
  const fits = [asUtc - before, asUtc - after].filter((t) => zoneOffsetMs(timeZone, t) === asUtc - t)
  if (fits.length > 0) return Math.min(...fits)
  // In the gap: read the wall time with the offset in force before the change.
  return asUtc - before
}

/** The calendar date `days` after the given one (month 1..12). */
export function addDays(
  date: { year: number; month: number; day: number },
  days: number,
): {
  year: number
  month: number
  day: number
} {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days))
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }
}
