import type { Migration } from './migration-types'

/**
 * Drafts and scheduled items (docs/architecture.md, "Drafts and scheduled items"). The pending index of
 * migration 0003 gains both states, so the scheduler reads due `scheduled` items and "publish every draft"
 * reads drafts without walking the history. Items queued before this version with a future `publish_at`
 * become `scheduled`, which is what the queue now writes for them.
 * The state list must stay textually identical to PENDING_SQL in item-repository.ts for SQLite to use it.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'drafts-scheduled',
  up(db) {
    db.exec(`
      DROP INDEX items_pending;
      CREATE INDEX items_pending ON items(batch_id, seq)
        WHERE state IN ('draft','scheduled','queued','validating','uploading','processing','creating','needs_attention');
      UPDATE items SET state = 'scheduled'
        WHERE state = 'queued' AND publish_at > CAST(unixepoch('subsec') * 1000 AS INTEGER);
    `)
  },
}
