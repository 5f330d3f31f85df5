import type { ItemDraft, ItemView, QueueTotals, Settings } from '../../shared/domain'
import { isTerminal } from '../../shared/item-states'
import type { BatchDoneEvent, ProgressEvent } from '../../shared/progress-events'
import { ItemRepository, type RunnableItem } from '../db/item-repository'
import { toItemView, type ItemRow } from '../db/item-rows'
import { silentLogger, type Logger } from '../logging/logger'
import type { PinterestApi } from '../pinterest/api-types'
import type { QueueOrigin, QueueSink } from './queue-sink'
import { runItem } from './item-runner'
import { MarkEvidence, type RunContext } from './run-context'
import { ItemStore } from './item-store'
import { applyFailure, setBack } from './failure-policy'
import { ProgressHub } from './progress-hub'
import { liveTotals } from './queue-totals'
import { CreateLocks } from './create-locks'
import { BatchWatch } from './batch-watch'
import { BufferPool } from './buffer-pool'
import { resumeInterrupted } from './crash-recovery'
import { ReadyList } from './ready-list'
import { OutsideWrites } from './outside-writes'
import { QueuePause, type Blocked } from './queue-pause'
import { Semaphore } from './semaphore'
import { CANCELLABLE } from './transitions'
import { insertDrafts, type EnqueueOptions } from './enqueue'
import { retryItems, type PlanContext } from './item-plans'
import { DEFAULT_CREATE_GRACE_MS, type Running, type StopWhy, type UploadQueueDeps } from './queue-types'
import { defaultValidator } from './validator'
import { assertRemovable } from './removal-guard'

const DAY = 86_400_000
/**
 * The durable upload queue: items in SQLite, run through `runItem` under a concurrency cap (settings.concurrency)
 * and a cap on video transfers, FIFO within a batch and batches in order, honouring publish_at and retry times.
 */
export class UploadQueue implements QueueSink {
  private readonly repo: ItemRepository
  private readonly store: ItemStore
  private readonly hub: ProgressHub
  private readonly videoSlots: Semaphore
  private readonly ready: ReadyList
  private readonly running = new Map<number, Running>()
  private readonly pause: QueuePause
  private readonly outside: OutsideWrites
  /** Accounts apiFor had no API for (no sign-in) since: their items wait, the totals say why. */
  private unavailable = new Set<string>()
  private readonly batches: BatchWatch
  private idleWaiters: (() => void)[] = []
  private started = false
  private stopping = false
  private wake: NodeJS.Timeout | null = null
  /** The wall-clock time `wake` aims at: a timer does not count the time a machine sleeps; the 1 s look does. */
  private wakeAt = Infinity
  private readonly now: () => number
  private readonly log: Logger
  private readonly locks = new CreateLocks()
  private readonly marks = new MarkEvidence()
  private readonly buffers: BufferPool
  private readonly createGraceMs: number

  constructor(private readonly deps: UploadQueueDeps) {
    this.now = deps.now ?? Date.now
    this.log = deps.logger ?? silentLogger
    this.createGraceMs = deps.createGraceMs ?? DEFAULT_CREATE_GRACE_MS
    // Slabs for photos up to 1 MB and their base64 bodies; emptied whenever nothing runs.
    this.buffers = deps.buffers ?? new BufferPool(2 * 1024 * 1024, 6)
    this.repo = new ItemRepository(deps.db, this.now)
    this.batches = new BatchWatch(this.repo)
    this.pause = new QueuePause(deps.db, (keys) => this.repo.activeByAccount(keys))
    this.outside = new OutsideWrites(this.repo)
    this.store = new ItemStore(this.repo, (row, changed) => this.changed(row, changed))
    this.ready = new ReadyList(this.repo)
    this.videoSlots = new Semaphore(deps.settings().videoTransfers)
    this.hub = new ProgressHub({
      intervalMs: deps.progressIntervalMs ?? 100,
      ...(deps.hubClock && { clock: deps.hubClock }),
      totals: () => liveTotals(this.repo, this.pause.summary(this.unavailable), deps),
    })
  }

