import { PIN_LIMITS } from '../../../../shared/limits'

/** The text fields of a Pin the review screen edits, with Pinterest's limits (docs/pinterest-api.md §3.1). */
export type TextField = keyof typeof PIN_LIMITS

/** Each text field's label, in the order the editor shows them. */
export const TEXT_FIELDS: readonly { field: TextField; label: string }[] = [
  { field: 'title', label: 'Title' },
  { field: 'description', label: 'Description' },
  { field: 'link', label: 'Link' },
  { field: 'altText', label: 'Alt text' },
]

/** How long a value is as the API counts it (UTF-16 code units, see src/shared/limits.ts). */
export function lengthOf(value: string): number {
  return value.length
}

/** "Title is 112 characters; Pinterest takes at most 100." or null when the value fits. */
function overLimit(field: TextField, value: string): string | null {
  const max = PIN_LIMITS[field]
  const n = lengthOf(value)
  if (n <= max) return null
  const label = TEXT_FIELDS.find((f) => f.field === field)!.label
  return `${label} is ${n.toLocaleString('en-US')} characters; Pinterest takes at most ${max.toLocaleString('en-US')}.`
}

/** A link must be an http(s) URL for Pinterest to take it; empty means no link. */
function linkProblem(link: string): string | null {
  const t = link.trim()
  if (t === '') return null
  try {
    const u = new URL(t)
    if (u.protocol === 'http:' || u.protocol === 'https:') return null
  } catch {
    // Not a URL at all: the same words as a wrong scheme.
  }
  return 'The link must start with https:// or http://.'
}

const pad = (n: number) => String(n).padStart(2, '0')

/** Epoch ms → the local "YYYY-MM-DDTHH:mm" a datetime-local input shows; undefined → "". */
export function toLocalInput(ms: number | undefined): string {
  if (ms === undefined) return ''
  const d = new Date(ms)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/** A datetime-local value (local time) → epoch ms; "" → null (publish when published); bad text → undefined. */
export function fromLocalInput(value: string): number | null | undefined {
  if (value.trim() === '') return null
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim())
  if (!m) return undefined
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number]
  const date = new Date(y, mo - 1, d, h, mi)
  // Reject dates the calendar does not have (Feb 30 rolls over into March).
  if (date.getMonth() !== mo - 1 || date.getDate() !== d) return undefined
  return date.getTime()
}

/** The first problem with a text field's value, in words, or null when Pinterest would take it. */
export function textProblem(field: TextField, value: string): string | null {
  return overLimit(field, value) ?? (field === 'link' ? linkProblem(value) : null)
}
