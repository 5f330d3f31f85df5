import type { CSSProperties } from 'react'
import type { ItemState, ItemView } from '../../../../shared/domain'
import { describeItemError } from '../../lib/error-words'
import { formatBytes, isTerminal, STATE_LABELS } from '../../lib/format'
import { RETRYABLE_STATES } from '../../../../shared/item-states'
import { useStore } from '../../store/store'
import { cancelItem, openPin, removeItem, retryItem } from './queue-actions'
import { useThumbnail } from './use-thumbnail'

/** Fixed row height in px: keeps the virtualizer simple and the list calm. */
export const ROW_HEIGHT = 84

const RETRYABLE: ReadonlySet<ItemState> = new Set(RETRYABLE_STATES)

const MEDIA_WORDS = {
  registered: 'video registered',
  processing: 'Pinterest is processing the video',
  succeeded: 'video processed',
  failed: 'video processing failed',
} as const

function Progress({ item }: { item: ItemView }) {
  if (item.bytesTotal === 0) return null
  const done = item.state === 'published' || item.bytesSent >= item.bytesTotal
  return (
    <div className="row-progress">
      <progress max={item.bytesTotal} value={item.bytesSent} aria-label={`Upload progress of ${item.name}`} />
      <span className="row-bytes">
        {done
          ? formatBytes(item.bytesTotal)
          : `${formatBytes(item.bytesSent)} / ${formatBytes(item.bytesTotal)}`}
      </span>
    </div>
  )
}

function ErrorLines({ item }: { item: ItemView }) {
  if (!item.error || item.state === 'published') return null
  const words = describeItemError(item.error)
  const detail = `${words.heading}: ${words.message}`
  return (
    <div className="row-error" data-testid="item-error">
      <p className="row-error-message" title={detail}>
        <strong>{words.heading}:</strong> {words.message}
      </p>
      {words.fix !== undefined || words.requestId !== undefined ? (
        <p className="row-error-fix" title={words.fix}>
          {words.fix}
          {words.requestId !== undefined ? (
            <span className="request-id"> Request id: {words.requestId}</span>
          ) : null}
        </p>
      ) : null}
    </div>
  )
}

function Thumb({ item }: { item: ItemView }) {
  const src = useThumbnail(item.id, item.kind !== 'video' && item.path !== undefined)
  if (src) return <img className="thumb" src={src} alt="" />
  return (
    <span className="thumb thumb-placeholder" aria-hidden="true">
      {item.kind === 'video' ? '▶' : '▢'}
    </span>
  )
}

export function QueueRow({ id, style }: { id: number; style: CSSProperties }) {
  const item = useStore((s) => s.items[id])
  // Main may send only the board id; the boards list names it.
  const boardName = useStore((s) => {
    const it = s.items[id]
    return (
      it?.boardName ??
      (it?.boardId !== undefined ? s.boards.find((b) => b.id === it.boardId)?.name : undefined)
    )
  })
  if (!item) return null
  const terminal = isTerminal(item.state)
  return (
    <div
      className={`queue-row state-${item.state}`}
      style={style}
      role="listitem"
      data-item-id={id}
      data-state={item.state}
    >
      <Thumb item={item} />
      <div className="row-main">
        <div className="row-head">
          <span className="row-name" title={item.path ?? item.url ?? item.name}>
            {item.name}
          </span>
          {boardName !== undefined ? <span className="row-board">on {boardName}</span> : null}
          <span className={`badge badge-${item.state}`} data-testid="item-state">
            {STATE_LABELS[item.state]}
          </span>
          {item.kind === 'video' && item.mediaStatus !== undefined && item.state !== 'published' ? (
            <span className="row-media">{MEDIA_WORDS[item.mediaStatus]}</span>
          ) : null}
          {item.attempts > 1 ? <span className="row-attempts">attempt {item.attempts}</span> : null}
        </div>
        {item.error && item.state !== 'published' ? <ErrorLines item={item} /> : <Progress item={item} />}
      </div>
      <div className="row-actions">
        {item.pinUrl !== undefined ? (
          <button
            type="button"
            className="link-button"
            onClick={() => void openPin(item.pinUrl!)}
            aria-label={`Open the Pin of ${item.name}`}
          >
            Open Pin
          </button>
        ) : null}
        {item.state === 'skipped' ? (
          <button
            type="button"
            onClick={() => void retryItem(id, true)}
            aria-label={`Post ${item.name} anyway`}
          >
            Post anyway
          </button>
        ) : RETRYABLE.has(item.state) ? (
          <button type="button" onClick={() => void retryItem(id)} aria-label={`Retry ${item.name}`}>
            Retry
          </button>
        ) : null}
        {!terminal ? (
          <button type="button" onClick={() => void cancelItem(id)} aria-label={`Cancel ${item.name}`}>
            Cancel
          </button>
        ) : (
          <button type="button" onClick={() => void removeItem(id)} aria-label={`Remove ${item.name}`}>
            Remove
          </button>
        )}
      </div>
    </div>
  )
}
