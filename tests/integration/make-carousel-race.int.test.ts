import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { listItemMedia } from '../../src/main/db/item-media'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import { MakeCarousel } from '../../src/main/services/make-carousel'
import { writeImage } from '../support/media-files'
import { realHarness } from './pipeline-helpers'

/**
 * Making a carousel (services/make-carousel.ts) reads the items, checks their images on disk (slow), then joins
 * them in one transaction: what the carousel is made of is what the items hold at that transaction, not what they
 * held before the check; and the items must agree on where the one Pin goes, account included.
 */
let fake: FakePinterest
let root: string
beforeAll(async () => {
  fake = await startFakePinterest({ rateLimits: false })
  root = mkdtempSync(join(tmpdir(), 'pinload-make-carousel-race-'))
})
afterAll(async () => {
  await fake.close()
  rmSync(root, { recursive: true, force: true })
})

it('takes the text and board the items have when they are joined, not those read before the image check', async () => {
  const h = realHarness(fake)
  try {
    const dir = join(root, 'shots')
    mkdirSync(dir)
    const files = ['red', 'green'].map((c) => writeImage(dir, `${c}.jpg`, 'jpeg', { color: c }))
    const { batchId } = h.queue.enqueue(
      files.map((path, i) => ({ path, meta: { boardId: 'old', title: `before ${i}` } })),
      { kind: 'folder', label: 'shots' },
      { asDrafts: true },
    )
    const ids = h.queue
      .list()
      .items.filter((v) => v.batchId === batchId)
      .map((v) => v.id)
    let reads = 0
    const make = new MakeCarousel({
      amend: (change) => {
        const out = h.queue.amend(change)
        // The user's edit (both items moved and retitled) lands while the images are being checked.
        if (++reads === 1)
          for (const [i, id] of ids.entries())
            h.db.prepare('UPDATE items SET board_id = ?, title = ? WHERE id = ?').run('new', `after ${i}`, id)
        return out
      },
      showItems: () => {},
    })
    const { itemId } = await make.make(ids)
    const made = h.db.prepare('SELECT board_id, title FROM items WHERE id = ?').get(itemId)
    expect(made).toEqual({ board_id: 'new', title: 'after 0' })
    expect(listItemMedia(h.db, itemId).map((m) => m.title)).toEqual(['after 0', 'after 1'])
  } finally {
    await h.close()
  }
}, 60_000)

it('refuses items of two Pinterest accounts, even on one board id (a group board both can pin to)', async () => {
  const h = realHarness(fake)
  try {
    const dir = join(root, 'accounts')
    mkdirSync(dir)
    const files = ['red', 'green'].map((c) => writeImage(dir, `${c}.jpg`, 'jpeg', { color: c }))
    const { batchId } = h.queue.enqueue(
      files.map((path) => ({ path, meta: { boardId: 'shared' } })),
      { kind: 'folder', label: 'accounts' },
      { asDrafts: true },
    )
    const ids = h.queue
      .list()
      .items.filter((v) => v.batchId === batchId)
      .map((v) => v.id)
    h.db.prepare('UPDATE items SET account_key = ? WHERE id = ?').run('production:anna', ids[0])
    h.db.prepare('UPDATE items SET account_key = ? WHERE id = ?').run('production:ben', ids[1])
    await expect(new MakeCarousel(h.queue).make(ids)).rejects.toThrow(/another Pinterest account/)
    expect(h.db.prepare("SELECT count(*) AS n FROM items WHERE kind = 'carousel'").get()).toEqual({ n: 0 })
  } finally {
    await h.close()
  }
}, 60_000)
