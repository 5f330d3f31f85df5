import type { ItemView } from '../../shared/domain'
import { MOVING_STATES, TERMINAL_STATES } from '../../shared/item-states'
import type { PlanSpec } from '../../shared/schedule/plan-spec'
import { isPacingHold, waitsForUser } from '../../shared/schedule/pacing'
import type { UploadQueue } from '../../main/pipeline/upload-queue'
import { checkPlan } from '../../main/services/schedule-plan'
import type { CliContext } from '../cli-context'
import { printable } from '../printable'

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
function waitsForTime(v: ItemView, now: number): boolean {
  return v.state === 'scheduled' || (v.state === 'queued' && (v.publishAt ?? 0) > now)
}

/**
 * Settled for `--wait`: done, or waiting for the user (a draft, a Pin that may exist, a Pin too late that
 * waits for `--catch-up`: waiting longer would not send it).
 */
const settled = (v: ItemView) =>
  TERMINAL_STATES.includes(v.state) ||
  v.state === 'needs_attention' ||
  v.state === 'draft' ||
  (v.state === 'queued' && waitsForUser(v.error))

/**
 * Resolves once every item `which` picks is settled, scheduled ones included: `--wait` keeps the queue
 * running through their times (the queue wakes itself for each, src/main/pipeline/upload-queue.ts).
 */
function untilSettled(queue: UploadQueue, which: (v: ItemView) => boolean): Promise<void> {
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

/** Held by a pacing rule (src/main/pipeline/pace-gate.ts): queued with the hold's message. */
const held = (v: ItemView) => v.state === 'queued' && isPacingHold(v.error)

/**
 * When a run ends. `--wait`: once every item `which` picks is settled (through their times and holds).
 * Without it: once the queue is idle, or only waits for times ahead and pacing holds, which may be hours
 * away; the app or `run --wait` sends those.
 */
export function untilDone(queue: UploadQueue, which: (v: ItemView) => boolean, wait: boolean): Promise<void> {
  if (wait) return untilSettled(queue, which)
  return new Promise((resolve) => {
    let off = () => {}
    const done = () => {
      off()
      resolve()
    }
    const check = () => {
      const now = Date.now()
      const open = queue.list().items.filter((v) => !settled(v))
      if (open.some((v) => MOVING_STATES.includes(v.state))) return
      if (open.every((v) => waitsForTime(v, now) || held(v))) done()
    }
    off = queue.onProgress(check)
    // Asked once the run has started the queue (runQueue starts it right after this is built): before
    // that, an idle queue is one that was never started.
    setImmediate(() => {
      check()
      void queue.whenIdle().then(done)
    })
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

/** `--no-pacing` (commander's `pacing: false`) and `run --catch-up`. */
export interface PacingFlags {
  pacing?: boolean
  catchUp?: boolean
  json?: boolean
}

/**
 * Before a run: `--no-pacing` lifts the pacing rules for this command only; `--catch-up` publishes the
 * items that missed their time by too much (at pace); without it they are listed with how to send them.
 */
export function applyPacingFlags(ctx: CliContext, o: PacingFlags): void {
  const core = ctx.core()
  if (o.pacing === false) {
    core.pacing.bypass = true
    core.scheduling.releaseHolds()
  }
  if (o.catchUp) {
    const { caughtUp } = core.scheduling.catchUp()
    if (!o.json && !ctx.json) ctx.print(`Catching up ${caughtUp} late Pin(s), at the pacing rules' pace.`)
    return
  }
  const late = core.scheduling.late()
  if (late.length === 0 || o.json || ctx.json) return
  ctx.print(`${late.length} Pin(s) missed their time by too much and wait for you:`)
  for (const l of late)
    ctx.print(`  #${l.id} ${printable(l.name)} (planned ${new Date(l.publishAt).toISOString()})`)
  ctx.print("Run `pinload run --catch-up` to publish them now, at the pacing rules' pace.")
}
