import type { ItemState } from '../../shared/domain'
import { ACTIVE_STATES, UNFINISHED_STATES } from '../../shared/item-states'
import { HOLD_PREFIX } from '../../shared/schedule/pacing'
import type { Database } from './connection'
import { insertItemRow, type NewItem } from './item-insert'
import { ROW_COLUMNS, itemRowOf, type ItemPatch, type ItemRow } from './item-rows'

/** States in which a file counts as already handled, for enqueue dedupe and the watcher's catch-up. */
const KNOWN_STATES: readonly ItemState[] = [
  'draft',
  ...ACTIVE_STATES,
  'published',
  'skipped',
  'needs_attention',
]

const inList = (states: readonly ItemState[]) => states.map((s) => `'${s}'`).join(',')

/**
 * Unfinished items, written exactly as in the partial index of migration 0005 so SQLite uses that index;
 * "active" (runnable once due) is this minus needs_attention and drafts.
 */
const PENDING_SQL =
  "state IN ('draft','scheduled','queued','validating','uploading','processing','creating','needs_attention')"
const ACTIVE_SQL = `${PENDING_SQL} AND state NOT IN ('needs_attention','draft')`
/** The planner prefers the plain state index and then sorts; the partial index is already in queue order. */
const PENDING_FROM = 'items INDEXED BY items_pending'

/** An item the scheduler may start: its id and the account it runs under. */
export type RunnableItem = Pick<ItemRow, 'id' | 'account_key'>

/** Plain SQL over `items` and `batches`; the state machine in src/main/pipeline decides what to write. */
export class ItemRepository {
  /** UPDATE text and the columns it binds, by the patch's key list. */
  private readonly updateSql = new Map<string, { keys: (keyof ItemPatch)[]; sql: string }>()

  constructor(
    private readonly db: Database,
    private readonly now: () => number = Date.now,
  ) {}

  get database(): Database {
    return this.db
  }

  createBatch(origin: { kind: string; label: string }): number {
    return this.db
      .prepare('INSERT INTO batches(origin_kind, label, created_at) VALUES (?, ?, ?)')
      .run(origin.kind, origin.label, this.now()).lastInsertRowid
  }

  insertItem(batchId: number, seq: number, it: NewItem): number {
    return this.insertRow(batchId, seq, it).id
  }

  /** Inserts the item and returns its row as stored (see item-insert.ts). */
  insertRow(batchId: number, seq: number, it: NewItem): ItemRow {
    const row = insertItemRow(this.db, batchId, seq, it, this.now())
    // As ROW_COLUMNS reads it, so the window names the batch from the first progress event on.
    row.batch_label = this.batchLabel(batchId)
    return row
  }

  private batchLabel(batchId: number): string | null {
    const r = this.db.prepare('SELECT label FROM batches WHERE id = ?').get(batchId) as
      { label: string } | undefined
    return r?.label ?? null
  }

  get(id: number): ItemRow | undefined {
    return this.one(`SELECT ${ROW_COLUMNS} FROM items WHERE id = ?`, id)
  }

  private one(sql: string, ...params: unknown[]): ItemRow | undefined {
    const v = this.db.prepare(sql).values(...params)[0]
    return v && itemRowOf(v)
  }

  private many(sql: string, ...params: unknown[]): ItemRow[] {
    return this.db
      .prepare(sql)
      .values(...params)
      .map(itemRowOf)
  }

  /** Items with id > afterId in id order (= the order they were queued), at most `limit`. */
  page(afterId: number, limit: number): ItemRow[] {
    return this.many(`SELECT ${ROW_COLUMNS} FROM items WHERE id > ? ORDER BY id LIMIT ?`, afterId, limit)
  }

  all(): ItemRow[] {
    return this.many(`SELECT ${ROW_COLUMNS} FROM items ORDER BY batch_id, seq`)
  }

  byBatch(batchId: number): ItemRow[] {
    return this.many(`SELECT ${ROW_COLUMNS} FROM items WHERE batch_id = ? ORDER BY seq`, batchId)
  }

  /** The item (in that batch, when both are given), or every item of the batch; none when neither is given. */
  selected(sel: { itemId?: number; batchId?: number }): ItemRow[] {
    if (sel.itemId !== undefined) {
      const r = this.get(sel.itemId)
      return r && (sel.batchId === undefined || r.batch_id === sel.batchId) ? [r] : []
    }
    return sel.batchId !== undefined ? this.byBatch(sel.batchId) : []
  }

