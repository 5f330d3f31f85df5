import type { Database } from '../db/connection'
import { AppError } from '../../shared/ipc/result'

/** The settings row holding the paused batches, next to the queue's own pause (settings-store.ts). */
const KEY = 'pausedBatches'

/**
 * Batches the user paused (issue 18, point 4): their items not started yet wait, items already moving
 * finish. Saved in the database like the pause of everything (queue-pause.ts), so a pause outlives the
 * process and the other process on the same data folder (`pinload pause --batch N`) is seen by this one.
 */
export class BatchPause {
  private ids: number[]

  constructor(private readonly db: Database) {
    this.ids = this.load()
  }

  /** The paused batch ids, in order. */
  list(): number[] {
    return this.ids
  }

  /** Pauses or resumes one batch; a batch that does not exist (any more) is a not_found error. */
  set(batchId: number, paused: boolean): void {
    if (this.db.prepare('SELECT 1 FROM batches WHERE id = ?').get(batchId) === undefined)
      throw new AppError('not_found', `There is no batch ${batchId} in the queue.`)
    const others = this.load().filter((b) => b !== batchId)
    this.ids = paused ? [...others, batchId].sort((a, b) => a - b) : others
    this.save()
  }

  /** Reads the saved list again (another process may have changed it); true when it changed. */
  reload(): boolean {
    const next = this.load()
    if (next.join(',') === this.ids.join(',')) return false
    this.ids = next
    return true
  }

  private load(): number[] {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as
      { value: string } | undefined
    if (!row) return []
    try {
      const v = JSON.parse(row.value) as unknown
      return Array.isArray(v) ? v.filter((n): n is number => Number.isInteger(n)) : []
    } catch {
      return []
    }
  }

  private save(): void {
    // Batches removed meanwhile (their last item deleted) are dropped, so the list never outgrows the queue.
    const alive = this.ids.filter(
      (b) => this.db.prepare('SELECT 1 FROM batches WHERE id = ?').get(b) !== undefined,
    )
    this.ids = alive
    if (alive.length === 0) this.db.prepare('DELETE FROM settings WHERE key = ?').run(KEY)
    else
      this.db
        .prepare(
          'INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
        )
        .run(KEY, JSON.stringify(alive))
  }
}
