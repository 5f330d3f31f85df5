import { addDays, systemTimeZone, wallTimeAt, zonedToEpoch } from './zoned-time'

/*
 * Pacing rules: whether an item may be sent as a Pin now, or waits, until when and why. Pure (the queue
 * hands in the account's recent Pins and the clock), so the rules are tested without a queue; the pipeline
 * asks right before each create (src/main/pipeline/pace-gate.ts).
 */

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS
/** Overdue items (a sleeping laptop, a closed app) go out at least this far apart: never as one burst. */
export const CATCH_UP_GAP_MS = 60_000

/** One account's pacing settings (docs/architecture.md, "Schedules and pacing"). */
export interface PaceRules {
  /** Pins in one local calendar day (from midnight, the system's zone); 0 = no cap. */
  dailyCap: number
  /** Least time between two Pins with the same link (http/https and a trailing slash ignored), ms; 0 = off. */
  linkSpacingMs: number
  /** Least time between Pins of one file on different boards, ms, for items given no time of their own. */
  sameFileSpacingMs: number
  /** An item later than this past its time waits for the user to say go, ms. */
  lateAfterMs: number
}

/** What a simple user expects: no cap, no link spacing, a day between one file's boards, ask after 24 h. */
export const DEFAULT_PACE_RULES: PaceRules = {
  dailyCap: 0,
  linkSpacingMs: 0,
  sameFileSpacingMs: DAY_MS,
  lateAfterMs: DAY_MS,
}

/** An item as pacing sees it. */
export interface PacedItem {
  id: number
  batchId: number
  /** The planned time, ms; null when the item was queued to go at once. */
  publishAt: number | null
  link: string | null
  /** The file's SHA-256, or its path when not hashed yet. */
  fileKey: string | null
  boardId: string | null
}

/** A Pin of the account: `at` is when Pinterest answered its create, null while the create is on its way. */
export interface PacedPin extends PacedItem {
  at: number | null
}

export interface PaceInput {
  item: PacedItem
  /** The account's Pins created in the last day (or the longest spacing) and those being created now. */
  recent: PacedPin[]
  /**
   * The item of the same batch planned just before this one: sent (`at`), being sent (`at` null), or still
   * waiting, held until `heldUntil` when a rule holds it.
   */
  previous: (PacedPin & { heldUntil: number | null }) | null
  rules: PaceRules
  now: number
  /** The zone whose calendar day the daily cap counts (the system's when absent). */
  timeZone?: string
}

/** How the message of an item held by a pacing rule begins ("Waiting until 14:02, because …"). */
export const HOLD_PREFIX = 'Waiting '

/**
 * An item held by the user's own pacing rules (stored as a `rate_limited` error whose message starts with
 * HOLD_PREFIX, src/main/pipeline/pace-gate.ts), as opposed to Pinterest's rate limit or any failure.
 */
export function isPacingHold(error: { kind: string; message: string } | null | undefined): boolean {
  return error?.kind === 'rate_limited' && error.message.startsWith(HOLD_PREFIX)
}

/** How a hold with no end begins: the item missed its time by too much and waits for the user's go. */
export const HOLD_FOR_USER = `${HOLD_PREFIX}for you`

/** Held until the user says go (Catch up, `--catch-up`), not until a time: nothing happens by waiting. */
export function waitsForUser(error: { kind: string; message: string } | null | undefined): boolean {
  return isPacingHold(error) && error!.message.startsWith(HOLD_FOR_USER)
}

/** Go, or wait until `until` (null: until the user says so) because of `because` (plain words). */
export type PaceDecision = { go: true } | { go: false; until: number | null; because: string }

