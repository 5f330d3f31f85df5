import { basename } from 'node:path'
import type { ItemError, ItemState, ItemView, QueueTotals } from '../../../src/shared/domain'
import { TERMINAL_STATES } from '../../../src/shared/item-states'
import type { ProgressEvent } from '../../../src/shared/progress-events'
import { pinWebUrl } from '../../../src/shared/pinterest-urls'
import { ProgressHub } from '../../../src/main/pipeline/progress-hub'

/** A failure the test plans: the next item whose name contains `nameIncludes` fails with `error` at the create step. */
export interface PlannedFailure {
  nameIncludes: string
  error: ItemError
}

const ACTIVE: ReadonlySet<ItemState> = new Set(['validating', 'uploading', 'processing', 'creating'])

/**
 * A stand-in pipeline for UI work: items walk queued → validating → uploading → (processing) → creating →
 * published on a 100 ms tick, and every change goes through main's real ProgressHub, so the renderer
 * sees the same coalesced messages it gets from main. Not the real services: specs that must prove the
 * product use the real bridge.
 */
export class ScriptedPipeline {
  readonly items = new Map<number, ItemView>()
  paused = false
  pausedReason: string | undefined
  concurrency = 3
  /** Ticks a transfer takes; the renderer should see several progress steps. */
  uploadTicks = 5
  readonly failures: PlannedFailure[] = []
  private nextId = 1
  private nextBatch = 1
  private nextPin = 900_000_000_000_000
  private timer: NodeJS.Timeout | null = null
  private readonly doneBatches = new Set<number>()
  readonly hub: ProgressHub

  constructor(
    private readonly emit: (event: string, payload: unknown) => void,
    readonly boardName: (boardId: string | undefined) => string | undefined,
  ) {
    this.hub = new ProgressHub({ totals: () => this.baseTotals() })
    this.hub.onProgress((e: ProgressEvent) => emit('uploads:progress', e))
  }

  start(tickMs = 100): void {
    this.timer ??= setInterval(() => this.tick(), tickMs)
    this.timer.unref()
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    this.hub.dispose()
  }

  newBatch(): number {
    return this.nextBatch++
  }

  /** Adds an item in `queued` (or another state, for seeding big queues). */
  add(batchId: number, init: Partial<ItemView> & { name: string }, state: ItemState = 'queued'): ItemView {
    const view: ItemView = {
      id: this.nextId++,
      batchId,
      state,
      bytesSent: 0,
      bytesTotal: 0,
      attempts: 0,
      updatedAt: Date.now(),
      ...init,
    }
    this.items.set(view.id, view)
    this.hub.update(view)
    return view
  }

  set(id: number, patch: Partial<ItemView>, urgent = false): void {
    const prev = this.items.get(id)
    if (!prev) return
    const next = { ...prev, ...patch, updatedAt: Date.now() }
    if (patch.error === undefined && 'error' in patch) delete next.error
    this.items.set(id, next)
    this.hub.update(next, urgent)
  }

  remove(id: number): void {
    this.items.delete(id)
    this.hub.remove(id)
  }

  baseTotals(): Omit<QueueTotals, 'bytesSent' | 'bytesTotal' | 'etaSeconds'> & { bytesTotal: number } {
    const byState: Partial<Record<ItemState, number>> = {}
    let bytesTotal = 0
    for (const it of this.items.values()) {
      byState[it.state] = (byState[it.state] ?? 0) + 1
      if (!TERMINAL_STATES.includes(it.state)) bytesTotal += it.bytesTotal
    }
    return {
      total: this.items.size,
      byState,
      bytesTotal,
      paused: this.paused,
      ...(this.pausedReason !== undefined ? { pausedReason: this.pausedReason } : {}),
    }
  }

  totals(): QueueTotals {
    return this.hub.totals()
  }

  /** One step of every running item, then admission of queued ones up to the concurrency. */
  tick(): void {
    if (this.paused) return
    let running = 0
    for (const it of this.items.values()) {
      if (!ACTIVE.has(it.state)) continue
      running++
      this.advance(it)
    }
    for (const it of this.items.values()) {
      if (running >= this.concurrency) break
      if (it.state !== 'queued') continue
      running++
      this.set(it.id, { state: 'validating', attempts: it.attempts + 1 })
    }
    this.checkBatches()
  }

  private advance(it: ItemView): void {
    switch (it.state) {
      case 'validating':
        this.set(it.id, { state: 'uploading' })
        return
      case 'uploading': {
        const step = Math.ceil(it.bytesTotal / this.uploadTicks) || 1
        const sent = Math.min(it.bytesTotal, it.bytesSent + step)
        this.hub.bytes(it.id, sent, it.bytesTotal)
        if (sent < it.bytesTotal) {
          this.items.set(it.id, { ...it, bytesSent: sent })
          return
        }
        this.hub.endTransfer(it.id)
        if (it.kind === 'video')
          this.set(it.id, { state: 'processing', bytesSent: sent, mediaStatus: 'processing' })
        else this.set(it.id, { state: 'creating', bytesSent: sent })
        return
      }
      case 'processing':
        this.set(it.id, { state: 'creating', mediaStatus: 'succeeded' })
        return
      case 'creating': {
        const fi = this.failures.findIndex((f) => it.name.includes(f.nameIncludes))
        if (fi >= 0) {
          const [f] = this.failures.splice(fi, 1)
          this.set(it.id, { state: 'failed', error: f!.error }, true)
          return
        }
        const pinId = String(this.nextPin++)
        this.set(it.id, { state: 'published', pinId, pinUrl: pinWebUrl(pinId), error: undefined }, true)
        return
      }
      default:
        return
    }
  }

  private checkBatches(): void {
    const open = new Map<number, { published: number; failed: number; terminal: boolean }>()
    for (const it of this.items.values()) {
      const b = open.get(it.batchId) ?? { published: 0, failed: 0, terminal: true }
      if (it.state === 'published') b.published++
      if (it.state === 'failed' || it.state === 'needs_attention') b.failed++
      if (!TERMINAL_STATES.includes(it.state)) b.terminal = false
      open.set(it.batchId, b)
    }
    for (const [batchId, b] of open) {
      if (!b.terminal) {
        this.doneBatches.delete(batchId)
        continue
      }
      if (this.doneBatches.has(batchId)) continue
      this.doneBatches.add(batchId)
      this.hub.flush()
      this.emit('uploads:batch-done', { batchId, published: b.published, failed: b.failed })
    }
  }

  /** Retry: back to queued, error cleared. Returns how many items changed. */
  retry(ids: number[]): number {
    let n = 0
    for (const id of ids) {
      const it = this.items.get(id)
      if (!it || !['failed', 'cancelled', 'needs_attention'].includes(it.state)) continue
      this.set(id, { state: 'queued', error: undefined, bytesSent: 0 }, true)
      n++
    }
    return n
  }

  cancel(ids: number[]): number {
    let n = 0
    for (const id of ids) {
      const it = this.items.get(id)
      if (!it || TERMINAL_STATES.includes(it.state)) continue
      this.hub.endTransfer(id)
      this.set(
        id,
        {
          state: 'cancelled',
          error: { kind: 'cancelled', message: `${basename(it.path ?? it.name)} was cancelled.` },
        },
        true,
      )
      n++
    }
    return n
  }
}
