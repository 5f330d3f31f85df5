import { useEffect, useRef, type Dispatch, type SetStateAction } from 'react'
import { Plus, X } from 'lucide-react'
import { MAX_BOARDS_PER_ADD } from '../../../../shared/limits'
import { BoardPicker } from '../../components/board-picker'
import type { BoardChoice } from '../../components/board-options'
import { Button, IconButton } from '../../components/button'
import { Field } from '../../components/field'

export interface PlanFieldsValue {
  /** Boards after the first: one more Pin of every file on each (issue 13, point 4). */
  more: BoardChoice[]
  /** Between one file's Pins on successive boards, as typed ("2h"). */
  interval: string
  /** The Pins' link (templates allowed); the UTM campaign is added to it. */
  link: string
  /** utm_campaign for every link (issue 13, point 3). */
  utm: string
}

/**
 * The New batch sheet's planning fields under the first board: more boards (each with its own section) with
 * the interval between them, and the UTM campaign. Ad-only Pins go to no board, so they take no more boards.
 * Every change goes through an updater of the latest plan, so two changes in one event both hold.
 */
export function PlanFields({
  value,
  onChange,
  adOnly,
  intervalError,
  boardsError,
}: {
  value: PlanFieldsValue
  onChange: Dispatch<SetStateAction<PlanFieldsValue>>
  adOnly: boolean
  intervalError: string | undefined
  /** What keeps the boards from being queued (an empty picker, too many boards). */
  boardsError: string | undefined
}) {
  const boxes = useRef<(HTMLDivElement | null)[]>([])
  const addButton = useRef<HTMLButtonElement>(null)
  // After "Remove board N" the focus goes to the picker before it, or to "Add another board" for board 2
  // (the removed button took the focus with it).
  const focusAfterRemove = useRef<number | null>(null)
  useEffect(() => {
    const i = focusAfterRemove.current
    if (i === null) return
    focusAfterRemove.current = null
    const target = i > 0 ? boxes.current[i - 1]?.querySelector('input') : addButton.current
    target?.focus()
  }, [value.more.length])
  const setChoice = (i: number, c: BoardChoice) =>
    onChange((p) => ({ ...p, more: p.more.map((m, j) => (j === i ? c : m)) }))
  const remove = (i: number) => {
    onChange((p) => ({ ...p, more: p.more.filter((_, j) => j !== i) }))
    focusAfterRemove.current = i
  }
  const full = value.more.length + 1 >= MAX_BOARDS_PER_ADD
  return (
    <>
      {adOnly
        ? null
        : value.more.map((choice, i) => (
            <div
              className="new-batch-more-board"
              key={i}
              ref={(el) => {
                boxes.current[i] = el
              }}
            >
              <BoardPicker
                value={choice}
                onChange={(c) => setChoice(i, c)}
                label={`Board ${i + 2}`}
                remember={false}
              />
              <IconButton icon={X} label={`Remove board ${i + 2}`} onClick={() => remove(i)} />
            </div>
          ))}
      {adOnly ? null : (
        <Button
          ref={addButton}
          icon={Plus}
          disabled={full}
          onClick={() => onChange((p) => ({ ...p, more: [...p.more, {}] }))}
        >
          Add another board
        </Button>
      )}
      {!adOnly && full ? (
        <p className="hint">{`One batch posts to at most ${MAX_BOARDS_PER_ADD} boards.`}</p>
      ) : null}
      {!adOnly && boardsError !== undefined ? (
        <p className="error-text" role="alert" data-testid="boards-error">
          {boardsError} Nothing is queued until it is fixed.
        </p>
      ) : null}
      {!adOnly && value.more.length > 0 ? (
        <Field
          label="Interval between boards"
          hint="The first board’s Pin goes at the file’s time, the next one this much later: 30m, 2h, 3d."
          error={
            intervalError !== undefined ? `${intervalError} Nothing is queued until it is fixed.` : undefined
          }
          errorTestId="interval-error"
        >
          {(c) => (
            <input
              {...c}
              value={value.interval}
              placeholder="2h"
              aria-invalid={intervalError !== undefined}
              onChange={(e) => {
                const interval = e.target.value
                onChange((p) => ({ ...p, interval }))
              }}
            />
          )}
        </Field>
      ) : null}
      <Field label="Link" hint="Where each Pin leads; {name} and the other placeholders work here too.">
        {(c) => (
          <input
            {...c}
            type="url"
            value={value.link}
            onChange={(e) => {
              const link = e.target.value
              onChange((p) => ({ ...p, link }))
            }}
          />
        )}
      </Field>
      <Field
        label="UTM campaign"
        hint="Adds utm_source, utm_medium, utm_campaign and utm_content to each link."
      >
        {(c) => (
          <input
            {...c}
            value={value.utm}
            onChange={(e) => {
              const utm = e.target.value
              onChange((p) => ({ ...p, utm }))
            }}
          />
        )}
      </Field>
    </>
  )
}
