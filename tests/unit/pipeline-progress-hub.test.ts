import { describe, expect, it } from 'vitest'
import type { ItemState, ItemView } from '../../src/shared/domain'
import type { ProgressEvent } from '../../src/shared/progress-events'
import { ProgressHub, type HubClock } from '../../src/main/pipeline/progress-hub'

/** A manual clock: timers fire only when the test advances time. */
function manualClock(): HubClock & { advance(ms: number): void } {
  let t = 0
  let timers: { at: number; fn: () => void; id: number }[] = []
  let nextId = 1
  return {
    now: () => t,
    setTimeout: (fn, ms) => {
      const id = nextId++
      timers.push({ at: t + ms, fn, id })
      return id
    },
    clearTimeout: (id) => {
      timers = timers.filter((x) => x.id !== id)
    },
    advance(ms) {
      const end = t + ms
      for (;;) {
        const due = timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at)[0]
        if (!due) break
        timers = timers.filter((x) => x !== due)
        t = Math.max(t, due.at)
        due.fn()
      }
      t = end
    },
  }
}

const view = (id: number, state: ItemState, bytesSent = 0): ItemView => ({
  id,
  batchId: 1,
  name: `f${id}.jpg`,
  state,
  bytesSent,
  bytesTotal: 1000,
  attempts: 0,
  updatedAt: 0,
})

function makeHub() {
  const clock = manualClock()
  const events: ProgressEvent[] = []
  const hub = new ProgressHub({
    clock,
    totals: () => ({ total: 200, byState: {}, bytesTotal: 200_000, paused: false }),
  })
  hub.onProgress((e) => events.push(e))
  return { clock, events, hub }
}

describe('ProgressHub', () => {
  it('sends at most ~10 messages a second with 200 items changing every millisecond', () => {
    const { clock, events, hub } = makeHub()
    for (let id = 1; id <= 200; id++) hub.update(view(id, 'uploading'))
    for (let ms = 0; ms < 2000; ms++) {
      for (let id = 1; id <= 200; id++) hub.bytes(id, ms % 1000, 1000)
      clock.advance(1)
    }
    clock.advance(200)
    expect(events.length).toBeGreaterThanOrEqual(15)
    expect(events.length).toBeLessThanOrEqual(21)
    // Every message carries only changed items, each once, and all 200 are reported.
    for (const e of events) expect(new Set(e.items.map((i) => i.id)).size).toBe(e.items.length)
    expect(events.at(-1)!.items).toHaveLength(200)
  })

  it('sends a terminal transition promptly but still no more than one message per 100 ms', () => {
    const { clock, events, hub } = makeHub()
    hub.update(view(1, 'uploading'))
    clock.advance(200)
    expect(events).toHaveLength(1)
    hub.update(view(1, 'published'), true)
    clock.advance(1)
    expect(events).toHaveLength(2)
    expect(events[1]!.items[0]!.state).toBe('published')
    hub.update(view(2, 'failed'), true)
    clock.advance(50)
    expect(events).toHaveLength(2)
    clock.advance(60)
    expect(events).toHaveLength(3)
  })

  it('reports only items that changed since the last message, and removals', () => {
    const { clock, events, hub } = makeHub()
    hub.update(view(1, 'queued'))
    hub.update(view(2, 'queued'))
    clock.advance(200)
    hub.update(view(2, 'validating'))
    hub.remove(1)
    clock.advance(200)
    expect(events.at(-1)!.items.map((i) => i.id)).toEqual([2])
    expect(events.at(-1)!.removed).toEqual([1])
  })

  it('estimates an ETA from the send rate', () => {
    const { clock, events, hub } = makeHub()
    hub.update(view(1, 'uploading'))
    for (let ms = 0; ms <= 1000; ms += 10) {
      hub.bytes(1, ms * 10, 100_000)
      clock.advance(10)
    }
    const last = events.at(-1)!
    expect(last.totals.bytesSent).toBeGreaterThan(0)
    // ~10,000 bytes/s with ~190,000 bytes left: about 19 s.
    expect(last.totals.etaSeconds).toBeGreaterThan(10)
    expect(last.totals.etaSeconds).toBeLessThan(30)
  })
})
