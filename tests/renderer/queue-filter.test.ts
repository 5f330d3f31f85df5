import { describe, expect, it } from 'vitest'
import {
  countForFilter,
  FILTERS,
  hasWorkToPause,
  matchesFilter,
  selectVisibleIds,
  shownTotals,
} from '../../src/renderer/src/store/queue-filter'
import { useStore } from '../../src/renderer/src/store/store'
import type { All } from '../../src/renderer/src/store/types'
import type { ItemState, ItemView, QueueTotals } from '../../src/shared/domain'
import { ITEM_STATES } from '../../src/shared/item-states'

// Scheduled items are work still to do (they go out by themselves); drafts wait for the user: "All" only.
const ACTIVE: ItemState[] = ['scheduled', 'queued', 'validating', 'uploading', 'processing', 'creating']

function storeWith(states: ItemState[], filter: All['filter']): All {
  const items: Record<number, ItemView> = {}
  states.forEach((state, i) => {
    items[i + 1] = {
      id: i + 1,
      batchId: 1,
      name: `f${i}`,
      state,
      bytesSent: 0,
      bytesTotal: 1,
      attempts: 0,
      updatedAt: 0,
    }
  })
  return { ...useStore.getState(), items, ids: states.map((_, i) => i + 1), filter }
}

describe('queue filters', () => {
  it('each state shows under "all" and exactly the filters its meaning says', () => {
    for (const state of ITEM_STATES) {
      expect(matchesFilter(state, 'all')).toBe(true)
      expect(matchesFilter(state, 'active')).toBe(ACTIVE.includes(state))
      expect(matchesFilter(state, 'failed')).toBe(state === 'failed')
      expect(matchesFilter(state, 'attention')).toBe(state === 'needs_attention')
      expect(matchesFilter(state, 'published')).toBe(state === 'published')
    }
  })

  it('selectVisibleIds keeps queue order, and returns the same array for "all"', () => {
    const s = storeWith(['published', 'failed', 'uploading', 'needs_attention', 'queued'], 'active')
    expect(selectVisibleIds(s)).toEqual([3, 5])
    expect(selectVisibleIds({ ...s, filter: 'failed' })).toEqual([2])
    const all = { ...s, filter: 'all' as const }
    expect(selectVisibleIds(all)).toBe(all.ids)
  })

  it('countForFilter adds up the totals of the states a filter shows', () => {
    const byState = { queued: 4, uploading: 1, failed: 2, needs_attention: 1, published: 7 }
    expect(countForFilter(byState, 15, 'all')).toBe(15)
    expect(countForFilter(byState, 15, 'active')).toBe(5)
    expect(countForFilter(byState, 15, 'failed')).toBe(2)
    expect(countForFilter(byState, 15, 'attention')).toBe(1)
    expect(countForFilter(byState, 15, 'published')).toBe(7)
  })

  it('Active and the sidebar badge count scheduled items, not drafts; Pause all is offered while only scheduled ones wait', () => {
    const byState = { draft: 3, scheduled: 2, published: 1 }
    expect(countForFilter(byState, 6, 'active')).toBe(2)
    expect(hasWorkToPause(byState)).toBe(true)
    expect(hasWorkToPause({ draft: 3, published: 1 })).toBe(false)
    expect(hasWorkToPause({ failed: 1, needs_attention: 1 })).toBe(false)
  })

  it('offers every filter once, "All" first', () => {
    expect(FILTERS.map((f) => f.id)).toEqual(['all', 'active', 'failed', 'attention', 'published'])
  })
})

describe('totals while a removal can still be undone', () => {
  const item = (id: number, state: ItemView['state']): ItemView => ({
    id,
    batchId: 1,
    name: `${id}.jpg`,
    path: `/p/${id}.jpg`,
    state,
    bytesSent: 0,
    bytesTotal: 1,
    attempts: 0,
    updatedAt: 0,
  })
  const totals: QueueTotals = {
    total: 3,
    byState: { queued: 2, failed: 1 },
    bytesSent: 0,
    bytesTotal: 3,
    paused: false,
  }
  const items = { 1: item(1, 'queued'), 2: item(2, 'queued'), 3: item(3, 'failed') }

  it('leave out the hidden rows, so the counts agree with the list', () => {
    const shown = shownTotals(totals, items, { 3: true, 9: true }) // 9: gone from the list already
    expect(shown.total).toBe(2)
    expect(shown.byState).toEqual({ queued: 2, failed: 0 })
    expect(countForFilter(shown.byState, shown.total, 'failed')).toBe(0)
    expect(totals.byState.failed).toBe(1) // main's totals untouched
  })

  it('are main’s own object when nothing is hidden', () => {
    expect(shownTotals(totals, items, {})).toBe(totals)
  })
})
