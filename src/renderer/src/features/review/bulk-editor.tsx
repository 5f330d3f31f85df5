import { useId, useState } from 'react'
import { PenLine } from 'lucide-react'
import { BoardPicker } from '../../components/board-picker'
import { Button } from '../../components/button'
import { Field } from '../../components/field'
import { formatCount } from '../../lib/format'
import { editItems } from './review-actions'
import { TEXT_FIELDS, textProblem } from './review-fields'
import { bulkPatch, isTextField, type BulkField } from './review-patch'
import { TextInput } from './text-input'

/** The picker's own value type, whichever module declares it. */
type BoardChoice = Parameters<typeof BoardPicker>[0]['value']

const CHOICES: readonly { value: BulkField; label: string }[] = [
  ...TEXT_FIELDS.map((f) => ({ value: f.field, label: f.label })),
  { value: 'board', label: 'Board' },
  { value: 'publishAt', label: 'Publish time' },
]

/** Sets one field on all the selected Pins at once ("Set on 12 Pins"). */
export function BulkEditor({ ids }: { ids: readonly number[] }) {
  const [field, setField] = useState<BulkField>('title')
  const [text, setText] = useState('')
  const [board, setBoard] = useState<BoardChoice>({})
  const [when, setWhen] = useState('')
  const [saving, setSaving] = useState(false)
  const selectId = useId()
  const patch = bulkPatch(field, text, board, when)
  const label = CHOICES.find((c) => c.value === field)!.label
  return (
    <form
      className="bulk-editor"
      aria-label="Edit the selected Pins"
      data-testid="bulk-editor"
      onSubmit={(e) => {
        e.preventDefault()
        if (typeof patch !== 'object' || ids.length === 0) return
        setSaving(true)
        void editItems(ids, patch, `${label} set`).finally(() => setSaving(false))
      }}
    >
      <div className="field">
        <label htmlFor={selectId} className="field-label">
          Field to set
        </label>
        <select id={selectId} value={field} onChange={(e) => setField(e.target.value as BulkField)}>
          {CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </div>
      {isTextField(field) ? (
        <TextInput
          field={field}
          label={`New ${label.toLowerCase()}`}
          value={text}
          onChange={setText}
          problem={textProblem(field, text)}
        />
      ) : field === 'board' ? (
        <BoardPicker value={board} onChange={setBoard} label="New board" />
      ) : (
        <Field label="New publish time" hint="Empty: as soon as they are published.">
          {(control) => (
            <input
              {...control}
              type="datetime-local"
              value={when}
              onChange={(e) => setWhen(e.target.value)}
            />
          )}
        </Field>
      )}
      {typeof patch === 'string' && !isTextField(field) ? <p className="error-text">{patch}</p> : null}
      <Button
        type="submit"
        variant="primary"
        icon={PenLine}
        disabled={typeof patch !== 'object' || ids.length === 0 || saving}
      >
        Set on {formatCount(ids.length)} {ids.length === 1 ? 'Pin' : 'Pins'}
      </Button>
    </form>
  )
}
