import type { ItemState } from '../../../shared/domain'
import { ITEM_STATES } from '../../../shared/item-states'

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB']

/** Counts in the user's locale ("2,000" in English, "2.000" in German). */
const COUNT = new Intl.NumberFormat()

/** A count of things, grouped the user's way. */
export function formatCount(n: number): string {
  return COUNT.format(n)
}

/** Byte figures stay short ("1023 KB", never "1,023 KB"): a unit step comes before a thousands group. */
const BYTE_DIGITS = [0, 1, 2].map(
  (d) =>
    new Intl.NumberFormat(undefined, {
      minimumFractionDigits: d,
      maximumFractionDigits: d,
      useGrouping: false,
    }),
)

/** Bytes in human units (1 KB = 1024 B), e.g. "3.4 MB". */
export function formatBytes(bytes: number): string {
  let v = bytes
  let u = 0
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024
    u++
  }
  const digits = u === 0 || v >= 100 ? 0 : v >= 10 ? 1 : 2
  return `${BYTE_DIGITS[digits]!.format(v)} ${UNITS[u]}`
}

/** A rough time left, rounded so it does not tick every second: "about 1 h 20 min", "about 4 min". */
export function formatTimeLeft(seconds: number): string {
  const s = Math.max(0, Math.round(seconds))
  if (s < 60) return 'less than a minute'
  const m = Math.round(s / 60)
  if (m < 60) return `about ${m} min`
  return `about ${Math.floor(m / 60)} h${m % 60 > 0 ? ` ${m % 60} min` : ''}`
}

/** "1 file" / "2,000 files". */
export function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`
}

/** Human label of an item state. */
export const STATE_LABELS: Record<ItemState, string> = {
  draft: 'Draft',
  scheduled: 'Scheduled',
  queued: 'Queued',
  validating: 'Checking',
  uploading: 'Uploading',
  processing: 'Processing',
  creating: 'Creating Pin',
  published: 'Published',
  skipped: 'Skipped',
  failed: 'Failed',
  needs_attention: 'Needs attention',
  cancelled: 'Cancelled',
}

/** Display order of states in the batch header. */
export const STATE_ORDER: readonly ItemState[] = ITEM_STATES

/** How long ago, in words that do not tick every second: "just now", "2 min ago", "3 h ago". */
export function formatAgo(thenMs: number, nowMs: number): string {
  const m = Math.floor(Math.max(0, nowMs - thenMs) / 60_000)
  if (m < 1) return 'just now'
  if (m < 60) return `${m} min ago`
  const h = Math.floor(m / 60)
  return h < 24 ? `${h} h ago` : `${Math.floor(h / 24)} d ago`
}

/** A countdown that reads as words: "in 45 s", "in 4 min", "in 1 h 5 min"; "any moment" once due. */
export function formatCountdown(untilMs: number, nowMs: number): string {
  const s = Math.ceil((untilMs - nowMs) / 1000)
  if (s <= 0) return 'any moment now'
  if (s < 60) return `in ${s} s`
  const m = Math.ceil(s / 60)
  if (m < 60) return `in ${m} min`
  return `in ${Math.floor(m / 60)} h${m % 60 > 0 ? ` ${m % 60} min` : ''}`
}

/** "1 needs you", "3 need you": items waiting for the user. */
export function needYou(n: number): string {
  return `${formatCount(n)} ${n === 1 ? 'needs' : 'need'} you`
}

const COMPACT = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 })

/** A count for a badge with little room: "9,999", then "12.3K" (the full figure is on the screen it leads to). */
export function formatBadgeCount(n: number): string {
  return n < 10_000 ? formatCount(n) : COMPACT.format(n)
}
