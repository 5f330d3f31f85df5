import { useMemo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { buildQueueView, failuresByKind, type QueueView } from '../../store/queue-groups'
import { useStore } from '../../store/store'

/** The grouped, ordered queue and its failures by kind, rebuilt once per store change that touches them. */
export function useQueueView(): QueueView & { failures: ReturnType<typeof failuresByKind> } {
  const { items, ids, filter, collapsed, hiddenIds } = useStore(
    useShallow((s) => ({
      items: s.items,
      ids: s.ids,
      filter: s.filter,
      collapsed: s.collapsed,
      hiddenIds: s.hiddenIds,
    })),
  )
  return useMemo(
    () => ({
      ...buildQueueView(items, ids, filter, collapsed, hiddenIds),
      failures: failuresByKind(items, ids, hiddenIds),
    }),
    [items, ids, filter, collapsed, hiddenIds],
  )
}
