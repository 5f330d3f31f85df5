import { useEffect, useRef, useState } from 'react'
import { RotateCcw, Save, Undo2 } from 'lucide-react'
import type { ItemView } from '../../../../shared/domain'
import { EDITABLE_STATES } from '../../../../shared/item-states'
import { Banner } from '../../components/banner'
import { BoardPicker } from '../../components/board-picker'
import { Button } from '../../components/button'
import { Field } from '../../components/field'
import { Sheet } from '../../components/sheet'
import { describeItemError } from '../../lib/error-words'
import { CoverPicker } from '../media/cover-picker'
import { retryItem } from '../queue/queue-actions'
import { editItems } from './review-actions'
import { TEXT_FIELDS, textProblem, toLocalInput } from './review-fields'
import { patchOf, textsOf, type Texts } from './review-patch'
import { TextInput } from './text-input'

/** The picker's own value type, whichever module declares it. */
type BoardChoice = Parameters<typeof BoardPicker>[0]['value']

const boardOf = (item: ItemView): BoardChoice => ({
  ...(item.boardId !== undefined && { boardId: item.boardId }),
  ...(item.boardSectionId !== undefined && { boardSectionId: item.boardSectionId }),
})

function Form({ item }: { item: ItemView }) {
  const [texts, setTexts] = useState<Texts>(() => textsOf(item))
  const [board, setBoard] = useState<BoardChoice>(() => boardOf(item))
  const [when, setWhen] = useState(() => toLocalInput(item.publishAt))
  const [saving, setSaving] = useState(false)
  const [shown, setShown] = useState(item.updatedAt)
  const revert = () => {
    setTexts(textsOf(item))
    setBoard(boardOf(item))
    setWhen(toLocalInput(item.publishAt))
  }
  // Stored anew (this save, a bulk edit): the fields show what main now holds. Reset while rendering, not
  // by remounting, so the field the keyboard is in keeps the focus.
  if (shown !== item.updatedAt) {
    setShown(item.updatedAt)
    revert()
  }
  const patch = patchOf(item, texts, board, when)
  const changed = typeof patch === 'object' && Object.keys(patch).length > 0
  return (
    <form
      className="pin-editor"
      aria-label={`Edit ${item.name}`}
      onSubmit={(e) => {
        e.preventDefault()
        if (typeof patch !== 'object' || !changed) return
        setSaving(true)
        void editItems([item.id], patch, `Saved ${item.name}`).finally(() => setSaving(false))
      }}
    >
      {TEXT_FIELDS.map(({ field }) => (
        <TextInput
          key={field}
          field={field}
          value={texts[field]}
          onChange={(v) => setTexts((t) => ({ ...t, [field]: v }))}
          problem={textProblem(field, texts[field])}
        />
      ))}
      <BoardPicker value={board} onChange={setBoard} />
      <Field label="Publish time" hint="Empty: as soon as it is published.">
        {(control) => (
          <input {...control} type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} />
        )}
      </Field>
      {typeof patch === 'string' &&
      !TEXT_FIELDS.some((f) => textProblem(f.field, texts[f.field]) !== null) ? (
        <p className="error-text">{patch}</p>
      ) : null}
      <div className="form-actions">
        <Button type="submit" variant="primary" icon={Save} disabled={!changed || saving}>
          Save
        </Button>
        <Button icon={Undo2} disabled={saving} onClick={revert}>
          Revert
        </Button>
      </div>
    </form>
  )
}

/**
 * A failed Pin (or one waiting for the user) says why, and goes again with its edited words from here: the
 * issue asks that a failed item's text can be fixed before the retry.
 */
function Trouble({ item }: { item: ItemView }) {
  if ((item.state !== 'failed' && item.state !== 'needs_attention') || !item.error) return null
  const words = describeItemError(item.error)
  return (
    <Banner
      tone={item.state === 'failed' ? 'danger' : 'warning'}
      live="status"
      action={
        <Button icon={RotateCcw} onClick={() => void retryItem(item.id)}>
          Retry
        </Button>
      }
    >
      <strong>{words.heading}</strong> {words.message}
      {words.fix !== undefined ? <> {words.fix}</> : null}
    </Banner>
  )
}

/** The editor of one Pin beside the grid. */
export function PinEditor({ item, onClose }: { item: ItemView; onClose: () => void }) {
  const box = useRef<HTMLDivElement>(null)
  // Opening a Pin takes the keyboard to its first field (Escape in the panel gives it back to the card).
  useEffect(() => {
    box.current?.querySelector<HTMLElement>('input, textarea')?.focus()
  }, [item.id])
  return (
    <Sheet title={`Edit ${item.name}`} onClose={onClose} testId="pin-editor">
      <div ref={box} className="pin-editor-box">
        {EDITABLE_STATES.includes(item.state) ? (
          <>
            <Trouble item={item} />
            <Form key={item.id} item={item} />
            {/* A video's cover: its own frames on a scrubber, saved on their own (the media feature's picker). */}
            <CoverPicker item={item} />
          </>
        ) : (
          <p className="hint">This Pin is on its way to Pinterest and can no longer be edited.</p>
        )}
      </div>
    </Sheet>
  )
}
