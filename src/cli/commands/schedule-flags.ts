import type { ItemView } from '../../shared/domain'
import { TERMINAL_STATES } from '../../shared/item-states'
import type { PlanSpec } from '../../shared/schedule/plan-spec'
import type { UploadQueue } from '../../main/pipeline/upload-queue'
import { checkPlan } from '../../main/services/schedule-plan'
import type { CliContext } from '../cli-context'

/** The schedule flags of `pinload upload` as commander hands them over. */
export interface ScheduleFlags {
  start?: string
  every?: string
  perDay?: string
  window?: string
  jitter?: string
  tz?: string
  wait?: boolean
}

/** The checked schedule, or null without schedule flags; a bad flag throws a `validation` error naming it. */
export function scheduleFrom(o: ScheduleFlags, ctx: CliContext): PlanSpec | null {
  return checkPlan(
    {
      ...(o.start !== undefined && { start: o.start }),
      ...(o.every !== undefined && { every: o.every }),
      ...(o.perDay !== undefined && { perDay: o.perDay }),
      ...(o.window !== undefined && { window: o.window }),
      ...(o.jitter !== undefined && { jitter: o.jitter }),
      ...(o.tz !== undefined && { tz: o.tz }),
    },
    ctx.env,
  )
}

/** Waiting for its publish time: `scheduled`, or queued with a time still ahead. */
export function waitsForTime(v: ItemView, now: number): boolean {
  return v.state === 'scheduled' || (v.state === 'queued' && (v.publishAt ?? 0) > now)
}

/** Settled for `--wait`: done, or waiting for the user (a draft, a Pin that may exist). */
const settled = (v: ItemView) =>
  TERMINAL_STATES.includes(v.state) || v.state === 'needs_attention' || v.state === 'draft'

/**
 * Resolves once every item `which` picks is settled, scheduled ones included: `--wait` keeps the queue
 * running through their times (the queue wakes itself for each, src/main/pipeline/upload-queue.ts).
 */
export function untilSettled(queue: UploadQueue, which: (v: ItemView) => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (!queue.list().items.filter(which).every(settled)) return
      off()
      resolve()
    }
    const off = queue.onProgress(check)
    check()
  })
}

/** "The first Pin goes out at Mon 7 Dec 2026, 09:00 (America/New_York)." for the items still waiting. */
export function firstPinLine(items: ItemView[], timeZone: string, now: number): string | null {
  const times = items.filter((v) => waitsForTime(v, now)).map((v) => v.publishAt ?? now)
  if (times.length === 0) return null
  const first = Math.min(...times)
  const when = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(first)
  return `${times.length} Pin(s) scheduled; the first goes out at ${when} (${timeZone}). Pinload publishes them while the app or \`pinload run --wait\` runs.`
}
