import { useVirtualizer } from '@tanstack/react-virtual'
import { useCallback, useLayoutEffect, useRef, type KeyboardEvent } from 'react'
import { Inbox } from 'lucide-react'
import { EmptyState } from '../../components/empty-state'
import type { QueueView } from '../../store/queue-groups'
import { actions, useStore } from '../../store/store'
import { QueueEmpty } from './queue-empty'
import { GROUP_HEIGHT, GroupHeader } from './group-header'
import { QueueRow, ROW_HEIGHT, type PickMode } from './queue-row'

/** Applies a click to the selection, over the rows in the order they are shown. */
function pick(order: readonly number[], id: number, mode: PickMode): void {
  const { selected, anchorId, select } = actions()
  if (mode === 'one') return select([id], id)
  if (mode === 'toggle') {
    const next = Object.keys(selected).map(Number)
    return select(selected[id] ? next.filter((x) => x !== id) : [...next, id], id)
  }
  const from = anchorId !== null ? order.indexOf(anchorId) : -1
  const to = order.indexOf(id)
  if (from < 0 || to < 0) return select([id], id)
  select(order.slice(Math.min(from, to), Math.max(from, to) + 1), anchorId)
}

/**
 * The queue as a virtualized list of group headers and rows: 10,000 items cost what the ~15 visible
 * lines cost. ⌘/Ctrl-A selects every row shown, Escape clears the selection.
 */
export function QueueList({ view }: { view: QueueView }) {
  const loaded = useStore((s) => s.queueLoaded)
  const empty = useStore((s) => s.ids.length === 0)
  const scrollRef = useRef<HTMLDivElement>(null)
  const orderRef = useRef(view.order)
  useLayoutEffect(() => {
    orderRef.current = view.order
  })
  const onPick = useCallback((id: number, mode: PickMode) => pick(orderRef.current, id, mode), [])
  const { entries } = view
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is a mutable object by design; this component does not rely on memoisation of it.
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (entries[i]?.kind === 'group' ? GROUP_HEIGHT : ROW_HEIGHT),
    overscan: 6,
    getItemKey: (i) => {
      const e = entries[i]
      return e === undefined ? i : e.kind === 'group' ? `g${e.group.batchId}` : e.id
    },
  })

  const onKeyDown = (e: KeyboardEvent) => {
    if ((e.metaKey || e.ctrlKey) && e.key.toLowerCase() === 'a') {
      e.preventDefault()
      actions().select(orderRef.current, orderRef.current[0] ?? null)
    } else if (e.key === 'Escape' && Object.keys(actions().selected).length > 0) {
      actions().select([], null)
    }
  }

  if (loaded && empty) return <QueueEmpty />
  if (loaded && entries.length === 0) {
    return (
      <EmptyState icon={Inbox} title="Nothing here">
        No item matches this filter.
      </EmptyState>
    )
  }
  return (
    <div
      ref={scrollRef}
      className="queue-scroll"
      tabIndex={0}
      role="region"
      aria-label="Queued files"
      onKeyDown={onKeyDown}
    >
      <div role="list" className="queue-canvas" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => {
          const entry = entries[row.index]
          if (entry === undefined) return null
          return entry.kind === 'group' ? (
            <GroupHeader key={row.key} group={entry.group} top={row.start} />
          ) : (
            <QueueRow key={row.key} id={entry.id} top={row.start} onPick={onPick} />
          )
        })}
      </div>
    </div>
  )
}
