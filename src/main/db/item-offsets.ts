import type { Database } from './connection'

/**
 * A spread Pin's place after its file's first one (table `item_offsets`, migration 0009): what a draft's time is
 * counted again from when it is published (src/main/pipeline/item-plans.ts, publishDrafts).
 */

/** Stores the item's offset (same transaction as the item). */
export function insertItemOffset(db: Database, itemId: number, offsetMs: number): void {
  db.prepare('INSERT OR REPLACE INTO item_offsets(item_id, offset_ms) VALUES (?, ?)').run(itemId, offsetMs)
}

/** The item's offset, ms; undefined when it has none (the first board's Pin, a file on one board). */
export function itemOffset(db: Database, itemId: number): number | undefined {
  const r = db.prepare('SELECT offset_ms FROM item_offsets WHERE item_id = ?').get(itemId) as
    { offset_ms: number } | undefined
  return r?.offset_ms
}

/** Forgets the item's offset: the user gave it a time of its own (or took its time off). */
export function dropItemOffset(db: Database, itemId: number): void {
  db.prepare('DELETE FROM item_offsets WHERE item_id = ?').run(itemId)
}