/** The same link whether written with http or https, with or without a trailing slash. */
export function normalizeLink(link: string): string {
  const t = link.trim().replace(/^https?:\/\//i, '')
  const slash = t.indexOf('/')
  const host = (slash < 0 ? t : t.slice(0, slash)).toLowerCase()
  const rest = slash < 0 ? '' : t.slice(slash)
  return host + rest.replace(/\/+(?=$|[?#])/, '')
}

/** When the local day holding `at` began and when the next begins (23 or 25 hours on a change day). */
function localDay(timeZone: string, at: number): { start: number; end: number } {
  const w = wallTimeAt(timeZone, at)
  const midnight = (d: { year: number; month: number; day: number }) =>
    zonedToEpoch(timeZone, { year: d.year, month: d.month, day: d.day, hour: 0, minute: 0 })
  return { start: midnight(w), end: midnight(addDays(w, 1)) }
}

const minutes = (ms: number) =>
  ms % DAY_MS === 0
    ? `${ms / DAY_MS} d`
    : ms % HOUR_MS === 0
      ? `${ms / HOUR_MS} h`
      : ms >= 60_000
        ? `${Math.round(ms / 60_000)} min`
        : `${Math.round(ms / 1000)} s`

/**
 * An item that missed its time by more than the account allows waits for the user (Catch up, `--catch-up`):
 * a question, not a pace, so `--no-pacing` does not skip it (src/main/pipeline/pace-gate.ts).
 */
export function tooLate(publishAt: number | null, rules: PaceRules, now: number): PaceDecision | null {
  if (publishAt === null || now - publishAt <= rules.lateAfterMs) return null
  return {
    go: false,
    until: null,
    because: `it missed its time by more than ${minutes(rules.lateAfterMs)}; publish it late (Catch up, or pinload run --catch-up) or move it`,
  }
}

/** Decides for one item; the latest of all holds wins, so the item waits once, not rule after rule. */
export function decidePace(input: PaceInput): PaceDecision {
  const { item, recent, previous, rules, now } = input
  const late = tooLate(item.publishAt, rules, now)
  if (late) return late
  const holds: { until: number; because: string }[] = []
  const gap =
    previous && item.publishAt !== null && previous.publishAt !== null
      ? item.publishAt - previous.publishAt
      : 0
  // The plan's own spacing holds after a delay too, so missed Pins keep their gaps instead of bunching up;
  // one waiting for the user (too late) does not hold the rest.
  if (previous && gap > 0 && now - (previous.publishAt ?? now) <= rules.lateAfterMs) {
    if (previous.at !== null)
      holds.push({ until: previous.at + gap, because: `the plan keeps Pins ${minutes(gap)} apart` })
    else
      holds.push({
        until: Math.max(now + 1000, previous.heldUntil ?? now + Math.min(gap, 5000)),
        because: 'the Pin planned before it goes first',
      })
  }
  const done = recent.filter((p) => p.id !== item.id)
  const sentAt = (p: PacedPin) => p.at ?? now
  if (item.publishAt !== null && now - item.publishAt > CATCH_UP_GAP_MS && done.length > 0) {
    const last = Math.max(...done.map(sentAt))
    holds.push({ until: last + CATCH_UP_GAP_MS, because: 'missed Pins go out one a minute, not all at once' })
  }
  // A calendar day, as a user counts "3 a day" and as --per-day plans them: a rolling 24 hours held the
  // next morning's Pins whenever the day before went out later (jitter) or the night was 23 hours long.
  if (rules.dailyCap > 0) {
    const day = localDay(input.timeZone ?? systemTimeZone(), now)
    if (done.map(sentAt).filter((t) => t >= day.start).length >= rules.dailyCap)
      holds.push({
        until: day.end,
        because: `of the daily cap of ${rules.dailyCap} Pin${rules.dailyCap === 1 ? '' : 's'}`,
      })
  }
  if (rules.linkSpacingMs > 0 && item.link) {
    const link = normalizeLink(item.link)
    const same = done.filter((p) => p.link && normalizeLink(p.link) === link).map(sentAt)
    if (same.length > 0)
      holds.push({
        until: Math.max(...same) + rules.linkSpacingMs,
        because: `Pins with the same link keep ${minutes(rules.linkSpacingMs)} apart`,
      })
  }
  if (rules.sameFileSpacingMs > 0 && item.publishAt === null && item.fileKey) {
    const same = done.filter((p) => p.fileKey === item.fileKey && p.boardId !== item.boardId).map(sentAt)
    if (same.length > 0)
      holds.push({
        until: Math.max(...same) + rules.sameFileSpacingMs,
        because: `the same file on another board keeps ${minutes(rules.sameFileSpacingMs)} apart`,
      })
  }
  const hold = holds.filter((h) => h.until > now).sort((a, b) => b.until - a.until)[0]
  return hold ? { go: false, ...hold } : { go: true }
}
