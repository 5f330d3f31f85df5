import { describe, expect, it } from 'vitest'
import { ProgressHub, type HubClock } from '../../src/main/pipeline/progress-hub'

/** A clock that stands still at `t`; no timers fire (totals() is read directly). */
const still = (t: number): HubClock => ({ now: () => t, setTimeout: () => 0, clearTimeout: () => {} })
const base = { total: 2, byState: { queued: 2 }, bytesTotal: 0, paused: false }

describe('the queue ETA counts pacing holds', () => {
  it('is at least the time until the last hold ends', () => {
    const hub = new ProgressHub({
      clock: still(1_000_000),
      totals: () => ({ ...base, holdUntil: 1_000_000 + 90_500 }),
    })
    expect(hub.totals().etaSeconds).toBe(91)
    expect(hub.totals()).not.toHaveProperty('holdUntil')
  })

  it('has no ETA without holds or bytes, nor for a hold already over', () => {
    expect(new ProgressHub({ clock: still(5000), totals: () => base }).totals().etaSeconds).toBeUndefined()
    expect(
      new ProgressHub({ clock: still(5000), totals: () => ({ ...base, holdUntil: 4000 }) }).totals()
        .etaSeconds,
    ).toBeUndefined()
  })
})
