import { useVirtualizer } from '@tanstack/react-virtual'
import { useRef } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { selectVisibleIds } from '../../store/queue-filter'
import { useStore } from '../../store/store'
import { QueueRow, ROW_HEIGHT } from './queue-row'

/** The queue as a virtualized list: 10,000 items cost what the ~10 visible rows cost. */
export function QueueList() {
  const ids = useStore(useShallow(selectVisibleIds))
  const loaded = useStore((s) => s.queueLoaded)
  const scrollRef = useRef<HTMLDivElement>(null)
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is a mutable object by design; this component does not rely on memoisation of it.
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    getItemKey: (index) => ids[index] ?? index,
  })

  if (loaded && ids.length === 0) {
    return <p className="empty">Nothing here. Add files or a folder from the Add screen, or import a CSV.</p>
  }
  return (
    <div ref={scrollRef} className="queue-scroll" tabIndex={0} role="region" aria-label="Queued files">
      <div role="list" className="queue-canvas" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => {
          const id = ids[row.index]
          if (id === undefined) return null
          return (
            <QueueRow
              key={row.key}
              id={id}
              style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}
            />
          )
        })}
      </div>
    </div>
  )
}
