import type { Settings } from '../../shared/domain'
import type { PaceDecision } from '../../shared/schedule/pacing'
import type { ItemPatch, ItemRow } from '../db/item-rows'
import type { Logger } from '../logging/logger'
import type { PinterestApi } from '../pinterest/api-types'
import type { BufferPool } from './buffer-pool'
import type { CreateLocks } from './create-locks'
import type { ItemStore } from './item-store'
import type { Semaphore } from './semaphore'
import type { Validator } from './validator'

/** What one run of an item needs from the queue. */
export interface RunContext {
  store: ItemStore
  api: PinterestApi
  signal: AbortSignal
  validator: Validator
  settings: Settings
  videoSlots: Semaphore
  now: () => number
  logger: Logger
  /** Byte progress of the running transfer. */
  onBytes: (sent: number, total: number) => void
  /** First media poll interval and the cap it grows to, in ms. */
  pollMs: { first: number; max: number }
  /** Give up on video processing after this long, in ms. */
  mediaTimeoutMs: number
  /** One create per visible fingerprint at a time (see CreateLocks). */
  locks: CreateLocks
  /** Is this item running in this queue now? */
  isRunning: (itemId: number) => boolean
  /** Wait after a create whose answer was lost before looking at the board, in ms. */
  createGraceMs: number
  /** Creates sent for one item before a proved-absent one fails instead of being sent again. */
  maxAttempts: number
  /** Buffers for small photos read whole and their base64 bodies, reused from item to item. */
  buffers: BufferPool
  /** What create answers showed of the marks sent as `dominant_color` (see MarkEvidence). */
  marks: MarkEvidence
  /** The pacing rules, asked right before the create (pace-gate.ts); absent = none. */
  pace?: (row: ItemRow, facts: ItemPatch, now: number) => PaceDecision
}

/**
 * Whether Pinterest keeps the mark a create sends as `dominant_color`, as this queue's create answers show it:
 * unknown until the first answer, then kept or not. While not known to be lost, twins (same visible text) may
 * be created side by side, each told apart by its mark (docs/architecture.md, "Exactly one Pin per file").
 */
export class MarkEvidence {
  private state: boolean | null = null

  /** True unless an answer has shown the marks are not kept. */
  kept(): boolean {
    return this.state !== false
  }

  /** A create's answer: the mark sent and the `dominant_color` it came back with (absent: no evidence). */
  note(sent: string, answered: string | null | undefined): void {
    // Once seen lost, they stay so for this queue: one server that drops them is enough to stop relying on them.
    if (answered === undefined || this.state === false) return
    this.state = (answered ?? '').toLowerCase() === sent.toLowerCase()
  }
}
