import { beforeEach, describe, expect, it } from 'vitest'
import { EMPTY_TOTALS } from '../../src/renderer/src/store/queue-slice'
import { useStore } from '../../src/renderer/src/store/store'
import type { ItemState, ItemView, QueueTotals } from '../../src/shared/domain'

const initial = useStore.getState()

function item(id: number, state: ItemState = 'queued', updatedAt = 1000): ItemView {
  return { id, batchId: 1, name: `f${id}.jpg`, state, bytesSent: 0, bytesTotal: 100, attempts: 0, updatedAt }
}

function totals(total: number, byState: QueueTotals['byState'] = {}): QueueTotals {
  return { ...EMPTY_TOTALS, total, byState }
}

const state = () => useStore.getState()

beforeEach(() => useStore.setState(initial, true))

describe('queue slice', () => {
  it('setQueue orders ids ascending and marks the queue loaded', () => {
    state().setQueue([item(3), item(1), item(2)], totals(3))
    expect(state().ids).toEqual([1, 2, 3])
    expect(Object.keys(state().items)).toHaveLength(3)
    expect(state().queueLoaded).toBe(true)
    expect(state().totals.total).toBe(3)
  })

  it('setQueue keeps a flush that arrived while the list was on its way (newer updatedAt wins)', () => {
    state().applyProgress({ items: [item(1, 'uploading', 2000)], removed: [], totals: totals(1) })
    state().setQueue([item(1, 'queued', 1500), item(2, 'queued', 1500)], totals(2))
    expect(state().items[1]!.state).toBe('uploading')
    expect(state().items[2]!.state).toBe('queued')
  })

  it("setQueue keeps a running upload's bytes from a flush at the same updatedAt (the list has no live bytes)", () => {
    state().applyProgress({
      items: [{ ...item(1, 'uploading', 2000), bytesSent: 60 }],
      removed: [],
      totals: totals(1),
    })
    state().setQueue([item(1, 'uploading', 2000)], totals(1))
    expect(state().items[1]!.bytesSent).toBe(60)
  })

  it('a filter change drops the selection, so bulk actions never reach rows the filter hides', () => {
    state().setQueue([item(1), item(2, 'failed')], totals(2))
    state().select([1, 2], 2)
    state().setFilter('failed')
    expect(state().selected).toEqual({})
    expect(state().anchorId).toBeNull()
  })

  it('mergeItems adds a page without replacing newer rows', () => {
    state().setQueue([item(1, 'published', 3000)], totals(1))
    state().mergeItems([item(1, 'queued', 1000), item(5), item(4)])
    expect(state().ids).toEqual([1, 4, 5])
    expect(state().items[1]!.state).toBe('published')
  })

  it('applyProgress updates rows in place, appends new ids in order and drops removed ones', () => {
    state().setQueue([item(1), item(2), item(3)], totals(3))
    const untouched = state().items[3]
    state().applyProgress({
      items: [item(2, 'uploading', 2000), item(5), item(4)],
      removed: [1],
      totals: totals(4, { uploading: 1, queued: 3 }),
    })
    expect(state().ids).toEqual([2, 3, 4, 5])
    expect(state().items[1]).toBeUndefined()
    expect(state().items[2]!.state).toBe('uploading')
    // A row the flush did not name keeps its object, so its component does not re-render.
    expect(state().items[3]).toBe(untouched)
    expect(state().totals.byState).toEqual({ uploading: 1, queued: 3 })
  })

  it('applyProgress sorts an id older than the last one into place', () => {
    state().setQueue([item(2), item(6)], totals(2))
    state().applyProgress({ items: [item(4)], removed: [], totals: totals(3) })
    expect(state().ids).toEqual([2, 4, 6])
  })

  it('a flush with only totals leaves the items and ids untouched', () => {
    state().setQueue([item(1)], totals(1))
    const { items, ids } = state()
    state().applyProgress({ items: [], removed: [], totals: { ...totals(1), paused: true } })
    expect(state().items).toBe(items)
    expect(state().ids).toBe(ids)
    expect(state().totals.paused).toBe(true)
  })
})

describe('ui slice', () => {
  it('keeps the last four toasts only, each with its own id, and dismisses by id', () => {
    for (let i = 1; i <= 6; i++) state().pushToast('info', `message ${i}`)
    const toasts = state().toasts
    expect(toasts.map((t) => t.text)).toEqual(['message 3', 'message 4', 'message 5', 'message 6'])
    expect(new Set(toasts.map((t) => t.id)).size).toBe(4)
    state().dismissToast(toasts[0]!.id)
    expect(state().toasts.map((t) => t.text)).toEqual(['message 4', 'message 5', 'message 6'])
  })
})

describe('boards slice', () => {
  it('addBoard replaces a board with the same id and addSection appends to its board only', () => {
    state().setBoards([{ id: 'b1', name: 'Old', privacy: 'PUBLIC' }])
    state().addBoard({ id: 'b1', name: 'Renamed', privacy: 'SECRET' })
    expect(state().boards).toEqual([{ id: 'b1', name: 'Renamed', privacy: 'SECRET' }])
    expect(state().boardsLoaded).toBe(true)
    state().setSections('b1', [{ id: 's1', name: 'Starters' }])
    state().addSection('b1', { id: 's2', name: 'Mains' })
    state().addSection('b2', { id: 's3', name: 'Desserts' })
    expect(state().sections).toEqual({
      b1: [
        { id: 's1', name: 'Starters' },
        { id: 's2', name: 'Mains' },
      ],
      b2: [{ id: 's3', name: 'Desserts' }],
    })
  })
})
