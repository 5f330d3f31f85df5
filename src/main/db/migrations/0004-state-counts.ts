import type { Migration } from './migration-types'

/**
 * Counts by state kept by triggers in a one-row-per-state table, in place of the plain state index.
 * Every transition of an item used to move its entry in `items_state` (a delete and an insert, often on
 * two or three index pages written to the WAL at each commit) only so the totals could count by state; the
 * other state lookups read unfinished items, which the pending index of migration 0003 covers. The tally
 * rides in the same transaction as the change (rolled back with it, right for every process on the DB), one
 * small page per commit, and the totals read 10 rows instead of scanning an index entry per item ever queued.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'state-counts',
  up(db) {
    db.exec(`
      CREATE TABLE item_counts (state TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
      INSERT INTO item_counts(state, n) SELECT state, count(*) FROM items GROUP BY state;
      CREATE TRIGGER items_count_insert AFTER INSERT ON items BEGIN
        INSERT INTO item_counts(state, n) VALUES (new.state, 1) ON CONFLICT(state) DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER items_count_delete AFTER DELETE ON items BEGIN
        UPDATE item_counts SET n = n - 1 WHERE state = old.state;
      END;
      CREATE TRIGGER items_count_state AFTER UPDATE OF state ON items WHEN old.state IS NOT new.state BEGIN
        UPDATE item_counts SET n = n - 1 WHERE state = old.state;
        INSERT INTO item_counts(state, n) VALUES (new.state, 1) ON CONFLICT(state) DO UPDATE SET n = n + 1;
      END;
      DROP INDEX items_state;
    `)
  },
}