  enqueue(drafts: ItemDraft[], origin: QueueOrigin, opts: EnqueueOptions = {}) {
    const key = opts.accountKey ?? this.deps.accountKeyFor?.()
    const { batchId, inserted, duplicates } = insertDrafts(this.repo, drafts, origin, key, {
      ...opts,
      now: this.now(),
    })
    for (const row of inserted) this.hub.update(toItemView(row))
    this.log.info('enqueued', { batchId, queued: inserted.length, duplicates, origin: origin.kind })
    this.pump()
    return { batchId, queued: inserted.length, duplicates }
  }

  isKnownFile(path: string, size: number, mtimeMs: number): boolean {
    return this.repo.isKnownFile(path, size, mtimeMs)
  }

  /** The queue for the window: every item, or one page of it (ids after `afterId`, at most `limit`). */
  list(page: { afterId?: number; limit?: number } = {}): { items: ItemView[]; totals: QueueTotals } {
    const rows =
      page.afterId === undefined && page.limit === undefined
        ? this.repo.all()
        : this.repo.page(page.afterId ?? 0, page.limit ?? -1)
    return { items: rows.map((r) => toItemView(r)), totals: this.hub.totals() }
  }

  /** Sends these items' rows as stored to the window: a use case changed them outside the pipeline. */
  showItems(ids: readonly number[]): void {
    for (const id of ids) {
      const row = this.repo.get(id)
      if (row) this.hub.update(toItemView(row))
    }
  }

  /** Starts running: items a previous run left mid-step go back to a resumable state first. */
  start(): void {
    if (this.started) return
    this.started = true
    resumeInterrupted(this.store, this.locks, this.createGraceMs, this.now())
    this.outside.start(() => this.pickUpOutsideChanges())
    this.pump()
  }

  /** Takes in a pause, resume or cancel of a running item that another process (`pinload`) wrote since the last look. */
  pickUpOutsideChanges(): void {
    // Also once the wake-up time has passed on the clock (after a sleep) while its timer still waits.
    if (this.stopping || (!this.outside.takeChange() && this.now() < this.wakeAt)) return
    for (const [id, r] of this.running) {
      if (r.ac.signal.aborted || this.repo.get(id)?.state !== 'cancelled') continue
      this.store.forget(id)
      r.why = 'cancel'
      r.ac.abort(new Error('cancelled'))
    }
    const saved = this.pause.saved()
    if (saved !== null && !this.pause.paused) this.pauseAll(saved || undefined)
    else if (saved === null && this.pause.paused) this.resumeAll()
    this.hub.flush(true)
    this.pump()
  }

  /** Sends the totals soon: what they say changed outside the items (the rate governor began to wait). */
  refreshTotals(): void {
    if (!this.stopping) this.hub.touchTotals()
  }

  pauseAll(reason?: string): QueueTotals {
    this.pause.pauseAll(reason)
    this.stopRunning('pause', () => true)
    this.hub.flush()
    this.log.info('queue paused', { reason })
    this.settleIdle()
    return this.hub.totals()
  }

  resumeAll(): QueueTotals {
    this.pause.resumeAll()
    this.log.info('queue resumed')
    this.pump()
    return this.hub.totals()
  }

  /** Holds or lets go a batch's items not started yet; items already moving finish (batch-pause.ts). */
  pauseBatch(batchId: number, paused: boolean): QueueTotals {
    this.pause.batches.set(batchId, paused)
    this.pump()
    return this.hub.totals()
  }

  pauseAccount(accountKey: string, reason: string): void {
    this.pause.pauseAccount(accountKey, reason)
    this.stopRunning('pause', (r) => r.accountKey === accountKey)
    this.log.info('account paused', { reason })
    this.settleIdle()
  }

  resumeAccount(accountKey: string): void {
    this.pause.resumeAccount(accountKey)
    this.pump()
  }

  /** Cancels an item or every cancellable item of a batch; returns how many. An item being created is not cancelled. */
  cancel(sel: { itemId?: number; batchId?: number }): number {
    let n = 0
    // One transaction, committed on return: a user's cancel is on disk before it is answered.
    this.deps.db.transaction(() => {
      for (const row of this.repo.selected(sel)) {
        if (!CANCELLABLE.includes(row.state)) continue
        const r = this.running.get(row.id)
        if (r) {
          if (row.state === 'creating') continue
          r.why = 'cancel'
          r.ac.abort(new Error('cancelled'))
        } else {
          this.store.transition(row.id, 'cancelled', { next_attempt_at: null })
        }
        n++
      }
    })
    this.pump()
    return n
  }

