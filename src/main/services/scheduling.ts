import { basename } from 'node:path'
import type { ItemState } from '../../shared/domain'
import { AppError } from '../../shared/ipc/result'
import type { PlanInput } from '../../shared/schedule/plan-spec'
import { planTimes } from '../../shared/schedule/planner'
import { isPacingHold, type PaceRules, waitsForUser } from '../../shared/schedule/pacing'
import { dropItemOffset } from '../db/item-offsets'
import { errorPatch, type ItemRow } from '../db/item-rows'
import type { PaceStore } from '../db/pace-store'
import { dueElsewhere, type PlanContext } from '../pipeline/item-plans'
import { checkPlan } from './schedule-plan'

/** The queue's side: one transaction over resting items (UploadQueue.amend). */
interface ScheduleQueue {
  amend<T>(change: (ctx: PlanContext) => T): T
}

export interface SchedulingDeps {
  queue: ScheduleQueue
  pace: PaceStore
  /** The account new work belongs to: pacing rules and late items are per account. */
  accountKey: () => string
  env: NodeJS.ProcessEnv
  now?: () => number
}

/** An item that missed its time by more than the account's limit and waits for the user. */
export interface LateItem {
  id: number
  name: string
  /** Its planned time, Unix ms. */
  publishAt: number
}

/** Which items: ids (in this order), or a whole batch in queue order. */
export interface ScheduleSelection {
  ids?: readonly number[]
  batchId?: number
}

/** States whose time may be set or cleared here: not yet moving (a running item is refused too). */
const PLANNABLE: readonly ItemState[] = ['draft', 'scheduled', 'queued']
const waiting = (at: number | null, now: number): ItemState =>
  at !== null && at > now ? 'scheduled' : 'queued'
const nameOf = (r: Pick<ItemRow, 'source_path' | 'source_url' | 'id'>) =>
  r.source_path ? basename(r.source_path) : (r.source_url ?? `item ${r.id}`)

/**
 * Schedules and pacing for the window (`schedule:*`, `pacing:*`) and the command (`pinload run --catch-up`,
 * `pinload pacing`) alike (docs/architecture.md, "Schedules and pacing").
 */
export class Scheduling {
  private readonly now: () => number

  constructor(private readonly deps: SchedulingDeps) {
    this.now = deps.now ?? Date.now
  }

  /**
   * Plans the selected items' times with the planner; drafts keep waiting for Publish unless `publish`.
   * A bad schedule throws a `validation` error naming the field; nothing is changed then. While another process
   * runs the queue (`!queueHere`: the app waiting for the lock a `pinload` command holds), an item due now is
   * refused as an edit is (item-plans.ts, `dueElsewhere`): that queue may be sending it.
   */
  apply(
    sel: ScheduleSelection,
    input: PlanInput,
    publish = false,
  ): { scheduled: number; firstAt: number | null; refused: { id: number; message: string }[] } {
    const now = this.now()
    const spec = checkPlan(input, this.deps.env, now)
    if (!spec) throw new AppError('validation', 'Choose a spacing (every …) or a number of Pins a day.')
    return this.deps.queue.amend((ctx) => {
      const refused: { id: number; message: string }[] = []
      const rows = this.selected(ctx, sel).filter((r) => {
        const ok = PLANNABLE.includes(r.state) && !ctx.isRunning(r.id)
        const busy = ok && dueElsewhere(r, ctx, !ctx.queueHere, 'schedule')
        if (!ok)
          refused.push({
            id: r.id,
            message: `${nameOf(r)} is ${r.state.replace('_', ' ')}; only waiting Pins get a time.`,
          })
        else if (busy) refused.push({ id: r.id, message: busy })
        return ok && !busy
      })
      const times = planTimes(spec, rows.length)
      rows.forEach((r, i) => {
        const at = times[i]!
        const to = r.state === 'draft' && !publish ? 'draft' : waiting(at, now)
        const patch = { publish_at: at, next_attempt_at: null, ...errorPatch(null) }
        if (to === r.state) ctx.store.record(r.id, patch)
        else ctx.store.transition(r.id, to, patch, [r.state])
        // Planned here: no longer counted from its file's first Pin when published (item-plans.ts).
        dropItemOffset(ctx.store.repo.database, r.id)
        ctx.reopen(r.batch_id)
      })
      return { scheduled: rows.length, firstAt: times.length > 0 ? Math.min(...times) : null, refused }
    })
  }

