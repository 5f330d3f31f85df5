import { PIN_LIMITS } from '../../shared/limits'

/** Text fields of a Pin as sources collect them, before they become `PinMeta`. */
export interface PinText {
  title?: string
  description?: string
  link?: string
  altText?: string
}

/** Checks that a string is an http(s) web address Pinterest will accept; returns the problem or null. */
export function checkWebUrl(value: string, what: string): string | null {
  if (value.length > PIN_LIMITS.link) return `${what} is ${value.length} characters; Pinterest allows at most ${PIN_LIMITS.link}`
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return `${what} '${value}' is not a web address (it must start with http:// or https://)`
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `${what} '${value}' uses ${url.protocol}; only http:// and https:// addresses are allowed`
  }
  if (!url.hostname.includes('.') && url.hostname !== 'localhost' && !url.hostname.startsWith('[')) {
    return `${what} '${value}' has no valid host name`
  }
  return null
}

/**
 * Problems with a Pin's text against Pinterest's limits (lengths in UTF-16 units, as the API counts).
 * Nothing is truncated: a long title is the user's to shorten.
 */
export function checkPinText(t: PinText): string[] {
  const problems: string[] = []
  if (t.title !== undefined && t.title.length > PIN_LIMITS.title) {
    problems.push(`Title is ${t.title.length} characters; Pinterest allows at most ${PIN_LIMITS.title}`)
  }
  if (t.description !== undefined && t.description.length > PIN_LIMITS.description) {
    problems.push(`Description is ${t.description.length} characters; Pinterest allows at most ${PIN_LIMITS.description}`)
  }
  if (t.altText !== undefined && t.altText.length > PIN_LIMITS.altText) {
    problems.push(`Alt text is ${t.altText.length} characters; Pinterest allows at most ${PIN_LIMITS.altText}`)
  }
  if (t.link !== undefined) {
    const p = checkWebUrl(t.link, 'Link')
    if (p) problems.push(p)
  }
  return problems
}

/** Drops undefined and empty-string fields so drafts compare and serialise cleanly. */
export function compact<T extends object>(o: T): T {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== '') out[k] = v
  return out as T
}

const PLACEHOLDERS = ['name', 'folder', 'index', 'date'] as const

/** Returns why a title template is unusable (unknown or unclosed placeholders), or null when it is fine. */
export function checkTitleTemplate(template: string): string | null {
  const unknown = new Set<string>()
  for (const m of template.matchAll(/\{([^{}]*)\}/g)) {
    const key = m[1] ?? ''
    if (!(PLACEHOLDERS as readonly string[]).includes(key)) unknown.add(`{${key}}`)
  }
  if (unknown.size > 0) {
    return `Title template has unknown placeholder${unknown.size > 1 ? 's' : ''} ${[...unknown].join(', ')}; use {name}, {folder}, {index} or {date}`
  }
  const stripped = template.replace(/\{(name|folder|index|date)\}/g, '')
  if (stripped.includes('{') || stripped.includes('}')) return 'Title template has an unmatched { or }'
  return null
}

/** Values for one file. `mtimeMs` becomes {date} as the local YYYY-MM-DD. */
export interface TitleVars {
  name: string
  folder: string
  index: number
  mtimeMs: number
}

export function localDate(ms: number): string {
  const d = new Date(ms)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}

/** Fills a template already accepted by checkTitleTemplate. */
export function renderTitle(template: string, v: TitleVars): string {
  return template
    .replace(/\{(name|folder|index|date)\}/g, (_m, key: string) => {
      if (key === 'name') return v.name
      if (key === 'folder') return v.folder
      if (key === 'index') return String(v.index)
      return localDate(v.mtimeMs)
    })
    .trim()
}