  /** Retries failed, cancelled, skipped and needs-attention items (the latter checked on the board again); `force` posts anyway. */
  retry(sel: { itemId?: number; batchId?: number; force?: boolean }): number {
    return this.amend((ctx) => retryItems(ctx, sel))
  }

  /** Applies a user's change to resting items (item-plans.ts) in one transaction, then lets the scheduler see it. */
  amend<T>(change: (ctx: PlanContext) => T): T {
    const isRunning = (id: number) => this.running.has(id)
    const reopen = (b: number) => this.batches.reopen(b)
    const ctx = { store: this.store, now: this.now(), isRunning, reopen, queueHere: this.started }
    const out = this.deps.db.transaction(() => change(ctx))
    this.pump()
    return out
  }

  remove(itemId: number): void {
    const row = this.repo.get(itemId)
    if (!row) return
    assertRemovable(this.deps.db, row)
    const r = this.running.get(itemId)
    if (r) {
      r.why = 'remove'
      r.ac.abort(new Error('removed'))
    }
    this.repo.delete(itemId)
    this.locks.release(itemId)
    this.store.forget(itemId)
    this.ready.invalidate()
    this.hub.remove(itemId)
  }

  onProgress(l: (e: ProgressEvent) => void): () => void {
    return this.hub.onProgress(l)
  }

  onBatchDone(l: (e: BatchDoneEvent) => void): () => void {
    return this.batches.on(l)
  }

  /** Resolves when nothing runs and nothing can start now (paused, or only future publish_at left). */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  /** Stops taking work, aborts transfers, parks items (creating stays creating for reconciliation). */
  async shutdown(): Promise<void> {
    this.stopping = true
    if (this.wake) clearTimeout(this.wake)
    this.wake = null
    this.outside.stop()
    this.stopRunning('shutdown', () => true)
    await Promise.allSettled([...this.running.values()].map((r) => r.done))
    this.hub.flush()
    this.hub.dispose()
    await this.deps.db
      .committed()
      .catch((e: unknown) => this.log.error('could not commit the last item changes', { error: e }))
    this.settleIdle(true)
  }

  private stopRunning(why: StopWhy, which: (r: Running) => boolean): void {
    for (const [id, r] of this.running) {
      if (!which(r)) continue
      // A create in flight is let finish when pausing: aborting it would only make its outcome unknown.
      if (why === 'pause' && this.repo.get(id)?.state === 'creating') continue
      r.why ??= why
      r.ac.abort(new Error(why))
    }
  }

  /** `readAhead` only when an item just finished normally: other callers changed what may run (drop the list). */
  private pump(readAhead = false): void {
    if (!readAhead) this.ready.invalidate()
    if (!this.started || this.stopping) return
    if (!this.pause.paused) {
      const s = this.deps.settings()
      this.videoSlots.setLimit(s.videoTransfers)
      // Kept until it has a sign-in (a pass with every slot busy looks at no row). One clock reading for both
      // queries: with two, an item due between them is neither run nor timed.
      const noApi = new Set([...this.unavailable].filter((k) => !this.deps.apiFor(k)))
      const now = this.now()
      for (let round = 0; round < 5 && this.running.size < s.concurrency; round++) {
        const rows = this.ready.take(s.concurrency - this.running.size, {
          running: this.running,
          ...this.pause.blocked(noApi),
          now,
        })
        if (rows.length === 0) break
        for (const row of rows) {
          const key = row.account_key ?? ''
          const api = this.deps.apiFor(key)
          if (api) this.launch(row, key, api, s)
          else noApi.add(key)
        }
      }
      if ([...noApi].join() !== [...this.unavailable].join()) this.refreshTotals()
      this.unavailable = noApi
      // With every slot busy, a finishing item pumps again; a timer is needed only for held items.
      this.scheduleWake(this.pause.blocked(noApi), now, this.running.size < s.concurrency)
    }
    this.settleIdle()
  }

