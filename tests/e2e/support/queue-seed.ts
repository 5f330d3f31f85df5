import { openDatabase } from '../../../src/main/db/connection'
import { ItemRepository } from '../../../src/main/db/item-repository'
import { errorPatch } from '../../../src/main/db/item-rows'
import type { ItemError, ItemState } from '../../../src/shared/domain'
import { pinWebUrl } from '../../../src/shared/pinterest-urls'

const ERRORS: ItemError[] = [
  {
    kind: 'file',
    message: 'holiday/IMG_0042.heic is a HEIC image, which Pinterest does not take.',
    fix: 'Convert it to JPEG or PNG and add it again.',
  },
  {
    kind: 'validation',
    message: 'The link "htp://example" is not a valid URL.',
    fix: 'Correct the link in the CSV, then retry.',
    requestId: '8f1c2a9e0b7d4e31',
  },
  { kind: 'media_failed', message: 'Pinterest could not process clip.mov.', requestId: '3a0e7c55d1f24b90' },
]

const LOST_BOARD: ItemError = {
  kind: 'not_found',
  message: 'The board “Recipes” is gone, so Pinload cannot check whether the Pin was created.',
  fix: 'Check the board on pinterest.com, then retry or cancel.',
}

/** States cycled through for a mixed queue (mostly queued, like a fresh big batch). */
const MIX: readonly ItemState[] = [
  'published',
  'uploading',
  'processing',
  'failed',
  'needs_attention',
  'queued',
  'queued',
  'queued',
  'creating',
  'cancelled',
]

/** The first Pin id of a seeded queue: item i (from 0) that is published has Pin `FIRST_PIN_ID + i`. */
export const FIRST_PIN_ID = 800_000_000_000

/**
 * Writes `count` items into the app's database through the real repository, on a connection of its own
 * as the `pinload` command does. Call it while the queue is paused (the real `uploads:pause-all`), so the
 * rows stay as written: `mixed` spreads states, errors and Pin links over them (screenshots, axe),
 * otherwise all are queued. The window sees them on its next `uploads:list`. Returns the item ids.
 */
export function seedQueue(
  dataDir: string,
  count: number,
  opts: { mixed?: boolean; boardId: string },
): number[] {
  const db = openDatabase({ dataDir })
  try {
    const repo = new ItemRepository(db)
    return db.transaction(() => {
      const batchId = repo.createBatch({ kind: 'cli', label: 'seeded' })
      const ids: number[] = []
      for (let i = 0; i < count; i++) {
        const state: ItemState = opts.mixed ? MIX[i % MIX.length]! : 'queued'
        const video = i % 7 === 3
        const n = String(i + 1).padStart(5, '0')
        const row = repo.insertRow(batchId, i, {
          draft: {
            path: `/home/user/Pictures/batch/${video ? `clip-${n}.mp4` : `photo-${n}.jpg`}`,
            meta: { boardId: opts.boardId },
          },
          kind: video ? 'video' : 'image',
          size: video ? 48_000_000 + i * 1000 : 2_400_000 + i * 100,
          mtimeMs: 0,
          state,
        })
        const pinId = String(FIRST_PIN_ID + i)
        repo.update(row.id, {
          attempts: state === 'queued' ? 0 : 1,
          ...(video && state === 'processing' && { media_status: 'processing' as const }),
          ...(state === 'published' && { pin_id: pinId, pin_url: pinWebUrl(pinId) }),
          ...(state === 'failed' && errorPatch(ERRORS[i % ERRORS.length]!)),
          ...(state === 'needs_attention' && errorPatch(LOST_BOARD)),
        })
        ids.push(row.id)
      }
      return ids
    })
  } finally {
    db.close()
  }
}
