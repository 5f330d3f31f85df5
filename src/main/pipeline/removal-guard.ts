import { AppError } from '../../shared/ipc/result'
import type { Database } from '../db/connection'
import type { ItemRow } from '../db/item-rows'

/**
 * Refuses to remove an item whose row other work still needs: one being created, or one with a change or
 * removal of its Pin queued or in flight — its `pin_operations` rows go with the item (ON DELETE CASCADE),
 * so removing it would silently drop that work (issue 15).
 */
export function assertRemovable(db: Database, row: ItemRow): void {
  if (row.state === 'creating')
    throw new AppError(
      'conflict',
      'This Pin is being created; wait until it is published or needs attention, then remove it.',
    )
  const open = db
    .prepare(`SELECT 1 FROM pin_operations WHERE item_id = ? AND state IN ('pending', 'sending') LIMIT 1`)
    .values(row.id)
  if (open.length > 0)
    throw new AppError(
      'conflict',
      'This Pin has an update or removal on Pinterest still to send; wait until it is done, then remove it.',
    )
}
