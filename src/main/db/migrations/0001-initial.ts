import type { Migration } from './migration-types'

/** Batches, items (one row per file or URL, with every fact the pipeline persists), watched folders, settings. */
export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE batches (
        id INTEGER PRIMARY KEY,
        origin_kind TEXT NOT NULL,
        label TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );

      CREATE TABLE items (
        id INTEGER PRIMARY KEY,
        batch_id INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        source_path TEXT,
        source_url TEXT,
        size INTEGER,
        mtime_ms INTEGER,
        content_hash TEXT,
        kind TEXT,
        content_type TEXT,
        title TEXT,
        description TEXT,
        link TEXT,
        alt_text TEXT,
        board_id TEXT,
        board_section_id TEXT,
        ad_account_id TEXT,
        cover_key_frame_s INTEGER,
        cover_image_path TEXT,
        state TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER,
        error_kind TEXT,
        error_message TEXT,
        error_fix TEXT,
        error_request_id TEXT,
        media_id TEXT,
        media_status TEXT,
        media_upload_url TEXT,
        media_upload_params TEXT,
        media_uploaded INTEGER NOT NULL DEFAULT 0,
        pin_id TEXT,
        pin_url TEXT,
        publish_at INTEGER,
        force INTEGER NOT NULL DEFAULT 0,
        account_key TEXT,
        create_fingerprint TEXT,
        create_started_at INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX items_batch_seq ON items(batch_id, seq);
      CREATE INDEX items_state ON items(state);

      CREATE TABLE watches (
        id INTEGER PRIMARY KEY,
        folder TEXT NOT NULL UNIQUE,
        board_id TEXT,
        board_section_id TEXT,
        subfolder_boards INTEGER NOT NULL DEFAULT 0,
        move_done INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
      );

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `)
  },
}
