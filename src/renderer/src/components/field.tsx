import { useId, type ReactNode } from 'react'

/** Props a control gets from its Field: its id and the id of the hint that describes it. */
export interface FieldControl {
  id: string
  'aria-describedby'?: string
}

/**
 * A label, its control, an optional hint and an optional error, tied together by ids (the label names the
 * control; the hint and the error describe it, so a screen reader reads the error with the field).
 */
export function Field({
  label,
  hint,
  error,
  errorTestId,
  children,
}: {
  label: string
  hint?: ReactNode
  error?: ReactNode
  errorTestId?: string
  children: (control: FieldControl) => ReactNode
}) {
  const id = useId()
  const hintId = `${id}-hint`
  const errorId = `${id}-error`
  const describedBy = [hint !== undefined ? hintId : null, error !== undefined ? errorId : null]
    .filter((x) => x !== null)
    .join(' ')
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {children(describedBy !== '' ? { id, 'aria-describedby': describedBy } : { id })}
      {hint !== undefined ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      {error !== undefined ? (
        <p id={errorId} className="error-text" role="alert" data-testid={errorTestId}>
          {error}
        </p>
      ) : null}
    </div>
  )
}
