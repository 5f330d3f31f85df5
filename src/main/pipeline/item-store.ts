import type { ItemState } from '../../shared/domain'
import type { ItemRepository } from '../db/item-repository'
import type { ItemPatch, ItemRow } from '../db/item-rows'
import { TransitionError, canTransition } from './transitions'

/**
 * Applies state transitions: each one re-reads the row, checks the table and writes state + facts atomically
 * (one savepoint), so what the DB says is always a state the table allows. Writes are group-committed: those
 * of every item made in one event-loop turn share one SQLite commit; `durable()` waits for it.
 */
export class ItemStore {
  constructor(
    readonly repo: ItemRepository,
    /** Called after every write with the row as stored and whether its state changed. */
    private readonly onChange: (row: ItemRow, stateChanged: boolean) => void = () => {},
  ) {}

  /**
   * Moves the item to `to` with `patch`; a same-state call only writes the patch. `via` names a state the
   * item passed through without it being stored (see `announce`): both hops must be allowed by the table.
   * Returns the new row.
   */
  transition(id: number, to: ItemState, patch: ItemPatch = {}, expect?: readonly ItemState[], via?: ItemState): ItemRow {
    let from: ItemState = to
    const next = this.repo.database.grouped(() => {
      const row = this.repo.get(id)
      if (!row) throw new Error(`Item ${id} no longer exists`)
      from = row.state
      if (expect && !expect.includes(row.state)) throw new TransitionError(id, row.state, to)
      const start = via !== undefined && row.state !== via ? via : row.state
      if (start !== row.state && !canTransition(row.state, start)) throw new TransitionError(id, row.state, start)
      if (start !== to && !canTransition(start, to)) throw new TransitionError(id, start, to)
      const updatedAt = this.repo.update(id, { ...patch, state: to })
      return { ...row, ...patch, state: to, updated_at: updatedAt }
    })
    this.onChange(next, from !== to)
    return next
  }

  /**
   * Shows a passing state (e.g. `validating`, which recovery turns back into `queued` anyway) without a
   * write: one transaction fewer per item. The next `transition` names it as `via`.
   */
  announce(row: ItemRow, state: ItemState): ItemRow {
    if (row.state !== state && !canTransition(row.state, state)) throw new TransitionError(row.id, row.state, state)
    const shown = { ...row, state }
    this.onChange(shown, true)
    return shown
  }

  /** Writes facts without changing state (progress of a step, e.g. media status). */
  record(id: number, patch: ItemPatch): void {
    const row = this.repo.database.grouped(() => {
      this.repo.update(id, patch)
      return this.repo.get(id)
    })
    if (row) this.onChange(row, false)
  }

  /** Resolves once every write made so far is committed: await it before an outside effect that relies on them. */
  durable(): Promise<void> {
    return this.repo.database.committed()
  }

  get(id: number): ItemRow | undefined {
    return this.repo.get(id)
  }
}
