import { Field } from '../../components/field'
import { LimitCounter } from './limit-counter'
import { TEXT_FIELDS, type TextField } from './review-fields'

/** Description and alt text run to hundreds of characters: they get a few lines to be read in. */
const MULTILINE: ReadonlySet<TextField> = new Set(['description', 'altText'])

/**
 * One of a Pin's text fields with its live counter, and any problem in words below it. The counter is the
 * field's description (read with it), not a live region: announcing every keystroke would drown the typing.
 */
export function TextInput({
  field,
  value,
  onChange,
  problem,
  label,
}: {
  field: TextField
  value: string
  onChange: (v: string) => void
  problem?: string | null | undefined
  label?: string
}) {
  const name = label ?? TEXT_FIELDS.find((f) => f.field === field)!.label
  return (
    <Field
      label={name}
      hint={
        <>
          <LimitCounter field={field} value={value} />
          {problem ? <span className="error-text"> {problem}</span> : null}
        </>
      }
    >
      {(control) =>
        MULTILINE.has(field) ? (
          <textarea
            {...control}
            rows={field === 'description' ? 4 : 2}
            value={value}
            aria-invalid={problem ? true : undefined}
            onChange={(e) => onChange(e.target.value)}
          />
        ) : (
          <input
            {...control}
            type={field === 'link' ? 'url' : 'text'}
            value={value}
            aria-invalid={problem ? true : undefined}
            onChange={(e) => onChange(e.target.value)}
          />
        )
      }
    </Field>
  )
}
