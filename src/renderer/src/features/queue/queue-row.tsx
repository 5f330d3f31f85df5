import { memo, type MouseEvent } from 'react'
import { ExternalLink, Film, Image, RotateCcw, SendHorizontal, Trash2, X } from 'lucide-react'
import type { ItemState, ItemView } from '../../../../shared/domain'
import { CANCELLABLE_STATES, MOVING_STATES, RETRYABLE_STATES } from '../../../../shared/item-states'
import { IconButton } from '../../components/button'
import { ProgressBar } from '../../components/progress-bar'
import { StatusPill } from '../../components/status-pill'
import { describeItemError } from '../../lib/error-words'
import { formatBytes } from '../../lib/format'
import { keepFocusInLine } from '../../lib/focus'
import { useStore } from '../../store/store'
import { accountLabel } from './account-label'
import { cancelItem, openPin, removeWithUndo, retryItem } from './queue-actions'
import { useItemPicture } from './use-thumbnail'

/** Fixed row height in px: keeps the virtualizer exact and the list calm. */
export const ROW_HEIGHT = 56

const RETRYABLE: ReadonlySet<ItemState> = new Set(RETRYABLE_STATES)
const CANCELLABLE: ReadonlySet<ItemState> = new Set(CANCELLABLE_STATES)
const MOVING: ReadonlySet<ItemState> = new Set(MOVING_STATES)

export const MEDIA_WORDS = {
  registered: 'Video registered',
  processing: 'Pinterest is processing the video',
  succeeded: 'Video processed',
  failed: 'Video processing failed',
} as const

/** Bytes move only while uploading: the bar shows then, and goes when there is nothing to watch. */
const isTransferring = (it: ItemView) =>
  it.bytesTotal > 0 && (it.state === 'uploading' || (MOVING.has(it.state) && it.bytesSent < it.bytesTotal))

function Detail({ item }: { item: ItemView }) {
  // A published item's only error is its Pin found removed on Pinterest (pipeline/read-back.ts).
  if (item.error && (item.state !== 'published' || item.error.kind === 'not_found')) {
    const w = describeItemError(item.error)
    const full = `${w.heading}: ${w.message}${w.fix !== undefined ? ` ${w.fix}` : ''}`
    return (
      <p className={`row-detail row-error row-error-${item.state}`} data-testid="item-error" title={full}>
        <strong>{w.heading}:</strong> {w.message}
        {w.fix !== undefined ? <span className="row-fix"> — {w.fix}</span> : null}
      </p>
    )
  }
  if (isTransferring(item))
    return (
      <p className="row-detail row-bytes">
        {formatBytes(item.bytesSent)} / {formatBytes(item.bytesTotal)}
      </p>
    )
  const media =
    item.kind === 'video' && item.mediaStatus !== undefined && item.state !== 'published'
      ? MEDIA_WORDS[item.mediaStatus]
      : undefined
  return (
    <p className="row-detail">
      {media ?? (item.bytesTotal > 0 ? formatBytes(item.bytesTotal) : (item.url ?? ''))}
      {item.attempts > 1 ? ` · attempt ${item.attempts}` : ''}
    </p>
  )
}

function Thumb({ item }: { item: ItemView }) {
  const src = useItemPicture(item)
  if (src) return <img className="thumb" src={src} alt="" />
  const Icon = item.kind === 'video' ? Film : Image
  return (
    <span className="thumb thumb-placeholder" aria-hidden="true">
      <Icon size={18} />
    </span>
  )
}

/** Retry, Cancel and Post anyway go from the row once the item moves on (lib/focus.ts). */
const keepFocusInRow = (e: MouseEvent<HTMLElement>) => keepFocusInLine(e.currentTarget)

