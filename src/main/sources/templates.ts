import { normaliseHeader } from './csv-columns'

/**
 * Text templates for a Pin's title, description, link and alt text (issue 13): `{name}`, `{folder}`, `{index}`,
 * `{date}`, `{board}` for every source, and `{col:Header}` for any column of a CSV. A template is checked once,
 * before any file is looked at, so an unknown placeholder stops the batch with one message instead of one per
 * file; the expanded text is checked against Pinterest's limits per file by the caller (pin-field-rules.ts).
 */

/** The Pin text fields a template can fill. */
export type TemplateField = 'title' | 'description' | 'link' | 'altText'

const FIELD_LABEL: Record<TemplateField, string> = {
  title: 'Title',
  description: 'Description',
  link: 'Link',
  altText: 'Alt text',
}

const NAMED = ['name', 'folder', 'index', 'date', 'board'] as const
const COLUMN = /^col:(.+)$/s
/**
 * `{{` and `}}` (a literal brace, as in "code {{SPRING}}") or `{…}` with no brace inside, read left to right so
 * `{{name}}` is the literal text `{name}`; a brace left over once these are taken out is an unmatched brace.
 */
const TOKEN = /\{\{|\}\}|\{([^{}]*)\}/g

/** What a template may name beyond the five placeholders: the header of each CSV column (CSV imports only). */
export interface TemplateScope {
  columns?: readonly string[]
}

/**
 * Headers compare as the CSV's column check compares them (csv-columns.ts): case, spaces, `_` and `-` ignored, as
 * people retype them in a template. One rule for both, so a column a template reads is found by it too.
 */
const headerKey = normaliseHeader

/** The placeholders of `template` (`{{`/`}}` are literal braces, not placeholders), each without its braces. */
function placeholders(template: string): string[] {
  return [...template.matchAll(TOKEN)].flatMap((m) => (m[1] === undefined ? [] : [m[1]]))
}

/** The column headers the `{col:…}` placeholders of `text` name, as written. */
export function templateColumnNames(text: string): string[] {
  return placeholders(text).flatMap((key) => {
    const col = COLUMN.exec(key)
    return col ? [col[1] ?? ''] : []
  })
}

/**
 * Why `template` cannot be used for `field` (unknown placeholders, a `{col:…}` naming no column, an unmatched
 * brace), or null. The message names the field and every unknown placeholder, and lists what is allowed.
 */
export function checkTemplate(
  template: string,
  field: TemplateField,
  scope: TemplateScope = {},
): string | null {
  const label = FIELD_LABEL[field]
  const columns = scope.columns ? new Set(scope.columns.map(headerKey)) : undefined
  const unknown = new Set<string>()
  for (const key of placeholders(template)) {
    if ((NAMED as readonly string[]).includes(key)) continue
    const col = COLUMN.exec(key)
    if (col && columns?.has(headerKey(col[1] ?? ''))) continue
    unknown.add(`{${key}}`)
  }
  if (unknown.size > 0) {
    const list = [...unknown].join(', ')
    const allowed = columns
      ? '{name}, {folder}, {index}, {date}, {board} or {col:<column header>} with a header of this CSV'
      : '{name}, {folder}, {index}, {date} or {board}'
    return `${label} template has unknown placeholder${unknown.size > 1 ? 's' : ''} ${list}; use ${allowed}`
  }
  const stripped = template.replace(TOKEN, '')
  if (stripped.includes('{') || stripped.includes('}')) return `${label} template has an unmatched { or }`
  return null
}

/** The values one Pin's templates are filled with. */
export interface TemplateVars {
  /** File name without its extension (a carousel: its folder's name without `.carousel`). */
  name: string
  /** Name of the folder holding the file. */
  folder: string
  /** 1-based position in the batch. */
  index: number
  /** The file's modification time, Unix ms; `{date}` is its local YYYY-MM-DD. */
  mtimeMs: number
  /** Board name, or its id when the name is not known; empty for an ad-only Pin. */
  board: string
  /** The CSV row's cells by header (CSV imports only). */
  cells?: ReadonlyMap<string, string>
}

function localDate(ms: number): string {
  const d = new Date(ms)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}

/** `cells` keyed the way checkTemplate compares headers. */
export function cellsByHeader(
  header: readonly string[],
  cells: readonly (string | undefined)[],
): Map<string, string> {
  const out = new Map<string, string>()
  header.forEach((h, i) => out.set(headerKey(h), cells[i] ?? ''))
  return out
}

/** Fills a template accepted by checkTemplate; the result is trimmed (a missing value leaves no stray space). */
export function renderTemplate(template: string, v: TemplateVars): string {
  return template
    .replace(TOKEN, (whole, key: string | undefined) => {
      if (key === undefined) return whole[0]!
      switch (key) {
        case 'name':
          return v.name
        case 'folder':
          return v.folder
        case 'index':
          return String(v.index)
        case 'date':
          return localDate(v.mtimeMs)
        case 'board':
          return v.board
      }
      const col = COLUMN.exec(key)
      if (col) return v.cells?.get(headerKey(col[1] ?? '')) ?? ''
      return whole
    })
    .trim()
}

/** A field's template, or the first problem of any of them (checked in field order). */
export function checkTemplates(
  templates: Partial<Record<TemplateField, string>>,
  scope: TemplateScope = {},
): string | null {
  for (const field of Object.keys(FIELD_LABEL) as TemplateField[]) {
    const t = templates[field]
    if (t === undefined) continue
    const why = checkTemplate(t, field, scope)
    if (why) return why
  }
  return null
}

/** Every field's template filled for one Pin; fields without a template are left out. */
export function renderTemplates(
  templates: Partial<Record<TemplateField, string>>,
  v: TemplateVars,
): Partial<Record<TemplateField, string>> {
  const out: Partial<Record<TemplateField, string>> = {}
  for (const [field, t] of Object.entries(templates) as [TemplateField, string | undefined][])
    if (t !== undefined) out[field] = renderTemplate(t, v)
  return out
}
