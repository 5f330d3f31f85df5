import type { ItemState } from '../../shared/domain'
import type { ItemRepository } from '../db/item-repository'
import type { ItemPatch, ItemRow } from '../db/item-rows'
import { TransitionError, canTransition } from './transitions'

/**
 * Applies state transitions: each one re-reads the row, checks the table and writes state + facts in a
 * single SQLite transaction, so what the DB says is always a state the table allows.
 */
export class ItemStore {
  constructor(
    readonly repo: ItemRepository,
    /** Called after every write with the row as stored and whether its state changed. */
    private readonly onChange: (row: ItemRow, stateChanged: boolean) => void = () => {},
  ) {}

  /** Moves the item to `to` with `patch`; a same-state call only writes the patch. Returns the new row. */
  transition(id: number, to: ItemState, patch: ItemPatch = {}, expect?: readonly ItemState[]): ItemRow {
    let from: ItemState = to
    const next = this.repo.database.transaction(() => {
      const row = this.repo.get(id)
      if (!row) throw new Error(`Item ${id} no longer exists`)
      from = row.state
      if (expect && !expect.includes(row.state)) throw new TransitionError(id, row.state, to)
      if (row.state !== to && !canTransition(row.state, to)) throw new TransitionError(id, row.state, to)
      this.repo.update(id, { ...patch, state: to })
      return this.repo.get(id) as ItemRow
    })
    this.onChange(next, from !== to)
    return next
  }

  /** Writes facts without changing state (progress of a step, e.g. media status). */
  record(id: number, patch: ItemPatch): void {
    this.repo.update(id, patch)
    const row = this.repo.get(id)
    if (row) this.onChange(row, false)
  }

  get(id: number): ItemRow | undefined {
    return this.repo.get(id)
  }
}
