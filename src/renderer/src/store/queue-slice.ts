import type { StateCreator } from 'zustand'
import type { ItemView, QueueTotals } from '../../../shared/domain'
import type { All, QueueSlice } from './types'

export const EMPTY_TOTALS: QueueTotals = { total: 0, byState: {}, bytesSent: 0, bytesTotal: 0, paused: false }

function byIdOrder(items: readonly ItemView[]): { items: Record<number, ItemView>; ids: number[] } {
  const map: Record<number, ItemView> = {}
  for (const it of items) map[it.id] = it
  const ids = Object.keys(map)
    .map(Number)
    .sort((a, b) => a - b)
  return { items: map, ids }
}

export const createQueueSlice: StateCreator<All, [], [], QueueSlice> = (set) => ({
  items: {},
  ids: [],
  totals: EMPTY_TOTALS,
  filter: 'all',
  queueLoaded: false,
  setQueue: (items, totals) =>
    set((s) => {
      // A flush that arrived while the list was on its way is newer than the list: keep it. Byte progress does
      // not move `updatedAt` and the list carries no live byte counts, so at equal times the bytes decide.
      const fresh = items.map((it) => {
        const seen = s.items[it.id]
        if (seen === undefined) return it
        const newer =
          seen.updatedAt > it.updatedAt || (seen.updatedAt === it.updatedAt && seen.bytesSent > it.bytesSent)
        return newer ? seen : it
      })
      return { ...byIdOrder(fresh), totals, queueLoaded: true }
    }),
  mergeItems: (page) =>
    set((s) => {
      const items = { ...s.items }
      for (const it of page) {
        const seen = items[it.id]
        if (seen === undefined || seen.updatedAt <= it.updatedAt) items[it.id] = it
      }
      return byIdOrder(Object.values(items))
    }),
  applyProgress: (event) =>
    set((s) => {
      if (event.items.length === 0 && event.removed.length === 0) return { totals: event.totals }
      // One copy per flush (≤ 10/s), not per item: rows whose object is unchanged keep their identity and do not re-render.
      const items = { ...s.items }
      let ids = s.ids
      let hiddenIds = s.hiddenIds
      const added: number[] = []
      for (const it of event.items) {
        if (!(it.id in items)) added.push(it.id)
        items[it.id] = it
      }
      if (event.removed.length > 0) {
        const gone = new Set(event.removed)
        for (const id of gone) delete items[id]
        ids = ids.filter((id) => !gone.has(id))
        // Rows hidden while their removal was on its way (queue-actions.ts removeInMain) are gone now.
        if (event.removed.some((id) => hiddenIds[id])) {
          hiddenIds = { ...hiddenIds }
          for (const id of gone) delete hiddenIds[id]
        }
      }
      if (added.length > 0) {
        const last = ids.length > 0 ? ids[ids.length - 1]! : -Infinity
        added.sort((a, b) => a - b)
        ids = added[0]! > last ? [...ids, ...added] : [...ids, ...added].sort((a, b) => a - b)
      }
      return { items, ids, totals: event.totals, hiddenIds }
    }),
  setTotals: (totals) => set({ totals }),
  // A selection is of rows the user saw: kept across a filter change it would act on rows now hidden.
  setFilter: (filter) => set({ filter, selected: {}, anchorId: null }),
})
