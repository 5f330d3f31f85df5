import type { Migration } from './migration-types'

/**
 * A partial index over the items still to be handled, in queue order. The scheduler's "next items to run",
 * "is this batch done" and "is there pending work" then read only unfinished rows, so their cost does not
 * grow with the history of published items (10,000-item queues stay cheap per pick).
 * The state list must stay textually identical to PENDING_SQL in item-repository.ts for SQLite to use it.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'pending-index',
  up(db) {
    db.exec(`
      CREATE INDEX items_pending ON items(batch_id, seq)
        WHERE state IN ('queued','validating','uploading','processing','creating','needs_attention');
    `)
  },
}
