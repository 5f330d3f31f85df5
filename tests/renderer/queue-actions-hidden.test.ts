import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ItemState, ItemView } from '../../src/shared/domain'

/** A window.api that records each request and answers `uploads:remove-ids` with nothing kept. */
function stubApi() {
  const calls: { channel: string; input: unknown }[] = []
  const api = {
    invoke(channel: string, input: unknown) {
      calls.push({ channel, input })
      if (channel === 'uploads:remove-ids') return Promise.resolve({ ok: true, value: [] })
      if (channel === 'uploads:retry-ids')
        return Promise.resolve({ ok: true, value: (input as { ids: number[] }).ids.length })
      return Promise.resolve({ ok: true, value: null })
    },
    on: () => () => {},
  }
  ;(globalThis as unknown as { window: unknown }).window = { api }
  return calls
}

const item = (id: number, state: ItemState): ItemView => ({
  id,
  batchId: 1,
  name: `f${id}.jpg`,
  state,
  bytesSent: 0,
  bytesTotal: 100,
  attempts: 1,
  updatedAt: 1000,
})

let calls: { channel: string; input: unknown }[]
beforeEach(() => (calls = stubApi()))
afterEach(() => {
  delete (globalThis as unknown as { window?: unknown }).window
})

describe('rows removed with Undo still pending', () => {
  it('no action reaches them: a group Retry skips a failed row the user just removed', async () => {
    const { actions } = await import('../../src/renderer/src/store/store')
    const q = await import('../../src/renderer/src/features/queue/queue-actions')
    const totals = { total: 2, byState: { failed: 2 }, bytesSent: 0, bytesTotal: 0, paused: false }
    actions().setQueue([item(1, 'failed'), item(2, 'failed')], totals)
    q.removeWithUndo([2], 'Removed 1 item.') // at rest: hidden, removed in main only when the toast ends
    expect(q.retryable([1, 2])).toEqual([1])
    expect(q.removable([1, 2])).toEqual([1])
    await q.retryMany([1, 2])
    expect(calls.filter((c) => c.channel === 'uploads:retry-ids').map((c) => c.input)).toEqual([{ ids: [1] }])
  })

  it('a row removed in main at once stays hidden until main says it is gone, then leaves the list', async () => {
    const { actions } = await import('../../src/renderer/src/store/store')
    const q = await import('../../src/renderer/src/features/queue/queue-actions')
    const totals = { total: 1, byState: { queued: 1 }, bytesSent: 0, bytesTotal: 0, paused: false }
    actions().setQueue([item(7, 'queued')], totals)
    q.removeWithUndo([7], 'Removed 1 item.') // queued: removed in main at once
    await expect.poll(() => calls.some((c) => c.channel === 'uploads:remove-ids')).toBe(true)
    await expect.poll(() => actions().toasts.length).toBeGreaterThan(0)
    expect(actions().hiddenIds[7]).toBe(true) // main answered; its progress event has not come yet
    actions().applyProgress({ items: [], removed: [7], totals: { ...totals, total: 0, byState: {} } })
    expect(actions().items[7]).toBeUndefined()
    expect(actions().hiddenIds[7]).toBeUndefined()
  })
})

describe('a publish while rows are hidden', () => {
  it('leaves out only the hidden drafts of the batch published; a list of ids loses its hidden ones', async () => {
    const { actions } = await import('../../src/renderer/src/store/store')
    const q = await import('../../src/renderer/src/features/queue/queue-actions')
    const other = { ...item(5, 'draft'), batchId: 2 }
    const totals = {
      total: 5,
      byState: { draft: 4, published: 1 },
      bytesSent: 0,
      bytesTotal: 0,
      paused: false,
    }
    actions().setQueue(
      [item(1, 'draft'), item(2, 'draft'), item(3, 'draft'), item(4, 'published'), other],
      totals,
    )
    actions().hide([2, 4, 5])
    // The published row hidden by "Clear published" and the other batch's draft are not sent.
    expect(q.withoutHidden({ batchId: 1 })).toEqual({ batchId: 1, except: [2] })
    expect(q.withoutHidden({ all: true })).toEqual({ all: true, except: [2, 5] })
    expect(q.withoutHidden({ ids: [1, 2, 3] })).toEqual({ ids: [1, 3] })
    expect(q.withoutHidden({ ids: [2] })).toBeNull()
    await q.publishDrafts({ batchId: 1 })
    expect(calls.filter((c) => c.channel === 'items:publish').map((c) => c.input)).toEqual([
      { batchId: 1, except: [2] },
    ])
  })
})
