/** The fields of a Pin the review screen compares across a batch. */
export type RepeatField = 'title' | 'link'

/** A value two or more Pins of the batch share. */
export interface Repeat {
  field: RepeatField
  /** The value as the first of them has it. */
  value: string
  /** The Pins that share it, in the order given. */
  ids: number[]
}

/** What the review screen needs of a Pin to compare it with the others. */
export interface PinWords {
  id: number
  title?: string | undefined
  link?: string | undefined
}

/** Titles differ only in case and spacing: Pinterest shows "Summer  Salad" and "summer salad" alike. */
function titleKey(title: string): string {
  return title.trim().replace(/\s+/g, ' ').toLowerCase()
}

/**
 * Links that lead to the same page: the scheme and host are case-insensitive and a trailing slash on the path
 * changes nothing; the query and the fragment count (a UTM campaign makes two links different on purpose).
 */
function linkKey(link: string): string {
  const raw = link.trim()
  try {
    const u = new URL(raw)
    const path = u.pathname.length > 1 ? u.pathname.replace(/\/+$/, '') : ''
    // URL lower-cases the scheme and the host itself.
    return `${u.protocol}//${u.host}${path}${u.search}${u.hash}`
  } catch {
    return raw
  }
}

/**
 * Repeated titles and links within one batch, which make Pins look like copies of each other (the issue asks
 * the review screen to warn of them). Empty values are not repeats. Each group lists the Pins sharing a value.
 */
export function findRepeats(pins: readonly PinWords[]): Repeat[] {
  const out: Repeat[] = []
  for (const field of ['title', 'link'] as const) {
    const groups = new Map<string, Repeat>()
    for (const pin of pins) {
      const value = pin[field]
      if (value === undefined || value.trim() === '') continue
      const key = field === 'title' ? titleKey(value) : linkKey(value)
      const group = groups.get(key)
      if (group) group.ids.push(pin.id)
      else groups.set(key, { field, value, ids: [pin.id] })
    }
    for (const g of groups.values()) if (g.ids.length > 1) out.push(g)
  }
  return out
}

/** For each Pin with a repeat, how many others share its title and its link (0 when none). */
export function repeatsById(repeats: readonly Repeat[]): Map<number, Record<RepeatField, number>> {
  const map = new Map<number, Record<RepeatField, number>>()
  for (const r of repeats) {
    for (const id of r.ids) {
      const seen = map.get(id) ?? { title: 0, link: 0 }
      seen[r.field] = r.ids.length - 1
      map.set(id, seen)
    }
  }
  return map
}
