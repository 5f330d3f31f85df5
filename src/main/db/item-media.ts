import type { ItemDraft } from '../../shared/domain'
import type { Database } from './connection'

/** One image of a carousel item (table `item_media`, migration 0007), in its place in the carousel. */
export interface ItemMediaRow {
  /** 0-based place in the carousel. */
  seq: number
  path: string
  title: string | null
  description: string | null
  link: string | null
}

/** Stores a carousel draft's images for the item just inserted (same transaction as the item). */
export function insertItemMedia(
  db: Database,
  itemId: number,
  images: NonNullable<ItemDraft['carousel']>,
): void {
  const add = db.prepare(
    'INSERT INTO item_media(item_id, seq, path, title, description, link) VALUES (?, ?, ?, ?, ?, ?)',
  )
  images.forEach((im, seq) =>
    add.run(itemId, seq, im.path, im.title ?? null, im.description ?? null, im.link ?? null),
  )
}

/** A carousel item's images in order; empty for any other item. */
export function listItemMedia(db: Database, itemId: number): ItemMediaRow[] {
  return db
    .prepare('SELECT seq, path, title, description, link FROM item_media WHERE item_id = ? ORDER BY seq')
    .all(itemId) as ItemMediaRow[]
}
