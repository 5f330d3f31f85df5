import type { Settings } from '../../shared/domain'
import type { Database } from '../db/connection'
import type { Logger } from '../logging/logger'
import type { PinterestApi } from '../pinterest/api-types'
import type { BufferPool } from './buffer-pool'
import type { HubClock } from './progress-hub'
import type { RunContext } from './run-context'
import type { Validator } from './validator'

/** What the upload queue is built from; everything but db, apiFor and settings has a default. */
export interface UploadQueueDeps {
  db: Database
  /** The API for an account, or null when that account cannot run now (signed out). */
  apiFor: (accountKey: string) => PinterestApi | null
  /** Account new items belong to; items carry it so an auth failure pauses only that account. */
  accountKeyFor?: () => string
  settings: () => Settings
  now?: () => number
  logger?: Logger
  validator?: Validator
  /** Attempts before a transient error fails an item (default 5). */
  maxAttempts?: number
  /** Base of the full-jitter backoff between attempts, in ms (default 1000). */
  retryBaseMs?: number
  /** Media status polling: first interval and cap, in ms (default 1000 → 10000). */
  pollMs?: { first: number; max: number }
  /** Give up on video processing after this long, in ms (default 30 min). */
  mediaTimeoutMs?: number
  /**
   * Wait after a create whose answer was lost (or that a crash interrupted) before the board is checked for
   * its Pin, in ms (default PINLOAD_CREATE_GRACE_MS from the environment, else 120 000).
   */
  createGraceMs?: number
  /** Reused buffers for small photos and their bodies (default: a pool of this queue's own). */
  buffers?: BufferPool
  progressIntervalMs?: number
  hubClock?: HubClock
  random?: () => number
  /** The pacing rules in front of each create (pace-gate.ts); absent = none. */
  pace?: RunContext['pace']
  /** When the last pacing hold ends, Unix ms, or null: the ETA counts it. */
  holdUntil?: () => number | null
  /** Why requests wait in the rate governors now (api-registry.ts), shown with the totals. */
  slowdown?: () => { until: number; by: 'pinterest' | 'budget'; accountKey?: string } | null
}

/** Why a running item was stopped: decides where handleError leaves it. */
export type StopWhy = 'cancel' | 'pause' | 'shutdown' | 'remove'

/** An item the queue is running now. */
export interface Running {
  ac: AbortController
  accountKey: string
  why?: StopWhy
  done: Promise<void>
}

/** Default wait after a create whose answer was lost before the board is checked, in ms. */
export const DEFAULT_CREATE_GRACE_MS = 120_000

/**
 * `PINLOAD_CREATE_GRACE_MS` overrides the default grace (the CLI and the kill tests use it). Read from the
 * environment the composition root was given, never `process.env`: a packaged app drops this switch
 * (src/main/security/dev-switches.ts).
 */
export function graceFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const v = env.PINLOAD_CREATE_GRACE_MS
  if (v === undefined || v.trim() === '') return undefined
  const n = Number(v)
  return Number.isFinite(n) && n >= 0 ? n : undefined
}
