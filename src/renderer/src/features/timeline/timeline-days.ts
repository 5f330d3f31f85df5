import type { ItemView } from '../../../../shared/domain'

/** One day of the timeline: its label and its Pins in time order. */
export interface TimelineDay {
  /** "2026-12-07" on the local clock: a stable key. */
  key: string
  /** "Monday 7 December" (with the year when it is not this year's). */
  label: string
  items: ItemView[]
}

/** States whose Pins have not gone out yet and may have a time: a draft waits for Publish. */
const UPCOMING: ReadonlySet<ItemView['state']> = new Set(['draft', 'scheduled', 'queued'])

const pad = (n: number) => String(n).padStart(2, '0')
/** The local calendar date of `t` as YYYY-MM-DD. */
export function localDateKey(t: number): string {
  const d = new Date(t)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** "2026-12-07T09:30" for a datetime-local input, on the local clock. */
export function toLocalInput(t: number): string {
  const d = new Date(t)
  return `${localDateKey(t)}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/**
 * The upcoming Pins (not sent yet, with a time of their own) grouped by local day, earliest first; a day
 * label names the weekday and the date. `now` only decides whether the year is shown.
 */
export function timelineDays(items: Iterable<ItemView>, now: number): TimelineDay[] {
  const upcoming = [...items]
    .filter((v) => UPCOMING.has(v.state) && v.publishAt !== undefined)
    .sort((a, b) => a.publishAt! - b.publishAt! || a.id - b.id)
  const thisYear = new Date(now).getFullYear()
  const days: TimelineDay[] = []
  for (const v of upcoming) {
    const key = localDateKey(v.publishAt!)
    let day = days[days.length - 1]
    if (day?.key !== key) {
      const d = new Date(v.publishAt!)
      const label = new Intl.DateTimeFormat('en-GB', {
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        ...(d.getFullYear() !== thisYear && { year: 'numeric' }),
      }).format(d)
      day = { key, label, items: [] }
      days.push(day)
    }
    day.items.push(v)
  }
  return days
}

/** Batches that have drafts without a time: what the schedule panel can plan. */
export function draftBatches(items: Iterable<ItemView>): { batchId: number; drafts: number }[] {
  const counts = new Map<number, number>()
  for (const v of items) if (v.state === 'draft') counts.set(v.batchId, (counts.get(v.batchId) ?? 0) + 1)
  return [...counts].map(([batchId, drafts]) => ({ batchId, drafts })).sort((a, b) => a.batchId - b.batchId)
}