  private scheduleWake(blocked: Blocked, now: number, needed: boolean): void {
    if (this.wake) clearTimeout(this.wake)
    this.wake = null
    const at = needed ? this.repo.nextDueAt({ ...blocked, now }) : null
    this.wakeAt = at ?? Infinity
    if (at === null) return
    this.wake = setTimeout(() => this.pump(), Math.min(Math.max(0, at - this.now()), DAY))
  }

  private launch(row: RunnableItem, accountKey: string, api: PinterestApi, settings: Settings): void {
    const ac = new AbortController()
    const ctx: RunContext = {
      store: this.store,
      api,
      signal: ac.signal,
      validator: this.deps.validator ?? defaultValidator,
      settings,
      videoSlots: this.videoSlots,
      now: this.now,
      logger: this.log,
      onBytes: (sent, total) => this.hub.bytes(row.id, sent, total),
      pollMs: this.deps.pollMs ?? { first: 1000, max: 10_000 },
      mediaTimeoutMs: this.deps.mediaTimeoutMs ?? 30 * 60_000,
      locks: this.locks,
      isRunning: (id) => this.running.has(id),
      createGraceMs: this.createGraceMs,
      maxAttempts: this.deps.maxAttempts ?? 5,
      buffers: this.buffers,
      marks: this.marks,
      ...(this.deps.pace && { pace: this.deps.pace }),
    }
    const entry: Running = { ac, accountKey, done: Promise.resolve() }
    this.running.set(row.id, entry)
    entry.done = runItem(row.id, ctx)
      .catch((e: unknown) => this.handleError(row.id, e, entry))
      .catch((e: unknown) => this.log.error('could not record an item error', { itemId: row.id, error: e }))
      .finally(() => {
        this.running.delete(row.id)
        this.locks.poke(row.id)
        this.hub.endTransfer(row.id)
        this.pump(true)
        if (this.running.size === 0) this.buffers.clear()
      })
  }

  private handleError(id: number, e: unknown, r: Running): void {
    this.ready.invalidate() // a failure may hold or park this item, or pause an account
    const row = this.repo.get(id)
    if (!row || r.why === 'remove') return
    if (r.ac.signal.aborted) {
      // Durable at once like cancel(): a kill now must not bring the cancelled item back as queued.
      if (r.why === 'cancel' && CANCELLABLE.includes(row.state))
        this.deps.db.transaction(() => this.store.transition(id, 'cancelled', { next_attempt_at: null }))
      else setBack(this.store, row, {})
      return
    }
    applyFailure(row, e, {
      store: this.store,
      now: this.now,
      log: this.log,
      maxAttempts: this.deps.maxAttempts ?? 5,
      retryBaseMs: this.deps.retryBaseMs ?? 1000,
      ...(this.deps.random && { random: this.deps.random }),
      pauseAll: (reason) => this.pauseAll(reason),
      pauseAccount: (reason) => this.pauseAccount(r.accountKey, reason),
    })
  }

  private changed(row: ItemRow, stateChanged: boolean): void {
    if (stateChanged && row.state !== 'creating') this.locks.release(row.id)
    this.hub.update(
      toItemView(row),
      stateChanged && (isTerminal(row.state) || row.state === 'needs_attention'),
    )
    if (stateChanged && isTerminal(row.state)) this.batches.check(row.batch_id)
  }

  private isIdle(): boolean {
    if (this.running.size > 0) return false
    if (!this.started || this.stopping || this.pause.paused) return true
    return !this.repo.hasPendingWork(this.pause.blocked(this.unavailable), this.now())
  }

  private settleIdle(force = false): void {
    if (this.idleWaiters.length === 0 || (!force && !this.isIdle())) return
    // Idle means the outcome is on disk too: the last transitions may still wait for their group commit.
    if (this.deps.db.commitPending) {
      const again = () => this.settleIdle(force)
      this.deps.db.committed().then(again, again)
      return
    }
    const waiters = this.idleWaiters
    this.idleWaiters = []
    for (const w of waiters) w()
  }
}