  byState(state: ItemState): ItemRow[] {
    // There is no plain state index (migration 0004): unfinished states are read through the pending one.
    const from = UNFINISHED_STATES.includes(state)
      ? `${PENDING_FROM} WHERE ${PENDING_SQL} AND`
      : 'items WHERE'
    return this.many(`SELECT ${ROW_COLUMNS} FROM ${from} state = ? ORDER BY batch_id, seq`, state)
  }

  /**
   * Writes the patch (and `updated_at`, returned); column names come only from ItemPatch keys, never from
   * input. The SQL is built once per set of keys and bound by position (no per-call SQL text or
   * parameter object).
   */
  update(id: number, patch: ItemPatch): number {
    const plan = this.plan(patch, false)
    const values: unknown[] = plan.keys.map((k) => patch[k])
    const updatedAt = this.now()
    values.push(updatedAt, id)
    this.db.prepare(plan.sql).run(...values)
    return updatedAt
  }

  /**
   * `update` only if the row is still as the caller last saw it (same state and `updated_at`): an
   * optimistic write that spares re-reading a row this process itself wrote. Returns the new `updated_at`,
   * or null when the row changed meanwhile (or is gone) and nothing was written.
   */
  updateIf(id: number, seen: Pick<ItemRow, 'state' | 'updated_at'>, patch: ItemPatch): number | null {
    const plan = this.plan(patch, true)
    const values: unknown[] = plan.keys.map((k) => patch[k])
    const updatedAt = this.now()
    values.push(updatedAt, id, seen.state, seen.updated_at)
    return this.db.prepare(plan.sql).run(...values).changes === 1 ? updatedAt : null
  }

  private plan(patch: ItemPatch, conditional: boolean): { keys: (keyof ItemPatch)[]; sql: string } {
    const shape = Object.keys(patch).join(',') + (conditional ? '?' : '')
    let plan = this.updateSql.get(shape)
    if (plan === undefined) {
      const keys = Object.keys(patch).filter((k) => /^[a-z_]+$/.test(k)) as (keyof ItemPatch)[]
      const where = conditional ? 'id = ? AND state = ? AND updated_at = ?' : 'id = ?'
      plan = {
        keys,
        sql: `UPDATE items SET ${[...keys.map((k) => `${k} = ?`), 'updated_at = ?'].join(', ')} WHERE ${where}`,
      }
      this.updateSql.set(shape, plan)
    }
    return plan
  }

  delete(id: number): void {
    this.db.prepare('DELETE FROM items WHERE id = ?').run(id)
    this.db.prepare('DELETE FROM batches WHERE id NOT IN (SELECT DISTINCT batch_id FROM items)').run()
  }

  /**
   * Next items to start, batches in order and FIFO within a batch: active, not already running, due
   * (publish_at and retry time reached), of an account that may run and not of a paused batch. Only what the scheduler needs is
   * read: a whole row costs ~20 µs to materialise and the runner reads the one it runs anyway.
   */
  nextRunnable(
    limit: number,
    opts: { exclude: number[]; blockedAccounts: string[]; blockedBatches?: number[]; now: number },
  ): RunnableItem[] {
    // Running items are skipped in JS: reading a few extra rows in index order is cheaper than a NOT IN.
    const skip = new Set(opts.exclude)
    const take = limit + skip.size
    const batches = opts.blockedBatches ?? []
    const rows = (
      opts.blockedAccounts.length === 0 && batches.length === 0
        ? this.db
            .prepare(
              `SELECT id, account_key FROM ${PENDING_FROM} WHERE ${ACTIVE_SQL}
                 AND coalesce(publish_at, 0) <= @now AND coalesce(next_attempt_at, 0) <= @now
               ORDER BY batch_id, seq LIMIT @take`,
            )
            .all({ now: opts.now, take })
        : this.db
            .prepare(
              `SELECT id, account_key FROM ${PENDING_FROM} WHERE ${ACTIVE_SQL}
                 AND coalesce(account_key, '') NOT IN (SELECT value FROM json_each(@blocked))
                 AND batch_id NOT IN (SELECT value FROM json_each(@batches))
                 AND coalesce(publish_at, 0) <= @now AND coalesce(next_attempt_at, 0) <= @now
               ORDER BY batch_id, seq LIMIT @take`,
            )
            .all({
              blocked: JSON.stringify(opts.blockedAccounts),
              batches: JSON.stringify(batches),
              now: opts.now,
              take,
            })
    ) as RunnableItem[]
    return rows.filter((r) => !skip.has(r.id)).slice(0, limit)
  }

