import { abortableSleep } from './rate-governor'

/** Paces bytes to a cap where they leave; injectable clock for tests. */
export interface Throttle {
  /** Waits until `bytes` more may leave. */
  take(bytes: number, signal?: AbortSignal): Promise<void>
}

export interface ThrottleClock {
  now: () => number
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>
}

/**
 * A bandwidth cap in bytes per second. Keeps a running schedule rather than a per-chunk delay so the average holds
 * exactly over a long upload, and allows at most `burstMs` of credit after an idle spell (a paused upload does not
 * earn a burst).
 */
export function createThrottle(
  bytesPerSecond: number,
  clock: ThrottleClock = { now: Date.now, sleep: abortableSleep },
  burstMs = 250,
): Throttle {
  if (!(bytesPerSecond > 0)) return { take: async () => {} }
  let next = clock.now()
  return {
    async take(bytes, signal) {
      const now = clock.now()
      next = Math.max(next, now - burstMs) + (bytes * 1000) / bytesPerSecond
      const wait = next - now
      if (wait > 0) await clock.sleep(wait, signal)
    },
  }
}

/**
 * Read size for a capped upload: about a tenth of a second's worth, so the pace is smooth, between 16 KiB and
 * 1 MiB, rounded down to a multiple of 3 so a base64 encoder never pads mid-stream.
 */
export function chunkSizeFor(bytesPerSecond: number | undefined, max = 1024 * 1024): number {
  const raw =
    bytesPerSecond && bytesPerSecond > 0
      ? Math.min(max, Math.max(16 * 1024, Math.floor(bytesPerSecond / 10)))
      : max
  return raw - (raw % 3)
}
