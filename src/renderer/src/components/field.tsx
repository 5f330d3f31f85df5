import { useId, type ReactNode } from 'react'

/** Props a control gets from its Field: its id and the id of the hint that describes it. */
export interface FieldControl {
  id: string
  'aria-describedby'?: string
}

/** A label, its control and an optional hint, tied together by ids (the label names the control). */
export function Field({
  label,
  hint,
  children,
}: {
  label: string
  hint?: ReactNode
  children: (control: FieldControl) => ReactNode
}) {
  const id = useId()
  const hintId = `${id}-hint`
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {children(hint !== undefined ? { id, 'aria-describedby': hintId } : { id })}
      {hint !== undefined ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
    </div>
  )
}
