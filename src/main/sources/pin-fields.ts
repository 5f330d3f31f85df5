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

function localDate(ms: number): string {
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
