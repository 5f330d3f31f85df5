import { useCallback, useMemo, useState } from 'react'
import { GalleryHorizontalEnd, LayoutGrid, Send, X } from 'lucide-react'
import { Button, IconButton } from '../../components/button'
import { EmptyState } from '../../components/empty-state'
import { formatCount, plural } from '../../lib/format'
import { useStore } from '../../store/store'
import { ReviewSchedule } from '../timeline/review-schedule'
import { BulkEditor } from './bulk-editor'
import { PinCard } from './pin-card'
import { PinEditor } from './pin-editor'
import { findRepeats, repeatsById } from './repeats'
import { RepeatWarnings } from './repeat-warnings'
import { makeCarousel, publishItems } from './review-actions'
import { reviewBatches } from './review-batches'
import './review.css'

/**
 * Cards shown at first, and added by each "Show more": a batch added as drafts runs to hundreds or thousands
 * (adds above the confirmation threshold default to drafts), and each card holds a picture. Selection, bulk
 * edits and Publish act on the whole batch, shown or not.
 */
const PAGE = 200

/**
 * Drafts (and any Pin of a batch not on its way yet) before they go to Pinterest: a grid of Pins as Pinterest
 * would show them, an editor for one, a bulk edit for the selected, warnings for repeats, and Publish.
 */
export function ReviewScreen() {
  const items = useStore((s) => s.items)
  const ids = useStore((s) => s.ids)
  const loaded = useStore((s) => s.queueLoaded)
  const batches = useMemo(() => reviewBatches(items, ids), [items, ids])
  const [batchId, setBatchId] = useState<number | null>(null)
  const [picked, setPicked] = useState<ReadonlySet<number>>(new Set())
  const [editingId, setEditingId] = useState<number | null>(null)
  const [shown, setShown] = useState(PAGE)
  const toggle = useCallback((id: number, on: boolean) => {
    setPicked((prev) => {
      const next = new Set(prev)
      if (on) next.add(id)
      else next.delete(id)
      return next
    })
  }, [])
  const open = useCallback((id: number) => setEditingId((cur) => (cur === id ? null : id)), [])
  const batch = batches.find((b) => b.batchId === batchId) ?? batches[0]
  const pins = useMemo(() => (batch?.ids ?? []).map((id) => items[id]!), [batch, items])
  const visible = useMemo(() => pins.slice(0, shown), [pins, shown])
  const repeats = useMemo(() => findRepeats(pins), [pins])
  const repeatMap = useMemo(() => repeatsById(repeats), [repeats])

  if (batch === undefined) {
    return (
      <section className="screen screen-review" aria-labelledby="review-title">
        <h1 id="review-title">Review</h1>
        {loaded ? (
          <EmptyState icon={LayoutGrid} title="Nothing to review">
            Add files as drafts to give each Pin its own words here before it goes to Pinterest.
          </EmptyState>
        ) : (
          // Not "nothing" before the queue's first page has come.
          <p className="hint" role="status">
            Loading the queue…
          </p>
        )}
      </section>
    )
  }

  // Only what is still in this batch and editable counts as selected.
  const selected = batch.ids.filter((id) => picked.has(id))
  const selectedDrafts = selected.filter((id) => items[id]?.state === 'draft')
  const editing = editingId !== null ? items[editingId] : undefined
  const all = selected.length === batch.ids.length
  // A carousel is 2–5 images (docs/pinterest-api.md): videos and carousels cannot join one.
  const joinable =
    selected.length >= 2 &&
    selected.length <= 5 &&
    selected.every((id) => items[id]?.kind !== 'video' && items[id]?.kind !== 'carousel')
  const select = (next: Iterable<number>) => setPicked(new Set(next))

  return (
    <section className="screen screen-review" aria-labelledby="review-title">
      <h1 id="review-title">Review</h1>
      <div className="review-toolbar">
        {batches.length > 1 ? (
          <label className="review-batch">
            Batch
            <select
              value={batch.batchId}
              onChange={(e) => {
                setBatchId(Number(e.target.value))
                select([])
                setEditingId(null)
                setShown(PAGE)
              }}
            >
              {batches.map((b) => (
                <option key={b.batchId} value={b.batchId}>
                  {b.name} ({plural(b.ids.length, 'Pin', 'Pins')})
                </option>
              ))}
            </select>
          </label>
        ) : (
          <p className="review-batch-name">{batch.name}</p>
        )}
        <p className="review-counts" data-testid="review-counts">
          {plural(batch.ids.length, 'Pin', 'Pins')} · {plural(batch.drafts, 'draft', 'drafts')}
        </p>
        <Button
          variant="primary"
          icon={Send}
          disabled={batch.drafts === 0}
          onClick={() => void publishItems({ batchId: batch.batchId })}
        >
          Publish {plural(batch.drafts, 'draft', 'drafts')}
        </Button>
        <ReviewSchedule batchId={batch.batchId} drafts={batch.drafts} />
      </div>
      <RepeatWarnings repeats={repeats} items={items} onSelect={(group) => select(group)} />
      <div className="review-selection" role="toolbar" aria-label="Selected Pins">
        <label className="check">
          <input
            type="checkbox"
            checked={all}
            ref={(el) => {
              if (el) el.indeterminate = selected.length > 0 && !all
            }}
            onChange={(e) => select(e.target.checked ? batch.ids : [])}
          />
          Select all
        </label>
        <span className="selection-count">{formatCount(selected.length)} selected</span>
        <Button
          icon={Send}
          disabled={selectedDrafts.length === 0}
          onClick={() => void publishItems({ ids: selectedDrafts })}
        >
          Publish selected
        </Button>
        <Button
          icon={GalleryHorizontalEnd}
          disabled={!joinable}
          aria-describedby="carousel-rule"
          onClick={() =>
            void makeCarousel(selected).then((itemId) => {
              if (itemId === null) return
              select([])
              setEditingId(itemId)
            })
          }
        >
          Make a carousel
        </Button>
        <span id="carousel-rule" className="hint review-rule">
          2 to 5 images
        </span>
        {selected.length > 0 ? (
          <IconButton icon={X} label="Clear the selection" onClick={() => select([])} />
        ) : null}
      </div>
      <div className="review-body">
        <div className="review-main">
          <ul className="review-grid" aria-label={`Pins of ${batch.name}`}>
            {visible.map((item) => (
              <PinCard
                key={item.id}
                item={item}
                selected={picked.has(item.id)}
                editing={item.id === editingId}
                sameTitle={repeatMap.get(item.id)?.title ?? 0}
                sameLink={repeatMap.get(item.id)?.link ?? 0}
                onSelect={toggle}
                onOpen={open}
              />
            ))}
          </ul>
          {pins.length > visible.length ? (
            <Button onClick={() => setShown((n) => n + PAGE)}>
              Show {formatCount(Math.min(PAGE, pins.length - visible.length))} more (
              {formatCount(visible.length)} of {formatCount(pins.length)} shown)
            </Button>
          ) : null}
        </div>
        <div className="review-side">
          {selected.length > 0 ? <BulkEditor ids={selected} /> : null}
          {editing !== undefined ? (
            <PinEditor item={editing} onClose={() => setEditingId(null)} />
          ) : selected.length === 0 ? (
            <p className="hint review-tip">
              Choose a Pin to edit it, or select several to set a field on all of them at once.
            </p>
          ) : null}
        </div>
      </div>
    </section>
  )
}
