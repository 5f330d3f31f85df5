import { Plus, X } from 'lucide-react'
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
 * The New batch sheet's planning fields under the first board: more boards with the interval between them,
 * and the UTM campaign. Ad-only Pins go to no board, so they take no more boards.
 */
export function PlanFields({
  value,
  onChange,
  adOnly,
  intervalError,
}: {
  value: PlanFieldsValue
  onChange: (v: PlanFieldsValue) => void
  adOnly: boolean
  intervalError: string | undefined
}) {
  const setMore = (more: BoardChoice[]) => onChange({ ...value, more })
  return (
    <>
      {adOnly
        ? null
        : value.more.map((choice, i) => (
            <div className="new-batch-more-board" key={i}>
              <BoardPicker
                value={choice}
                onChange={(c) => setMore(value.more.map((m, j) => (j === i ? c : m)))}
                label={`Board ${i + 2}`}
              />
              <IconButton
                icon={X}
                label={`Remove board ${i + 2}`}
                onClick={() => setMore(value.more.filter((_, j) => j !== i))}
              />
            </div>
          ))}
      {adOnly ? null : (
        <Button icon={Plus} onClick={() => setMore([...value.more, {}])}>
          Add another board
        </Button>
      )}
      {!adOnly && value.more.length > 0 ? (
        <Field
          label="Interval between boards"
          hint="The first board’s Pin goes at the file’s time, the next one this much later: 30m, 2h, 3d."
        >
          {(c) => (
            <input
              {...c}
              value={value.interval}
              placeholder="2h"
              aria-invalid={intervalError !== undefined}
              onChange={(e) => onChange({ ...value, interval: e.target.value })}
            />
          )}
        </Field>
      ) : null}
      {!adOnly && value.more.length > 0 && intervalError !== undefined ? (
        <p className="error-text" role="alert" data-testid="interval-error">
          {intervalError} Nothing is queued until it is fixed.
        </p>
      ) : null}
      <Field label="Link" hint="Where each Pin leads; {name} and the other placeholders work here too.">
        {(c) => (
          <input
            {...c}
            type="url"
            value={value.link}
            onChange={(e) => onChange({ ...value, link: e.target.value })}
          />
        )}
      </Field>
      <Field
        label="UTM campaign"
        hint="Adds utm_source, utm_medium, utm_campaign and utm_content to each link."
      >
        {(c) => (
          <input {...c} value={value.utm} onChange={(e) => onChange({ ...value, utm: e.target.value })} />
        )}
      </Field>
    </>
  )
}