function Actions({ item, tab }: { item: ItemView; tab: number }) {
  const { id, name } = item
  return (
    <div className="row-actions">
      {item.pinUrl !== undefined ? (
        <IconButton
          tabIndex={tab}
          icon={ExternalLink}
          label={`Open the Pin of ${name}`}
          onClick={() => void openPin(item.pinUrl!)}
        />
      ) : null}
      {item.state === 'skipped' ? (
        <IconButton
          tabIndex={tab}
          icon={SendHorizontal}
          label={`Post ${name} anyway`}
          onClick={(e) => {
            keepFocusInRow(e)
            void retryItem(id, true)
          }}
        />
      ) : RETRYABLE.has(item.state) ? (
        <IconButton
          tabIndex={tab}
          icon={RotateCcw}
          label={`Retry ${name}`}
          onClick={(e) => {
            keepFocusInRow(e)
            void retryItem(id)
          }}
        />
      ) : null}
      {CANCELLABLE.has(item.state) && item.state !== 'failed' ? (
        <IconButton
          tabIndex={tab}
          icon={X}
          label={`Cancel ${name}`}
          onClick={(e) => {
            keepFocusInRow(e)
            void cancelItem(id)
          }}
        />
      ) : null}
      {item.state !== 'creating' && !MOVING.has(item.state) ? (
        <IconButton
          tabIndex={tab}
          icon={Trash2}
          label={`Remove ${name}`}
          variant="danger"
          onClick={() => removeWithUndo([id], `Removed ${name}.`)}
        />
      ) : null}
    </div>
  )
}

/** How a click picks rows: plain = this one, shift = a range from the anchor, ⌘/Ctrl = add or drop one. */
export type PickMode = 'one' | 'range' | 'toggle'

const pickModeOf = (e: MouseEvent): PickMode =>
  e.shiftKey ? 'range' : e.metaKey || e.ctrlKey ? 'toggle' : 'one'

/** A compact row: thumbnail, name and one line of detail, state as icon + word, progress while moving. */
export const QueueRow = memo(function QueueRow({
  id,
  top,
  onPick,
  active,
  onActivate,
  accountsInBoth,
}: {
  id: number
  /**
   * Set when more than one account has items: each row names its own (issue 15), with the environment for a
   * sandbox account or a username in both environments (these).
   */
  accountsInBoth?: ReadonlySet<string> | undefined
  /** Offset from the top of the list, px. */
  top: number
  onPick: (id: number, mode: PickMode) => void
  /** The list's one tab stop is on this row (queue-list.tsx); its actions are then reachable by Tab. */
  active: boolean
  onActivate: (key: string) => void
}) {
  const item = useStore((s) => s.items[id])
  const selected = useStore((s) => s.selected[id] === true)
  // Main may send only the board id; the boards listed this session name it, whichever account listed them.
  const boardName = useStore((s) => {
    const it = s.items[id]
    return it?.boardName ?? (it?.boardId !== undefined ? s.boardNames[it.boardId] : undefined)
  })
  if (!item) return null
  return (
    <div
      className={`queue-row state-${item.state}${selected ? ' is-selected' : ''}`}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
      role="listitem"
      tabIndex={active ? 0 : -1}
      data-key={String(id)}
      data-item-id={id}
      data-state={item.state}
      onFocus={() => onActivate(String(id))}
      onClick={(e) => {
        if ((e.target as HTMLElement).closest('button, input, a') !== null) return
        onPick(id, pickModeOf(e))
      }}
    >
      <input
        type="checkbox"
        className="row-check"
        checked={selected}
        aria-label={`Select ${item.name}`}
        tabIndex={-1}
        onChange={() => undefined}
        onClick={(e) => onPick(id, e.shiftKey ? 'range' : 'toggle')}
      />
      <Thumb item={item} />
      <div className="row-main">
        <p className="row-title">
          <span className="row-name" title={item.path ?? item.url ?? item.name}>
            {item.name}
          </span>
          {boardName !== undefined ? <span className="row-board">on {boardName}</span> : null}
          {accountsInBoth && item.account !== undefined ? (
            <span className="row-board row-account">as {accountLabel(item, accountsInBoth)}</span>
          ) : null}
        </p>
        <Detail item={item} />
      </div>
      <div className="row-progress">
        {isTransferring(item) ? (
          <ProgressBar
            value={item.bytesSent}
            max={item.bytesTotal}
            label={`Upload progress of ${item.name}`}
          />
        ) : null}
      </div>
      <StatusPill state={item.state} testId="item-state" />
      <Actions item={item} tab={active ? 0 : -1} />
    </div>
  )
})
