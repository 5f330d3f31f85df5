import { AppError } from '../../shared/ipc/app-error'
import type { WindowLimit } from './rate-window'

/** Pinterest's rate categories the uploader touches (`x-ratelimit-category` in the OpenAPI description). */
export type RateCategory = 'org_read' | 'org_write'

export type RateProfile = 'standard' | 'trial'

/** Documented limits (docs/pinterest-api.md §6.1): Standard per minute, Trial per day. */
const RATE_PROFILES: Record<RateProfile, Record<RateCategory, WindowLimit>> = {
  standard: {
    org_read: { perWindow: 1000, windowMs: 60_000 },
    org_write: { perWindow: 100, windowMs: 60_000 },
  },
  trial: {
    org_read: { perWindow: 1000, windowMs: 86_400_000 },
    org_write: { perWindow: 300, windowMs: 86_400_000 },
  },
}

/**
 * The limits of a profile. `writesPerMinute` replaces Standard's 100 writes a minute for an app Pinterest gave
 * another limit; Trial's limit is per day, so it does not follow it.
 */
export function rateLimitsFor(
  profile: RateProfile,
  writesPerMinute?: number,
): Record<RateCategory, WindowLimit> {
  const limits = RATE_PROFILES[profile]
  if (profile !== 'standard' || writesPerMinute === undefined) return limits
  return { ...limits, org_write: { perWindow: Math.max(1, Math.floor(writesPerMinute)), windowMs: 60_000 } }
}

/** Bounds of the writes-per-minute limit, the setting's and `PINLOAD_WRITES_PER_MINUTE`'s. */
const MAX_WRITES_PER_MINUTE = 1000

/**
 * `PINLOAD_WRITES_PER_MINUTE` for the command: undefined when unset; a whole number from 1 to 1000, else an error
 * naming the variable (nothing runs with a limit it did not ask for).
 */
export function writesPerMinuteFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const raw = env.PINLOAD_WRITES_PER_MINUTE
  if (raw === undefined || raw.trim() === '') return undefined
  // Digits only: Number() would also take "0x10", "1e2" or "50.0" and run with a limit nobody wrote.
  const n = /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN
  if (!Number.isInteger(n) || n < 1 || n > MAX_WRITES_PER_MINUTE)
    throw new AppError(
      'validation',
      `PINLOAD_WRITES_PER_MINUTE must be a whole number from 1 to ${MAX_WRITES_PER_MINUTE}, not "${raw}".`,
    )
  return n
}
