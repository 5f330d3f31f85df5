import { basename } from 'node:path'
import type { ItemRepository } from '../db/item-repository'
import type { ItemRow } from '../db/item-rows'
import { PinCheckRepository, type PinCheck } from '../db/pin-check-repository'
import { PinOperationRepository } from '../db/pin-operation-repository'
import type { Database } from '../db/connection'
import { ApiError } from '../pinterest/api-error'
import type { PinterestApi } from '../pinterest/api-types'
import { removedPatch } from '../pipeline/read-back'

/** Which items a results action covers: one batch, some items, or (neither) every item. */
export interface ResultSelection {
  batchId?: number | undefined
  ids?: readonly number[] | undefined
}

/** One published item as a report names it. */
interface CheckedItem {
  itemId: number
  /** The file name (or URL) the user knows the item by. */
  name: string
  pinId: string
}

export interface VerifyReport {
  /** Published Pins read (found or not). */
  checked: number
  found: number
  /** Pins Pinterest answered 404 for: removed on Pinterest. */
  missing: CheckedItem[]
  /** Pins that could not be read (network, sign-in, rate limit): neither found nor proved gone. */
  unchecked: (CheckedItem & { message: string })[]
}

export interface VerifyDeps {
  db: Database
  items: ItemRepository
  /** The API an item's account uses now, or null when that account cannot be reached (signed out). */
  apiFor: (accountKey: string | null) => PinterestApi | null
  now?: () => number
  /** Items whose window view changed (the app sends them again). */
  onChanged?: (ids: number[]) => void
}

/** Reads at once; the rate governor paces them within the org_read budget either way. */
const READS_AT_ONCE = 4

export const itemName = (row: Pick<ItemRow, 'source_path' | 'source_url' | 'id'>): string =>
  row.source_path ? basename(row.source_path) : (row.source_url ?? `item ${row.id}`)

/** The published items of a selection, in queue order. */
export function publishedItems(items: ItemRepository, sel: ResultSelection): ItemRow[] {
  const rows = sel.batchId !== undefined ? items.byBatch(sel.batchId) : items.all()
  const ids = sel.ids ? new Set(sel.ids) : null
  return rows.filter((r) => r.state === 'published' && r.pin_id !== null && (!ids || ids.has(r.id)))
}

/**
 * `pinload verify` and the window's "Check on Pinterest": reads every published Pin of the selection with
 * `pin_metrics=true` (one org_read each, paced by the rate governor), records whether it still exists and its
 * counts, and marks an item whose Pin is gone "removed on Pinterest" (docs/architecture.md, "Results:
 * read-back, verify, export").
 */
export class VerifyPins {
  private readonly checks: PinCheckRepository

  constructor(private readonly deps: VerifyDeps) {
    this.checks = new PinCheckRepository(deps.db)
  }

  /** What was last read back of an item's Pin (the inspector's counts); null when it never was. */
  facts(itemId: number): Omit<PinCheck, 'itemId'> | null {
    const check = this.checks.get(itemId)
    if (!check) return null
    const { itemId: _id, ...facts } = check
    return facts
  }

  async run(sel: ResultSelection, opts: { signal?: AbortSignal } = {}): Promise<VerifyReport> {
    // A Pin the user removed through Pinload is gone on purpose: not a Pin to look for.
    const removed = new PinOperationRepository(this.deps.db).removedItemIds()
    const rows = publishedItems(this.deps.items, sel).filter((r) => !removed.has(r.id))
    const report: VerifyReport = { checked: 0, found: 0, missing: [], unchecked: [] }
    const changed: number[] = []
    let next = 0
    const worker = async () => {
      while (next < rows.length) {
        opts.signal?.throwIfAborted()
        const row = rows[next++]!
        const outcome = await this.check(row, opts.signal)
        const named = { itemId: row.id, name: itemName(row), pinId: row.pin_id! }
        if (outcome.kind === 'unchecked') {
          report.unchecked.push({ ...named, message: outcome.message })
          continue
        }
        report.checked++
        if (outcome.kind === 'found') report.found++
        else report.missing.push(named)
        if (outcome.viewChanged) changed.push(row.id)
      }
    }
    try {
      await Promise.all(Array.from({ length: Math.min(READS_AT_ONCE, rows.length) }, worker))
    } finally {
      if (changed.length > 0) this.deps.onChanged?.(changed)
    }
    const order = new Map(rows.map((r, i) => [r.id, i]))
    const byQueue = (a: CheckedItem, b: CheckedItem) => order.get(a.itemId)! - order.get(b.itemId)!
    report.missing.sort(byQueue)
    report.unchecked.sort(byQueue)
    return report
  }

  private async check(
    row: ItemRow,
    signal: AbortSignal | undefined,
  ): Promise<{ kind: 'found' | 'missing'; viewChanged: boolean } | { kind: 'unchecked'; message: string }> {
    const api = this.deps.apiFor(row.account_key)
    if (!api) return { kind: 'unchecked', message: 'Not signed in to the account that published it.' }
    const pinId = row.pin_id!
    const now = (this.deps.now ?? Date.now)()
    try {
      const pin = await api.getPin(pinId, { metrics: true, ...(signal && { signal }) })
      return this.write(row, {
        itemId: row.id,
        pinId,
        checkedAt: now,
        found: true,
        boardId: pin.boardId,
        pinCreatedAt: pin.createdAt,
        metrics: pin.metrics ?? {},
      })
    } catch (e) {
      if (signal?.aborted) throw e
      if (e instanceof ApiError && e.kind === 'not_found')
        return this.write(row, { itemId: row.id, pinId, checkedAt: now, found: false })
      return { kind: 'unchecked', message: e instanceof Error ? e.message : String(e) }
    }
  }

  private write(
    row: ItemRow,
    check: Parameters<PinCheckRepository['record']>[0],
  ): { kind: 'found' | 'missing'; viewChanged: boolean } {
    const patch = removedPatch(!check.found, row)
    this.deps.db.transaction(() => {
      this.checks.record(check)
      if (Object.keys(patch).length > 0) this.deps.items.update(row.id, patch)
    })
    return { kind: check.found ? 'found' : 'missing', viewChanged: Object.keys(patch).length > 0 }
  }
}
