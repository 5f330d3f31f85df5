import type { Database } from './connection'

/** `delete`: DELETE /v5/pins/{id}; `update`: PATCH /v5/pins/{id} with `patch`. */
export type PinOpKind = 'delete' | 'update'
/** `pending` → `sending` (written before the request leaves) → `done` or `failed`. */
export type PinOpState = 'pending' | 'sending' | 'done' | 'failed'

/** One queued change or removal of a published Pin (migration 0008). Times in Unix ms. */
export interface PinOperation {
  id: number
  itemId: number
  kind: PinOpKind
  pinId: string
  /** JSON of the update's fields (pinterest/api-types.ts `PinUpdate`); null for a delete. */
  patch: string | null
  state: PinOpState
  attempts: number
  errorMessage: string | null
  createdAt: number
  updatedAt: number
}

const COLUMNS = 'id, item_id, kind, pin_id, patch, state, attempts, error_message, created_at, updated_at'
const OPEN = "state IN ('pending', 'sending')"

function opOf(v: unknown[]): PinOperation {
  return {
    id: v[0] as number,
    itemId: v[1] as number,
    kind: v[2] as PinOpKind,
    pinId: v[3] as string,
    patch: v[4] as string | null,
    state: v[5] as PinOpState,
    attempts: v[6] as number,
    errorMessage: v[7] as string | null,
    createdAt: v[8] as number,
    updatedAt: v[9] as number,
  }
}

/** The `pin_operations` table: what is still to send, and how each request ended. */
export class PinOperationRepository {
  constructor(
    private readonly db: Database,
    private readonly now: () => number = Date.now,
  ) {}

  /** Queues operations (call inside a transaction with whatever decided them); returns their ids. */
  add(ops: readonly { itemId: number; kind: PinOpKind; pinId: string; patch?: string }[]): number[] {
    const at = this.now()
    const insert = this.db.prepare(
      `INSERT INTO pin_operations(item_id, kind, pin_id, patch, state, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'pending', ?, ?)`,
    )
    return ops.map((o) => insert.run(o.itemId, o.kind, o.pinId, o.patch ?? null, at, at).lastInsertRowid)
  }

  /** Operations still to send, oldest first. */
  open(): PinOperation[] {
    return this.db
      .prepare(`SELECT ${COLUMNS} FROM pin_operations WHERE ${OPEN} ORDER BY id`)
      .values()
      .map(opOf)
  }

  byIds(ids: readonly number[]): PinOperation[] {
    if (ids.length === 0) return []
    const wanted = new Set(ids)
    return this.db
      .prepare(`SELECT ${COLUMNS} FROM pin_operations WHERE id >= ? ORDER BY id`)
      .values(Math.min(...ids))
      .map(opOf)
      .filter((o) => wanted.has(o.id))
  }

  /**
   * A run that stopped mid-request (killed, quit, aborted) left `sending`: the request may be sent again. Only
   * the process holding the data folder's queue lock sends (pin-op-runner.ts), one drain at a time, so no
   * request of a run still going is `sending` when a drain starts.
   */
  resetSending(): number {
    return this.db
      .prepare(`UPDATE pin_operations SET state = 'pending', updated_at = ? WHERE state = 'sending'`)
      .run(this.now()).changes
  }

  /** Takes a pending operation for sending; false when another run (maybe another process) took it first. */
  claim(id: number): boolean {
    return (
      this.db
        .prepare(
          `UPDATE pin_operations SET state = 'sending', attempts = attempts + 1, error_message = NULL, updated_at = ?
             WHERE id = ? AND state = 'pending'`,
        )
        .run(this.now(), id).changes === 1
    )
  }

  /** Sets the state and its message (attempts are counted by `claim`, when a request is about to leave). */
  mark(id: number, state: PinOpState, errorMessage: string | null = null): void {
    this.db
      .prepare(`UPDATE pin_operations SET state = ?, error_message = ?, updated_at = ? WHERE id = ?`)
      .run(state, errorMessage, this.now(), id)
  }

  /** Items whose Pin a finished delete removed: no longer on Pinterest, by the user's own hand. */
  removedItemIds(): Set<number> {
    const rows = this.db
      .prepare(`SELECT DISTINCT item_id FROM pin_operations WHERE kind = 'delete' AND state = 'done'`)
      .values()
    return new Set(rows.map((v) => v[0] as number))
  }

  /** Items with a delete queued or sending. */
  removingItemIds(): Set<number> {
    const rows = this.db
      .prepare(`SELECT DISTINCT item_id FROM pin_operations WHERE kind = 'delete' AND ${OPEN}`)
      .values()
    return new Set(rows.map((v) => v[0] as number))
  }
}
