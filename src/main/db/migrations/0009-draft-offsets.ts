import type { Migration } from './migration-types'

/**
 * How long after its file's first Pin a Pin spread over several boards goes (issue 13: `--board A --board B
 * --interval 2h`, a CSV's `interval`). A draft's time was counted from when it was added; publishing it days
 * later counts it again from then, which needs the spacing itself. One row per item that has one; it goes
 * with the item, and with an explicit time the user gives the item.
 */
export const migration0009: Migration = {
  version: 9,
  name: 'draft-offsets',
  up(db) {
    db.exec(`
      CREATE TABLE item_offsets (
        item_id INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
        offset_ms INTEGER NOT NULL
      );
    `)
  },
}
