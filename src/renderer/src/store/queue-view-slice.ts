import type { StateCreator } from 'zustand'
import type { All, QueueViewSlice } from './types'

const asSet = (ids: readonly number[]): Record<number, true> => {
  const out: Record<number, true> = {}
  for (const id of ids) out[id] = true
  return out
}

export const createQueueViewSlice: StateCreator<All, [], [], QueueViewSlice> = (set) => ({
  collapsed: {},
  selected: {},
  anchorId: null,
  inspectedId: null,
  hiddenIds: {},
  toggleCollapsed: (batchId) =>
    set((s) => {
      const collapsed = { ...s.collapsed }
      if (collapsed[batchId]) delete collapsed[batchId]
      else collapsed[batchId] = true
      return { collapsed }
    }),
  select: (ids, anchorId) =>
    set((s) => ({
      selected: asSet(ids),
      anchorId: anchorId === undefined ? s.anchorId : anchorId,
      // The inspector follows a single selection; a range keeps what it showed.
      inspectedId: ids.length === 1 ? ids[0]! : ids.length === 0 ? null : s.inspectedId,
    })),
  inspect: (inspectedId) => set({ inspectedId }),
  hide: (ids) =>
    set((s) => {
      const selected = { ...s.selected }
      for (const id of ids) delete selected[id]
      return {
        hiddenIds: { ...s.hiddenIds, ...asSet(ids) },
        selected,
        inspectedId: s.inspectedId !== null && ids.includes(s.inspectedId) ? null : s.inspectedId,
      }
    }),
  unhide: (ids) =>
    set((s) => {
      const hiddenIds = { ...s.hiddenIds }
      for (const id of ids) delete hiddenIds[id]
      return { hiddenIds }
    }),
})