  /**
   * Takes the time off waiting items: they rest as drafts until published again. Refuses, as `apply` does, an
   * item due now in a queue another process runs.
   */
  unschedule(ids: readonly number[]): { unscheduled: number; refused: { id: number; message: string }[] } {
    return this.deps.queue.amend((ctx) => {
      const refused: { id: number; message: string }[] = []
      let n = 0
      for (const r of this.selected(ctx, { ids })) {
        if (!PLANNABLE.includes(r.state) || ctx.isRunning(r.id)) {
          refused.push({
            id: r.id,
            message: `${nameOf(r)} is ${r.state.replace('_', ' ')}; it cannot be unscheduled.`,
          })
          continue
        }
        const busy = dueElsewhere(r, ctx, !ctx.queueHere, 'unschedule')
        if (busy) {
          refused.push({ id: r.id, message: busy })
          continue
        }
        const patch = { publish_at: null, next_attempt_at: null, ...errorPatch(null) }
        if (r.state === 'draft') ctx.store.record(r.id, patch)
        else ctx.store.transition(r.id, 'draft', patch, [r.state])
        dropItemOffset(ctx.store.repo.database, r.id)
        n++
      }
      return { unscheduled: n, refused }
    })
  }

  /** Items that missed their time by more than the account's limit: they wait for `catchUp`. */
  late(): LateItem[] {
    const key = this.deps.accountKey()
    const before = this.now() - this.deps.pace.rules(key).lateAfterMs
    return this.deps.pace
      .lateItems(key, before)
      .map((r) => ({ id: r.id, name: nameOf({ ...r, source_url: null }), publishAt: r.publish_at! }))
  }

  /**
   * Publishes late items after all (these ids, or every late one): the missed part of the plan moves so its
   * first item is due now and the rest keep their spacing, so the pacing rules send them at their pace.
   */
  catchUp(ids?: readonly number[]): { caughtUp: number } {
    const late = this.late().filter((l) => !ids || ids.includes(l.id))
    if (late.length === 0) return { caughtUp: 0 }
    const now = this.now()
    const shift = now - Math.min(...late.map((l) => l.publishAt))
    return this.deps.queue.amend((ctx) => {
      let n = 0
      for (const l of late) {
        const row = ctx.store.repo.get(l.id)
        if (!row || !PLANNABLE.includes(row.state) || ctx.isRunning(row.id) || row.state === 'draft') continue
        const at = l.publishAt + shift
        const patch = { publish_at: at, next_attempt_at: null, ...errorPatch(null) }
        const to = waiting(at, now)
        if (to === row.state) ctx.store.record(row.id, patch)
        else ctx.store.transition(row.id, to, patch, [row.state])
        n++
      }
      return { caughtUp: n }
    })
  }

  /** Items a pacing rule holds become due now (`--no-pacing`): their holds end with this command's rules. */
  releaseHolds(): number {
    return this.deps.queue.amend((ctx) => {
      let n = 0
      for (const r of ctx.store.repo.byState('queued')) {
        const error =
          r.error_kind && r.error_message !== null ? { kind: r.error_kind, message: r.error_message } : null
        // One waiting for the user (too late) keeps waiting: --no-pacing is not --catch-up.
        if (!isPacingHold(error) || waitsForUser(error) || ctx.isRunning(r.id)) continue
        ctx.store.record(r.id, { next_attempt_at: null, ...errorPatch(null) })
        n++
      }
      return n
    })
  }

  /** When the next scheduled Pin goes out, Unix ms (the tray's "Next Pin at …"); null when none is scheduled. */
  nextPinAt(): number | null {
    return this.deps.pace.nextScheduledAt()
  }

  rules(): PaceRules {
    return this.deps.pace.rules(this.deps.accountKey())
  }

  setRules(patch: Partial<PaceRules>): PaceRules {
    const next = { ...this.rules(), ...patch }
    this.deps.pace.setRules(this.deps.accountKey(), next)
    return next
  }

  private selected(ctx: PlanContext, sel: ScheduleSelection): ItemRow[] {
    const repo = ctx.store.repo
    if (sel.batchId !== undefined) return repo.byBatch(sel.batchId)
    const rows: ItemRow[] = []
    for (const id of new Set(sel.ids ?? [])) {
      const r = repo.get(id)
      if (r) rows.push(r)
    }
    return rows
  }
}
