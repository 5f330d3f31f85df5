import type { Migration } from './migration-types'

/**
 * What Pinload last read back of each published Pin (docs/architecture.md, "Results: read-back, verify,
 * export"): whether Pinterest still has it, on which board, when it was made and read, and its counts when
 * read with `pin_metrics=true`. Its own table rather than more `items` columns: the queue's hot path reads
 * and copies item rows on every step, and none of this matters to it.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'pin-checks',
  up(db) {
    db.exec(`
      CREATE TABLE pin_checks (
        item_id INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
        pin_id TEXT NOT NULL,
        checked_at INTEGER NOT NULL,
        found INTEGER NOT NULL,
        board_id TEXT,
        pin_created_at TEXT,
        impressions INTEGER,
        saves INTEGER,
        clicks INTEGER,
        metrics_at INTEGER
      );
    `)
  },
}