  /** SQLite's data_version: changes when another connection commits (this one's own commits leave it). */
  dataVersion(): number {
    return this.db.prepare('PRAGMA data_version').values()[0]?.[0] as number
  }

  /** Earliest future time at which a held item becomes due, for the scheduler's wake-up timer. */
  nextDueAt(opts: { blockedAccounts: string[]; blockedBatches?: number[]; now: number }): number | null {
    const r = this.db
      .prepare(
        `SELECT min(max(coalesce(publish_at, 0), coalesce(next_attempt_at, 0))) AS t FROM ${PENDING_FROM}
         WHERE ${ACTIVE_SQL}
           AND coalesce(account_key, '') NOT IN (SELECT value FROM json_each(@blocked))
           AND batch_id NOT IN (SELECT value FROM json_each(@batches))
           AND max(coalesce(publish_at, 0), coalesce(next_attempt_at, 0)) > @now`,
      )
      .get({
        blocked: JSON.stringify(opts.blockedAccounts),
        batches: JSON.stringify(opts.blockedBatches ?? []),
        now: opts.now,
      }) as { t: number | null }
    return r.t
  }

  /**
   * True while some active item of a runnable account is due now or only waits for a retry timer (not for a
   * future publish_at, nor for the end of a pacing hold, which may be hours away: src/main/pipeline/pace-gate.ts):
   * the work `whenIdle` still waits for. The coalesces matter: with a NULL error kind (an item waiting out a lost
   * create's grace) a bare comparison makes the whole NOT(...) NULL and would drop that item from the pending work.
   */
  hasPendingWork(blocked: { blockedAccounts: string[]; blockedBatches?: number[] }, now: number): boolean {
    return (
      this.db
        .prepare(
          `SELECT 1 FROM ${PENDING_FROM} WHERE ${ACTIVE_SQL}
             AND coalesce(account_key, '') NOT IN (SELECT value FROM json_each(?))
             AND batch_id NOT IN (SELECT value FROM json_each(?))
             AND coalesce(publish_at, 0) <= ?
             AND NOT (coalesce(next_attempt_at, 0) > ? AND coalesce(error_kind, '') = 'rate_limited'
                      AND coalesce(error_message, '') LIKE '${HOLD_PREFIX}%') LIMIT 1`,
        )
        .get(
          JSON.stringify(blocked.blockedAccounts),
          JSON.stringify(blocked.blockedBatches ?? []),
          now,
          now,
        ) !== undefined
    )
  }

  /** From the tally the triggers of migration 0004 keep (a few rows, however long the history). */
  countsByState(): Partial<Record<ItemState, number>> {
    const out: Partial<Record<ItemState, number>> = {}
    for (const r of this.db.prepare('SELECT state, n FROM item_counts WHERE n > 0').values()) {
      out[r[0] as ItemState] = r[1] as number
    }
    return out
  }

  /**
   * Bytes of the files still to be handled now: active states, not those waiting for their publish time. A
   * `scheduled` item whose time has come counts: it runs as it is, the row moving on only at its next step.
   */
  activeBytes(): number {
    const r = this.db
      .prepare(
        `SELECT coalesce(sum(size), 0) AS b FROM ${PENDING_FROM} WHERE ${ACTIVE_SQL}
           AND NOT (state = 'scheduled' AND coalesce(publish_at, 0) > ?)`,
      )
      .get(this.now()) as { b: number }
    return r.b
  }

  /**
   * A published item with the same content on the same board (dedupe), not one whose Pin is gone: removed by the
   * user (issue 15) or read back as missing (`pinload verify`, a read-back that met 404).
   */
  findPublishedSame(hash: string, boardId: string | null, excludeId: number): ItemRow | undefined {
    // Without the hint the planner walks every published item by state (a cost that grows with the history).
    return this.one(
      `SELECT ${ROW_COLUMNS} FROM items INDEXED BY items_hash_board WHERE content_hash = ? AND coalesce(board_id, '') = ? AND state = 'published'
         AND id != ? AND NOT EXISTS (SELECT 1 FROM pin_operations o WHERE o.item_id = items.id AND o.kind = 'delete' AND o.state = 'done')
         AND NOT EXISTS (SELECT 1 FROM pin_checks c WHERE c.item_id = items.id AND c.pin_id = items.pin_id AND c.found = 0)
         ORDER BY id LIMIT 1`,
      hash,
      boardId ?? '',
      excludeId,
    )
  }

