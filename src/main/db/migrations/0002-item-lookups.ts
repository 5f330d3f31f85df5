import type { Migration } from './migration-types'

/**
 * Lookups the pipeline makes per item: dedupe by content hash on a board, "is this file known" for the
 * watcher's catch-up, and "is this Pin id already adopted" during reconciliation.
 */
export const migration0002: Migration = {
  version: 2,
  name: 'item-lookups',
  up(db) {
    db.exec(`
      CREATE INDEX items_hash_board ON items(content_hash, board_id) WHERE content_hash IS NOT NULL;
      CREATE INDEX items_path ON items(source_path) WHERE source_path IS NOT NULL;
      CREATE INDEX items_pin ON items(pin_id) WHERE pin_id IS NOT NULL;
    `)
  },
}
