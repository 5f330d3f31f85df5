import { useVirtualizer } from '@tanstack/react-virtual'
import { useCallback, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { Inbox } from 'lucide-react'
import { EmptyState } from '../../components/empty-state'
import type { QueueView } from '../../store/queue-groups'
import { moveIndex } from '../../store/list-keys'
import { actions, useStore } from '../../store/store'
import { QueueEmpty } from './queue-empty'
import { GROUP_HEIGHT, GroupHeader } from './group-header'
import { QueueRow, ROW_HEIGHT, type PickMode } from './queue-row'
import { accountsSummary, namesInBoth } from './account-label'

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

type ViewEntry = QueueView['entries'][number]

/** `index` moved into the lines on screen (`range`, without the overscan), or `index` when none is known. */
function nearestShown(range: { startIndex: number; endIndex: number } | null, index: number): number {
  if (range === null) return index
  return Math.min(Math.max(index, range.startIndex), range.endIndex)
}
const keyOf = (e: ViewEntry) => (e.kind === 'group' ? `g${e.group.batchId}` : String(e.id))

/**
 * The queue as a virtualized list of group headers and rows: 10,000 items cost what the ~15 visible
 * lines cost. ⌘/Ctrl-A selects every row shown, Escape clears the selection. The list is one tab stop
 * (issue 18, point 8): the active line holds it (roving tabindex), arrows, Page Up/Down, Home and End move it,
 * Enter opens a row in the inspector (or folds a group), Space selects a row.
 */
export function QueueList({ view }: { view: QueueView }) {
  const loaded = useStore((s) => s.queueLoaded)
  const empty = useStore((s) => s.ids.length === 0)
  // Rows name their account only when the queue holds more than one (issue 15), with the environment when
  // the username alone does not tell (account-label.ts). Read once per change of the items, not at every store
  // change (a toast, the selection); the summary string keeps the rows' prop stable while the answer holds.
  const items = useStore((s) => s.items)
  const accounts = useMemo(() => accountsSummary(Object.values(items)), [items])
  const inBoth = useMemo(() => (accounts === '' ? undefined : namesInBoth(accounts)), [accounts])
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

  // The active line and where it was: a line that leaves the list (removed, hidden for Undo) hands the tab
  // stop, and the focus it had, to the line now in its place.
  const [active, setActive] = useState<{ key: string; index: number } | null>(null)
  const found = active === null ? -1 : entries.findIndex((en) => keyOf(en) === active.key)
  const activeIndex = found >= 0 ? found : Math.min(active?.index ?? 0, Math.max(0, entries.length - 1))
  const lost = active !== null && found < 0
  const shown = virtualizer.getVirtualItems()
  // The list stays one tab stop when the active line is scrolled out of view: the line on screen nearest to it
  // holds the stop meanwhile (focusing it makes it the active line).
  const tabStop = nearestShown(virtualizer.range, activeIndex)
  const focusWanted = useRef<string | null>(null)
  useLayoutEffect(() => {
    const key = focusWanted.current
    if (key === null) return
    // A request the list could not serve at once (its line not drawn yet) never takes the focus from where
    // the user has put it since: it holds only while the focus is nowhere or still in the list.
    const focus = document.activeElement
    if (!(focus === null || focus === document.body || scrollRef.current?.contains(focus) === true)) {
      focusWanted.current = null
      return
    }
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-key="${key}"]`)
    if (el) {
      focusWanted.current = null
      el.focus({ preventScroll: true })
    }
  })
  const entriesRef = useRef(entries)
  useLayoutEffect(() => {
    entriesRef.current = entries
  })
  const onActivate = useCallback(
    (key: string) => setActive({ key, index: entriesRef.current.findIndex((en) => keyOf(en) === key) }),
    [],
  )
  useLayoutEffect(() => {
    if (!lost) return
    const next = entries[activeIndex]
    if (next === undefined) return
    const focus = document.activeElement
    // Only when the focus went with the line (to the page's body) or is still in the list: never taken from
    // elsewhere (a sheet, the inspector).
    const inList = focus === null || focus === document.body || scrollRef.current?.contains(focus) === true
    setActive({ key: keyOf(next), index: activeIndex })
    if (inList) focusWanted.current = keyOf(next)
  }, [lost, entries, activeIndex])

  const onLineKey = (e: KeyboardEvent): boolean => {
    const line = e.target as HTMLElement
    if (line.dataset.key === undefined) return false
    const entry = entries[activeIndex]
    const next = moveIndex(e.key, activeIndex, entries.length)
    if (next !== null) {
      const key = keyOf(entries[next]!)
      setActive({ key, index: next })
      focusWanted.current = key
      virtualizer.scrollToIndex(next)
      return true
    }
    if (entry === undefined) return false
    if (entry.kind === 'group') {
      const folded = actions().collapsed[entry.group.batchId] === true
      const fold =
        e.key === 'Enter' ||
        e.key === ' ' ||
        (e.key === 'ArrowLeft' && !folded) ||
        (e.key === 'ArrowRight' && folded)
      if (fold) actions().toggleCollapsed(entry.group.batchId)
      return fold
    }
    if (e.key === 'Enter') {
      actions().select([entry.id], entry.id)
      actions().inspect(entry.id)
      return true
    }
    if (e.key === ' ') {
      pick(orderRef.current, entry.id, e.shiftKey ? 'range' : 'toggle')
      return true
    }
    return false
  }

  const onKeyDown = (e: KeyboardEvent) => {
    if (!e.metaKey && !e.ctrlKey && !e.altKey && onLineKey(e)) {
      e.preventDefault()
      return
    }
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
      role="region"
      aria-label="Queued files"
      // Focusable from code only: Chromium would otherwise make the scroller a second tab stop of its own.
      tabIndex={-1}
      onKeyDown={onKeyDown}
    >
      <div role="list" className="queue-canvas" style={{ height: virtualizer.getTotalSize() }}>
        {shown.map((row) => {
          const entry = entries[row.index]
          if (entry === undefined) return null
          const active = row.index === tabStop
          return entry.kind === 'group' ? (
            <GroupHeader
              key={row.key}
              group={entry.group}
              top={row.start}
              active={active}
              onActivate={onActivate}
            />
          ) : (
            <QueueRow
              key={row.key}
              id={entry.id}
              top={row.start}
              onPick={onPick}
              active={active}
              onActivate={onActivate}
              accountsInBoth={inBoth}
            />
          )
        })}
      </div>
    </div>
  )
}
