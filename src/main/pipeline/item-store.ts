import type { ItemState } from '../../shared/domain'
import { RESTING_STATES } from '../../shared/item-states'
import type { ItemRepository } from '../db/item-repository'
import type { ItemPatch, ItemRow } from '../db/item-rows'
import { TransitionError, canTransition } from './transitions'

/** States an item rests in between runs: its row is not kept in memory there (the user or recovery may act on it). */
const RESTING: ReadonlySet<ItemState> = new Set(RESTING_STATES)
/**
 * States whose write a network side effect relies on: `creating` must survive a power loss before
 * `POST /v5/pins` leaves, or the next run would send the Pin again (docs/architecture.md, "Exactly one Pin per
 * file"). Their commit is made with `synchronous = FULL` (GroupedOptions.durable).
 */
const DURABLE: ReadonlySet<ItemState> = new Set<ItemState>(['creating'])

/**
 * Applies state transitions: each one checks the table against the row as stored and writes state + facts
 * atomically (one savepoint), so what the DB says is always a state the table allows. Writes are
 * group-committed (see `Database.grouped`): many items' writes share one SQLite commit; `durable()` waits
 * for it, and asks for it at the end of the turn.
 */
export class ItemStore {
  /**
   * Rows of running items as this store last read or wrote them. A transition writes only if the stored row
   * still has that state and `updated_at` (else it re-reads and checks again), which spares a read per step.
   */
  private readonly known = new Map<number, ItemRow>()

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
  transition(
    id: number,
    to: ItemState,
    patch: ItemPatch = {},
    expect?: readonly ItemState[],
    via?: ItemState,
  ): ItemRow {
    let from: ItemState = to
    const next = this.repo.database.grouped(
      () => {
        const write = (row: ItemRow, fresh: boolean): ItemRow | null => {
          from = row.state
          if (expect && !expect.includes(row.state)) throw new TransitionError(id, row.state, to)
          const start = via !== undefined && row.state !== via ? via : row.state
          if (start !== row.state && !canTransition(row.state, start))
            throw new TransitionError(id, row.state, start)
          if (start !== to && !canTransition(start, to)) throw new TransitionError(id, start, to)
          const full = { ...patch, state: to }
          const updatedAt = fresh ? this.repo.update(id, full) : this.repo.updateIf(id, row, full)
          return updatedAt === null ? null : { ...row, ...patch, state: to, updated_at: updatedAt }
        }
        const seen = this.known.get(id)
        const done = seen ? write(seen, false) : null
        if (done) return done
        const row = write(this.read(id), true)
        if (!row) throw new Error(`Item ${id} could not be written`)
        return row
      },
      DURABLE.has(to) ? { durable: true } : undefined,
    )
    this.keep(next)
    this.onChange(next, from !== to)
    return next
  }

  /**
   * Shows a passing state (e.g. `validating`, which recovery turns back into `queued` anyway) without a
   * write: one transaction fewer per item. The next `transition` names it as `via`.
   */
  announce(row: ItemRow, state: ItemState): ItemRow {
    if (row.state !== state && !canTransition(row.state, state))
      throw new TransitionError(row.id, row.state, state)
    const shown = { ...row, state }
    this.onChange(shown, true)
    return shown
  }

  /** Writes facts without changing state (progress of a step, e.g. media status). */
  record(id: number, patch: ItemPatch): void {
    const row = this.repo.database.grouped(() => {
      const seen = this.known.get(id)
      const at = seen ? this.repo.updateIf(id, seen, patch) : null
      if (seen && at !== null) return { ...seen, ...patch, updated_at: at }
      this.repo.update(id, patch)
      return this.repo.get(id)
    })
    if (!row) return
    this.keep(row)
    this.onChange(row, false)
  }

  /** Resolves once every write made so far is committed: await it before an outside effect that relies on them. */
  durable(): Promise<void> {
    return this.repo.database.committed()
  }

  /** The row as stored now (always read from the DB: a run starts from what is on disk). */
  get(id: number): ItemRow | undefined {
    const row = this.repo.get(id)
    if (row) this.known.set(id, row)
    else this.known.delete(id)
    return row
  }

  /** Drops what is known of an item (it was removed, or changed outside this store). */
  forget(id: number): void {
    this.known.delete(id)
  }

  private read(id: number): ItemRow {
    const row = this.repo.get(id)
    if (!row) {
      this.known.delete(id)
      throw new Error(`Item ${id} no longer exists`)
    }
    return row
  }

  private keep(row: ItemRow): void {
    if (RESTING.has(row.state)) this.known.delete(row.id)
    else this.known.set(row.id, row)
  }
}
