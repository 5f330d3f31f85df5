import { Copy, ExternalLink, Film, Image, RotateCcw } from 'lucide-react'
import type { ItemView } from '../../../../shared/domain'
import { RETRYABLE_STATES } from '../../../../shared/item-states'
import { Button, IconButton } from '../../components/button'
import { Sheet } from '../../components/sheet'
import { StatusPill } from '../../components/status-pill'
import { describeItemError } from '../../lib/error-words'
import { formatBytes } from '../../lib/format'
import { queueActiveLine, refocusWhenGone } from '../../lib/focus'
import { actions, useStore } from '../../store/store'
import { openPin, retryItem } from './queue-actions'
import { MEDIA_WORDS } from './queue-row'
import { PinFacts } from './pin-facts'
import { useItemPicture } from './use-thumbnail'
import { convertedNote } from '../media/converted-note'
import { CoverPicker } from '../media/cover-picker'

function copy(text: string, what: string): void {
  navigator.clipboard.writeText(text).then(
    () => actions().pushToast('success', `${what} copied.`),
    () =>
      actions().pushToast('error', `Could not copy: select the ${what.toLowerCase()} and copy it by hand.`),
  )
}

function Preview({ item }: { item: ItemView }) {
  const src = useItemPicture(item)
  if (src) return <img className="inspector-preview" src={src} alt={`Preview of ${item.name}`} />
  const Icon = item.kind === 'video' ? Film : Image
  return (
    <div className="inspector-preview inspector-preview-empty" aria-hidden="true">
      <Icon size={32} />
    </div>
  )
}

function ErrorDetails({ item }: { item: ItemView }) {
  // A published item's only error is its Pin found removed on Pinterest (pipeline/read-back.ts).
  if (!item.error || (item.state === 'published' && item.error.kind !== 'not_found')) return null
  const w = describeItemError(item.error)
  return (
    <div className="inspector-error" data-testid="inspector-error">
      <p>
        <strong>{w.heading}</strong>
      </p>
      <p>{w.message}</p>
      {w.fix !== undefined ? <p className="inspector-fix">{w.fix}</p> : null}
      {w.requestId !== undefined ? (
        <p className="inspector-rid">
          Request id <code>{w.requestId}</code>
          <IconButton
            icon={Copy}
            label="Copy the request id"
            onClick={() => copy(w.requestId!, 'Request id')}
          />
        </p>
      ) : null}
    </div>
  )
}

/** Everything about one item: preview, where it comes from and goes, the full error, and what to do. */
export function Inspector() {
  const item = useStore((s) => (s.inspectedId !== null ? s.items[s.inspectedId] : undefined))
  const boardName = useStore((s) =>
    item?.boardId !== undefined ? (item.boardName ?? s.boardNames[item.boardId]) : undefined,
  )
  if (!item) return null
  const media =
    item.kind === 'video' && item.mediaStatus !== undefined ? MEDIA_WORDS[item.mediaStatus] : undefined
  return (
    <Sheet
      title={item.name}
      onClose={() => actions().inspect(null)}
      testId="inspector"
      returnFocus={queueActiveLine}
    >
      <Preview item={item} />
      <StatusPill state={item.state} />
      <ErrorDetails item={item} />
      <dl className="inspector-facts">
        <dt>File</dt>
        <dd>
          <code>{item.path ?? item.url ?? item.name}</code>
        </dd>
        {item.batchLabel !== undefined ? (
          <>
            <dt>Batch</dt>
            <dd>{item.batchLabel}</dd>
          </>
        ) : null}
        {item.account !== undefined ? (
          <>
            {/* Always here, with its environment, though the rows name it only beside another (issue 15). */}
            <dt>Account</dt>
            <dd>
              @{item.account} ({item.accountEnvironment ?? 'production'})
            </dd>
          </>
        ) : null}
        {boardName !== undefined ? (
          <>
            <dt>Board</dt>
            <dd>{boardName}</dd>
          </>
        ) : null}
        {item.title !== undefined ? (
          <>
            <dt>Title</dt>
            <dd>{item.title}</dd>
          </>
        ) : null}
        {item.bytesTotal > 0 ? (
          <>
            <dt>Size</dt>
            <dd>{formatBytes(item.bytesTotal)}</dd>
          </>
        ) : null}
        {item.convertedFrom !== undefined ? (
          <>
            <dt>Sent as</dt>
            <dd data-testid="inspector-converted">{convertedNote(item.convertedFrom)}</dd>
          </>
        ) : null}
        {media !== undefined ? (
          <>
            <dt>Video</dt>
            <dd>{media}</dd>
          </>
        ) : null}
        <dt>Attempts</dt>
        <dd>{item.attempts}</dd>
      </dl>
      <PinFacts item={item} />
      <CoverPicker item={item} />
      <div className="inspector-actions">
        {RETRYABLE_STATES.includes(item.state) && item.state !== 'skipped' ? (
          <Button
            variant="primary"
            icon={RotateCcw}
            onClick={(e) => {
              // The button goes once the item is back in the queue: the panel's heading keeps the focus.
              const sheet = e.currentTarget.closest('.sheet')
              refocusWhenGone(e.currentTarget, () => sheet?.querySelector<HTMLElement>('h2'))
              void retryItem(item.id)
            }}
          >
            Retry
          </Button>
        ) : null}
        {item.pinUrl !== undefined ? (
          <Button icon={ExternalLink} onClick={() => void openPin(item.pinUrl!)}>
            Open Pin
          </Button>
        ) : null}
      </div>
    </Sheet>
  )
}
