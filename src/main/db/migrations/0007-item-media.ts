import type { Migration } from './migration-types'

/**
 * The images of a carousel item (issue 13): one queue item makes one carousel Pin, so its 2–5 files are child
 * rows in their order, each with the text Pinterest lets a carousel image carry (docs/pinterest-api.md §3.2).
 * The item's own row keeps the Pin's fields, state and fingerprint like any item's; these rows only say what to
 * send, and go with the item.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'item-media',
  up(db) {
    db.exec(`
      CREATE TABLE item_media (
        item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        path TEXT NOT NULL,
        title TEXT,
        description TEXT,
        link TEXT,
        PRIMARY KEY (item_id, seq)
      ) WITHOUT ROWID;
    `)
  },
}
