import { CloudOff, PenLine, RotateCcw, Send, Trash2, X } from 'lucide-react'
import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { Button, IconButton } from '../../components/button'
import { formatCount, plural } from '../../lib/format'
import { actions, useStore } from '../../store/store'
import {
  cancellable,
  cancelMany,
  publishable,
  publishDrafts,
  removable,
  removeWithUndo,
  retryable,
  retryMany,
} from './queue-actions'
import { UnpublishSheet, UpdateSheet } from './pin-op-sheets'

/** What can be done to the selected rows at once; each button says how many it will touch. */
export function SelectionBar() {
  const ids = useStore(
    useShallow((s) =>
      Object.keys(s.selected)
        .map(Number)
        .filter((id) => s.items[id] !== undefined),
    ),
  )
  // Recounted with the items, so a row that moves on while selected changes the numbers.
  const items = useStore((s) => s.items)
  const [sheet, setSheet] = useState<{ kind: 'update' | 'unpublish'; ids: number[] } | null>(null)
  const open = sheet ? (
    sheet.kind === 'update' ? (
      <UpdateSheet ids={sheet.ids} onClose={() => setSheet(null)} />
    ) : (
      <UnpublishSheet ids={sheet.ids} onClose={() => setSheet(null)} />
    )
  ) : null
  if (ids.length < 2) return open
  // On Pinterest: published, and not found removed there (pipeline/read-back.ts) or unpublished.
  const onPinterest = ids.filter((id) => {
    const it = items[id]
    return it?.state === 'published' && it.pinId !== undefined && it.error === undefined
  })
  const retry = retryable(ids)
  const cancel = cancellable(ids)
  const remove = removable(ids)
  const publish = publishable(ids)
  return (
    <div className="selection-bar" role="toolbar" aria-label="Selected items">
      <span className="selection-count">{formatCount(ids.length)} selected</span>
      {publish.length > 0 ? (
        <Button icon={Send} onClick={() => void publishDrafts({ ids: publish })}>
          Publish {formatCount(publish.length)} selected
        </Button>
      ) : null}
      <Button icon={RotateCcw} disabled={retry.length === 0} onClick={() => void retryMany(retry)}>
        Retry {formatCount(retry.length)}
      </Button>
      <Button icon={X} disabled={cancel.length === 0} onClick={() => void cancelMany(cancel)}>
        Cancel {formatCount(cancel.length)}
      </Button>
      <Button
        icon={Trash2}
        variant="danger"
        disabled={remove.length === 0}
        onClick={() => removeWithUndo(remove, `Removed ${plural(remove.length, 'item', 'items')}.`)}
      >
        Remove {formatCount(remove.length)}
      </Button>
      <Button
        icon={PenLine}
        disabled={onPinterest.length === 0}
        onClick={() => setSheet({ kind: 'update', ids: onPinterest })}
      >
        Update…
      </Button>
      <Button
        icon={CloudOff}
        variant="danger"
        disabled={onPinterest.length === 0}
        onClick={() => setSheet({ kind: 'unpublish', ids: onPinterest })}
      >
        Remove {formatCount(onPinterest.length)} from Pinterest…
      </Button>
      <IconButton icon={X} label="Clear the selection" onClick={() => actions().select([], null)} />
      {open}
    </div>
  )
}
