import type { ItemView, QueueTotals } from '../../shared/domain'
import type { ProgressEvent } from '../../shared/progress-events'

/** Timer functions, injectable so tests drive time. */
export interface HubClock {
  now: () => number
  setTimeout: (fn: () => void, ms: number) => unknown
  clearTimeout: (handle: unknown) => void
}

const realClock: HubClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms)
    t.unref?.()
    return t
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
}

export interface ProgressHubOptions {
  /** Minimum time between two messages, in ms (~10 messages/s). */
  intervalMs?: number
  clock?: HubClock
  /**
   * Totals at flush time (counts by state, pause); the hub fills in bytes and ETA. `holdUntil`: when the last
   * pacing hold ends (Unix ms), which the ETA counts (docs/architecture.md, "Schedules and pacing").
   */
  totals: () => Omit<QueueTotals, 'bytesSent' | 'bytesTotal' | 'etaSeconds'> & {
    bytesTotal: number
    holdUntil?: number | null
  }
}

/**
 * Keeps the latest view of each item in memory and sends only what changed, as one ProgressEvent at most
 * every `intervalMs` (docs/architecture.md, "Progress without flooding"). A terminal transition is sent at the
 * next allowed slot instead of waiting a full interval; the rate cap holds either way.
 */
export class ProgressHub {
  private readonly views = new Map<number, ItemView>()
  private readonly dirty = new Set<number>()
  private readonly removed = new Set<number>()
  private readonly listeners = new Set<(e: ProgressEvent) => void>()
  private readonly intervalMs: number
  private readonly clock: HubClock
  private timer: unknown = null
  private timerAt = 0
  private lastFlush = -Infinity
  /** The totals changed with no item (touchTotals): the next flush sends them. */
  private totalsDirty = false
  /** Bytes of running transfers by item. */
  private readonly inFlight = new Map<number, number>()
  private sentEver = 0
  private rate = 0
  private rateSample: { t: number; sent: number } | null = null

  constructor(private readonly opts: ProgressHubOptions) {
    this.intervalMs = opts.intervalMs ?? 100
    this.clock = opts.clock ?? realClock
  }

  onProgress(l: (e: ProgressEvent) => void): () => void {
    this.listeners.add(l)
    return () => this.listeners.delete(l)
  }

  /** Latest view of an item; `urgent` for transitions the user should see at once. */
  update(view: ItemView, urgent = false): void {
    const live = this.inFlight.get(view.id)
    this.views.set(
      view.id,
      live !== undefined && view.state !== 'published'
        ? { ...view, bytesSent: Math.min(live, view.bytesTotal || live) }
        : view,
    )
    this.removed.delete(view.id)
    this.dirty.add(view.id)
    this.schedule(urgent)
  }

  /** Byte progress of a running transfer (called per chunk; costs a map write). */
  bytes(id: number, sent: number, total: number): void {
    const prev = this.inFlight.get(id) ?? 0
    if (sent > prev) this.sentEver += sent - prev
    this.inFlight.set(id, sent)
    const v = this.views.get(id)
    if (v) {
      this.views.set(id, { ...v, bytesSent: sent, bytesTotal: total || v.bytesTotal })
      this.dirty.add(id)
      this.schedule(false)
    }
  }

  /** The transfer of an item ended (done, parked or failed): its bytes no longer count as in flight. */
  endTransfer(id: number): void {
    this.inFlight.delete(id)
  }

  remove(id: number): void {
    this.views.delete(id)
    this.dirty.delete(id)
    this.inFlight.delete(id)
    this.removed.add(id)
    this.schedule(true)
  }

  /** Totals with bytes and ETA, as sent with each message. */
  totals(): QueueTotals {
    const { holdUntil, ...base } = this.opts.totals()
    let sent = 0
    for (const b of this.inFlight.values()) sent += b
    const remaining = Math.max(0, base.bytesTotal - sent)
    const bytesEta = this.rate > 0 && remaining > 0 ? Math.round(remaining / this.rate) : 0
    // Held Pins go out no sooner than their hold ends: the ETA is at least that far.
    const holdEta = holdUntil ? Math.ceil((holdUntil - this.clock.now()) / 1000) : 0
    const eta = Math.max(bytesEta, holdEta)
    return {
      ...base,
      bytesSent: sent,
      bytesTotal: base.bytesTotal,
      ...(eta > 0 && { etaSeconds: eta }),
    }
  }

  /**
   * Sends pending changes now (also used on shutdown); `totals` sends the totals even with no item changed (a
   * pause of a batch written by another process changes only them).
   */
  flush(totals = false): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer)
    this.timer = null
    if (!totals && !this.totalsDirty && this.dirty.size === 0 && this.removed.size === 0) return
    this.totalsDirty = false
    const now = this.clock.now()
    this.lastFlush = now
    this.sampleRate(now)
    const items: ItemView[] = []
    for (const id of this.dirty) {
      const v = this.views.get(id)
      if (v) items.push(v)
    }
    const event: ProgressEvent = { items, removed: [...this.removed], totals: this.totals() }
    this.dirty.clear()
    this.removed.clear()
    for (const l of this.listeners) l(event)
  }

  /** The totals changed with no item (the rate governor began or stopped waiting): sent at the next flush. */
  touchTotals(): void {
    this.totalsDirty = true
    this.schedule(true)
  }

  dispose(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer)
    this.timer = null
    this.listeners.clear()
  }

  private schedule(urgent: boolean): void {
    const now = this.clock.now()
    const earliest = Math.max(now, this.lastFlush + this.intervalMs)
    const at = urgent ? earliest : Math.max(earliest, now + this.intervalMs / 2)
    if (this.timer !== null) {
      if (this.timerAt <= at) return
      this.clock.clearTimeout(this.timer)
    }
    this.timerAt = at
    this.timer = this.clock.setTimeout(() => this.flush(), at - now)
  }

  /** Exponential moving average of the send rate, in bytes per second. */
  private sampleRate(now: number): void {
    const s = this.rateSample
    if (s && now > s.t) {
      const inst = ((this.sentEver - s.sent) * 1000) / (now - s.t)
      this.rate = this.rate === 0 ? inst : this.rate * 0.8 + inst * 0.2
    }
    this.rateSample = { t: now, sent: this.sentEver }
  }
}
