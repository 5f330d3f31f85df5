import type { ItemState, ItemView, QueueTotals } from '../../../shared/domain'
import { ACTIVE_STATES } from '../../../shared/item-states'
import type { All, QueueFilter } from './types'

/** Work still to do: queued or moving, and `scheduled` (it goes out by itself at its time). Drafts wait for the user. */
const ACTIVE: ReadonlySet<ItemState> = new Set(ACTIVE_STATES)

/** Whether an item in `state` shows under `filter`. */
export function matchesFilter(state: ItemState, filter: QueueFilter): boolean {
  switch (filter) {
    case 'all':
      return true
    case 'active':
      return ACTIVE.has(state)
    case 'failed':
      return state === 'failed'
    case 'attention':
      return state === 'needs_attention'
    case 'published':
      return state === 'published'
  }
}

/** Ids to show under the current filter; use with `useShallow` (a new array only when its contents change). */
export function selectVisibleIds(s: All): number[] {
  if (s.filter === 'all') return s.ids
  return s.ids.filter((id) => {
    const item = s.items[id]
    return item !== undefined && matchesFilter(item.state, s.filter)
  })
}

/** Labels and order of the filter buttons. */
export const FILTERS: readonly { id: QueueFilter; label: string }[] = [
  { id: 'all', label: 'All' },
  { id: 'active', label: 'Active' },
  { id: 'failed', label: 'Failed' },
  { id: 'attention', label: 'Needs attention' },
  { id: 'published', label: 'Published' },
]

/** How many items a filter would show, from the totals main sends (no scan of the items). */
export function countForFilter(
  byState: Partial<Record<ItemState, number>>,
  total: number,
  filter: QueueFilter,
): number {
  if (filter === 'all') return total
  let n = 0
  for (const [state, count] of Object.entries(byState) as [ItemState, number][]) {
    if (matchesFilter(state, filter)) n += count
  }
  return n
}

/** Whether Pause all has anything to hold: active work, scheduled items included (they would go out on their own). */
export function hasWorkToPause(byState: Partial<Record<ItemState, number>>): boolean {
  return countForFilter(byState, 0, 'active') > 0
}

/**
 * Main's totals less the items removed with Undo still possible (hidden here until the toast goes): the
 * counts then agree with the rows shown. The same object when nothing is hidden.
 */
export function shownTotals(
  totals: QueueTotals,
  items: Readonly<Record<number, ItemView>>,
  hidden: Readonly<Record<number, true>>,
): QueueTotals {
  const ids = Object.keys(hidden)
  if (ids.length === 0) return totals
  const byState = { ...totals.byState }
  let total = totals.total
  for (const key of ids) {
    const item = items[Number(key)]
    const n = item === undefined ? 0 : (byState[item.state] ?? 0)
    if (item === undefined || n === 0) continue
    byState[item.state] = n - 1
    total--
  }
  return { ...totals, byState, total }
}
