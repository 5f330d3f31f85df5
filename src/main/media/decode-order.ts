/**
 * The order waiting thumbnail decodes start in (issue 16). The window asks for the rows it mounts
 * (src/renderer/src/features/queue/use-thumbnail.ts): opening a screen asks for its rows top to bottom in one
 * burst, and each scroll asks for the next screen in a new burst. So the newest burst goes first (the screen in
 * view never waits behind rows scrolled past) and, within a burst, the first ask goes first (a screen fills top
 * down, as people read it). Asking again for a waiting key moves it into the newest burst: a row scrolled back to
 * is on screen again. A burst also ends this long after its first ask, so a steady trickle of asks (rows
 * re-asking while their decode is in flight) never holds the newest screen behind it.
 */

/** Asks closer together than this (ms) belong to one burst: one render of the list asks well within it. */
const BURST_GAP_MS = 50
/** The longest a burst lasts from its first ask (ms). */
const BURST_MAX_MS = 150

interface Ticket {
  burst: number
  seq: number
}

export class DecodeOrder<K> {
  private burst = 0
  private seq = 0
  private lastAskAt = -Infinity
  private burstStartedAt = -Infinity
  private readonly tickets = new Map<K, Ticket>()
  /** Each key's waiting starts, oldest first: the same file may wait twice (changed on disk in between). */
  private readonly waiting = new Map<K, (() => void)[]>()

  constructor(
    private readonly gapMs = BURST_GAP_MS,
    private readonly now: () => number = () => performance.now(),
    private readonly maxBurstMs = BURST_MAX_MS,
  ) {}

  /** Records an ask for `key` now: its place if it has to wait (a repeated ask moves it to the newest burst). */
  ask(key: K): void {
    const t = this.now()
    if (t - this.lastAskAt > this.gapMs || t - this.burstStartedAt > this.maxBurstMs) {
      this.burst++
      this.burstStartedAt = t
    }
    this.lastAskAt = t
    this.tickets.set(key, { burst: this.burst, seq: this.seq++ })
  }

  /** `key` waits for a slot; `start` is called when `next()` picks it. */
  wait(key: K, start: () => void): void {
    if (!this.tickets.has(key)) this.ask(key)
    const starts = this.waiting.get(key)
    if (starts) starts.push(start)
    else this.waiting.set(key, [start])
  }

  /** Starts the waiting key the order puts first; false when none waits. */
  next(): boolean {
    let best: K | undefined
    let bestTicket: Ticket | undefined
    for (const key of this.waiting.keys()) {
      const t = this.tickets.get(key)!
      if (
        !bestTicket ||
        t.burst > bestTicket.burst ||
        (t.burst === bestTicket.burst && t.seq < bestTicket.seq)
      ) {
        best = key
        bestTicket = t
      }
    }
    if (bestTicket === undefined) return false
    const starts = this.waiting.get(best as K)!
    const start = starts.shift()!
    if (starts.length === 0) this.waiting.delete(best as K)
    start()
    return true
  }

  /** The key is answered: its place is forgotten, unless another ask for it still waits for a slot. */
  done(key: K): void {
    if (!this.waiting.has(key)) this.tickets.delete(key)
  }

  get waitingCount(): number {
    let n = 0
    for (const starts of this.waiting.values()) n += starts.length
    return n
  }
}
