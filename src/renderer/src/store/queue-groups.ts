import type { ItemErrorKind, ItemState, ItemView } from '../../../shared/domain'
import { matchesFilter } from './queue-filter'
import { isPacingHold } from '../../../shared/schedule/pacing'
import type { QueueFilter } from './types'

/** One batch as the queue shows it: named after its folder or file, with its own counts. */
export interface GroupInfo {
  batchId: number
  name: string
  /** Items of the batch still in the queue (whatever the filter shows). */
  total: number
  byState: Partial<Record<ItemState, number>>
  /** Failed or waiting for the user's decision. */
  needsYou: number
  /** Items the current filter shows. */
  shown: number
}

/** A line of the virtualized list: a group's header, or an item. */
type Entry = { kind: 'group'; group: GroupInfo } | { kind: 'item'; id: number }

export interface QueueView {
  entries: Entry[]
  /** Item ids in display order (what ⌘A selects and a shift-click range runs over). */
  order: number[]
  /** Items waiting on Pinterest's rate limit (running, with a rate-limit error from the last try). */
  rateLimited: number
  /** When the first of them tries again (epoch ms, main's `retryAt`), for "resuming in 4 min"; null: unknown. */
  resumeAt: number | null
}

const NEEDS_YOU: ReadonlySet<ItemState> = new Set(['failed', 'needs_attention'])
const MOVING: ReadonlySet<ItemState> = new Set([
  'queued',
  'validating',
  'uploading',
  'processing',
  'creating',
])

const parts = (path: string) => path.split(/[\\/]/).filter((p) => p !== '')

/**
 * A batch's name from what it holds: the folder its files share, the file when it is one, the site of image
 * URLs. Never "Batch 12": a user recognises a folder, not our number.
 */
export function nameOfBatch(
  items: readonly Pick<ItemView, 'path' | 'url' | 'name' | 'batchLabel'>[],
): string {
  // The name main kept for the batch (the CSV file, the watched folder, the dropped folder or file) wins over a
  // guess from the files' paths; a drop of several things is stored as "3 items", which says less than a guess.
  const label = items[0]?.batchLabel
  if (label !== undefined && !GENERIC_LABEL.test(label)) return parts(label).at(-1) ?? label
  const paths = items.map((i) => i.path).filter((p): p is string => p !== undefined)
  if (paths.length === 0) {
    const url = items.find((i) => i.url !== undefined)?.url
    try {
      return url !== undefined ? `Images from ${new URL(url).hostname}` : (items[0]?.name ?? 'Files')
    } catch {
      return items[0]?.name ?? 'Files'
    }
  }
  if (paths.length === 1 || new Set(paths).size === 1) return parts(paths[0]!).at(-1) ?? paths[0]!
  let common = parts(paths[0]!).slice(0, -1)
  for (const p of paths) {
    const dir = parts(p).slice(0, -1)
    let i = 0
    while (i < common.length && i < dir.length && common[i] === dir[i]) i++
    common = common.slice(0, i)
  }
  const folder = common.at(-1)
  return folder ?? `${parts(paths[0]!).slice(0, -1).at(-1) ?? 'Files'} and others`
}

const GENERIC_LABEL = /^\d[\d,]* items$/

/** Names by batch, computed from the batch's first items and kept once a batch is large. */
const nameCache = new Map<number, { n: number; name: string }>()
const NAME_SAMPLE = 200

/**
 * The queue as the list shows it: groups in batch order, those that need the user first; inside a group
 * the items that need the user first, then queue order. Hidden items (removed, Undo pending) are left out;
 * a folded group shows its header only. One pass over the items: cheap enough for every flush (≤ 10/s).
 */
export function buildQueueView(
  items: Readonly<Record<number, ItemView>>,
  ids: readonly number[],
  filter: QueueFilter,
  collapsed: Readonly<Record<number, true>>,
  hidden: Readonly<Record<number, true>>,
): QueueView {
  const groups = new Map<number, { info: GroupInfo; first: number[]; rest: number[]; sample: ItemView[] }>()
  let rateLimited = 0
  let resumeAt: number | null = null
  for (const id of ids) {
    const it = items[id]
    if (it === undefined || hidden[id]) continue
    let g = groups.get(it.batchId)
    if (!g) {
      g = {
        info: { batchId: it.batchId, name: '', total: 0, byState: {}, needsYou: 0, shown: 0 },
        first: [],
        rest: [],
        sample: [],
      }
      groups.set(it.batchId, g)
    }
    const info = g.info
    info.total++
    info.byState[it.state] = (info.byState[it.state] ?? 0) + 1
    const urgent = NEEDS_YOU.has(it.state)
    if (urgent) info.needsYou++
    if (g.sample.length < NAME_SAMPLE) g.sample.push(it)
    // A pacing hold is the user's own rule, not Pinterest asking us to slow down.
    if (MOVING.has(it.state) && it.error?.kind === 'rate_limited' && !isPacingHold(it.error)) {
      rateLimited++
      if (it.retryAt !== undefined && (resumeAt === null || it.retryAt < resumeAt)) resumeAt = it.retryAt
    }
    if (!matchesFilter(it.state, filter)) continue
    info.shown++
    ;(urgent ? g.first : g.rest).push(id)
  }
  const ordered = [...groups.values()].sort(
    (a, b) => Number(b.info.needsYou > 0) - Number(a.info.needsYou > 0),
  )
  const entries: Entry[] = []
  const order: number[] = []
  for (const g of ordered) {
    if (g.info.shown === 0) continue
    const cached = nameCache.get(g.info.batchId)
    if (cached && (cached.n === g.sample.length || cached.n >= NAME_SAMPLE)) g.info.name = cached.name
    else {
      g.info.name = nameOfBatch(g.sample)
      nameCache.set(g.info.batchId, { n: g.sample.length, name: g.info.name })
    }
    entries.push({ kind: 'group', group: g.info })
    if (collapsed[g.info.batchId]) continue
    for (const id of g.first) entries.push({ kind: 'item', id })
    for (const id of g.rest) entries.push({ kind: 'item', id })
    order.push(...g.first, ...g.rest)
  }
  return { entries, order, rateLimited, resumeAt }
}

/** A batch's name for messages outside the list (batch finished), from the items still known. */
export function batchName(items: Readonly<Record<number, ItemView>>, batchId: number): string {
  const cached = nameCache.get(batchId)
  if (cached) return cached.name
  const sample = Object.values(items)
    .filter((i) => i.batchId === batchId)
    .slice(0, NAME_SAMPLE)
  return sample.length > 0 ? nameOfBatch(sample) : 'A batch'
}

/** Items that need the user, by what went wrong: one line and one "Retry all" per kind. */
export function failuresByKind(
  items: Readonly<Record<number, ItemView>>,
  ids: readonly number[],
  hidden: Readonly<Record<number, true>>,
): { kind: ItemErrorKind; ids: number[] }[] {
  const by = new Map<ItemErrorKind, number[]>()
  for (const id of ids) {
    const it = items[id]
    if (it === undefined || hidden[id] || !NEEDS_YOU.has(it.state) || it.error === undefined) continue
    const list = by.get(it.error.kind)
    if (list) list.push(id)
    else by.set(it.error.kind, [id])
  }
  return [...by].map(([kind, list]) => ({ kind, ids: list })).sort((a, b) => b.ids.length - a.ids.length)
}