  isKnownFile(path: string, size: number, mtimeMs: number): boolean {
    return (
      this.db
        .prepare(
          `SELECT 1 FROM items WHERE source_path = ? AND size = ? AND mtime_ms = ? AND state IN (${inList(KNOWN_STATES)}) LIMIT 1`,
        )
        .get(path, size, Math.floor(mtimeMs)) !== undefined
    )
  }

  /** State of the handled item for this file and board, if any: what enqueue checks, without reading the whole row. */
  knownState(
    path: string,
    boardId: string | null,
    size: number | null,
    mtimeMs: number | null,
  ): ItemState | undefined {
    return this.db
      .prepare(
        `SELECT state FROM items WHERE source_path = ? AND coalesce(board_id, '') = ? AND coalesce(size, -1) = ?
           AND coalesce(mtime_ms, -1) = ? AND state IN (${inList(KNOWN_STATES)}) ORDER BY id DESC LIMIT 1`,
      )
      .values(path, boardId ?? '', size ?? -1, mtimeMs === null ? -1 : Math.floor(mtimeMs))[0]?.[0] as
      ItemState | undefined
  }

  /** The handled item for this file and board, if any (enqueue does not queue it twice). */
  findKnown(
    path: string,
    boardId: string | null,
    size: number | null,
    mtimeMs: number | null,
  ): ItemRow | undefined {
    return this.one(
      `SELECT ${ROW_COLUMNS} FROM items WHERE source_path = ? AND coalesce(board_id, '') = ? AND coalesce(size, -1) = ?
           AND coalesce(mtime_ms, -1) = ? AND state IN (${inList(KNOWN_STATES)}) ORDER BY id DESC LIMIT 1`,
      path,
      boardId ?? '',
      size ?? -1,
      mtimeMs === null ? -1 : Math.floor(mtimeMs),
    )
  }

  /** Latest item for a file (or URL) on a board: what the CLI reports for an input. */
  latestFor(source: { path?: string; url?: string }, boardId: string | null): ItemRow | undefined {
    const col = source.path !== undefined ? 'source_path' : 'source_url'
    return this.one(
      `SELECT ${ROW_COLUMNS} FROM items WHERE ${col} = ? AND coalesce(board_id, '') = ? ORDER BY id DESC LIMIT 1`,
      source.path ?? source.url ?? '',
      boardId ?? '',
    )
  }

  /** Other items on a board whose create may have landed (`creating` or `needs_attention` with a start time). */
  openCreatesOnBoard(
    boardId: string,
    excludeId: number,
  ): Pick<ItemRow, 'id' | 'create_fingerprint' | 'create_started_at'>[] {
    return this.db
      .prepare(
        `SELECT id, create_fingerprint, create_started_at FROM items WHERE board_id = ? AND id != ?
           AND state IN ('creating','needs_attention') AND create_started_at IS NOT NULL`,
      )
      .all(boardId, excludeId) as Pick<ItemRow, 'id' | 'create_fingerprint' | 'create_started_at'>[]
  }

  /** The item (other than `excludeId`) that owns this Pin: its create fingerprint, undefined when none does. */
  pinOwner(pinId: string, excludeId: number): { create_fingerprint: string | null } | undefined {
    return this.db
      .prepare('SELECT create_fingerprint FROM items WHERE pin_id = ? AND id != ? LIMIT 1')
      .get(pinId, excludeId) as { create_fingerprint: string | null } | undefined
  }

  /** How many active items each of these accounts has; an account without any is left out. */
  activeByAccount(keys: readonly string[]): Map<string, number> {
    if (keys.length === 0) return new Map()
    const rows = this.db
      .prepare(
        `SELECT coalesce(account_key, '') AS k, count(*) AS n FROM ${PENDING_FROM} WHERE ${ACTIVE_SQL}
           AND coalesce(account_key, '') IN (SELECT value FROM json_each(?)) GROUP BY k`,
      )
      .all(JSON.stringify(keys)) as { k: string; n: number }[]
    return new Map(rows.map((r) => [r.k, r.n]))
  }

  /** True while the batch has an item not yet in a terminal state. */
  batchHasPending(batchId: number): boolean {
    return (
      this.db
        .prepare(`SELECT 1 FROM ${PENDING_FROM} WHERE ${PENDING_SQL} AND batch_id = ? LIMIT 1`)
        .get(batchId) !== undefined
    )
  }

  batchCounts(batchId: number): Partial<Record<ItemState, number>> {
    const rows = this.db
      .prepare('SELECT state, count(*) AS n FROM items WHERE batch_id = ? GROUP BY state')
      .all(batchId) as { state: ItemState; n: number }[]
    return Object.fromEntries(rows.map((r) => [r.state, r.n]))
  }
}
