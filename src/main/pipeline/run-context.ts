import type { Settings } from '../../shared/domain'
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
}
