import type { Migration } from './migration-types'

/**
 * Changes and removals of published Pins (`PATCH` / `DELETE /v5/pins/{id}`), queued like creates
 * (docs/architecture.md, "Fix or undo a batch"): one row per item and request, written before anything is
 * sent, so a killed run resumes them; `open` rows are the ones still to send.
 */
export const migration0008: Migration = {
  version: 8,
  name: 'pin-operations',
  up(db) {
    db.exec(`
      CREATE TABLE pin_operations (
        id INTEGER PRIMARY KEY,
        item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        pin_id TEXT NOT NULL,
        patch TEXT,
        state TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        error_message TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX pin_operations_open ON pin_operations(id) WHERE state IN ('pending', 'sending');
      CREATE INDEX pin_operations_item ON pin_operations(item_id, kind, state);
    `)
  },
}
