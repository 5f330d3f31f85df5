import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { openDatabaseFile, type Database } from '../../src/main/db/connection'
import { migrate } from '../../src/main/db/migrations/index'
import { PinCheckRepository } from '../../src/main/db/pin-check-repository'
import { PinOperationRepository } from '../../src/main/db/pin-operation-repository'

/** Migrations 0006 (pin_checks) and 0008 (pin_operations) over a database with published items (issue 15). */

let dir: string
let db: Database
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pinload-mig-results-'))
  db = openDatabaseFile(join(dir, 'm.db'), { migrate: false })
})
afterEach(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

it('0006 and 0008 keep every item, and their rows follow an item that is deleted', () => {
  migrate(db, 5)
  db.prepare("INSERT INTO batches(id, origin_kind, label, created_at) VALUES (1, 'folder', 'Trip', 1)").run()
  db.prepare(
    `INSERT INTO items(batch_id, seq, source_path, title, board_id, state, pin_id, created_at, updated_at)
     VALUES (1, 0, '/a.jpg', 'A', '11', 'published', '901', 1, 1), (1, 1, '/b.jpg', 'B', '11', 'queued', NULL, 1, 1)`,
  ).run()
  migrate(db, 6)
  const checks = new PinCheckRepository(db)
  checks.record({ itemId: 1, pinId: '901', checkedAt: 5, found: true, boardId: '11', pinCreatedAt: 'T' })
  checks.record({ itemId: 1, pinId: '901', checkedAt: 6, found: true, metrics: { impressions: 3, saves: 1 } })
  // A later read without counts keeps the counts and what it did not say.
  checks.record({ itemId: 1, pinId: '901', checkedAt: 7, found: false })
  expect(checks.get(1)).toMatchObject({
    checkedAt: 7,
    found: false,
    boardId: '11',
    pinCreatedAt: 'T',
    impressions: 3,
    saves: 1,
    clicks: null,
    metricsAt: 6,
  })
  // The Pin published again: the old Pin's facts go.
  checks.record({ itemId: 1, pinId: '902', checkedAt: 8, found: true })
  expect(checks.get(1)).toMatchObject({ pinId: '902', boardId: null, impressions: null, metricsAt: null })

  migrate(db)
  expect((db.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n).toBe(2)
  const ops = new PinOperationRepository(db)
  const [id] = db.transaction(() => ops.add([{ itemId: 1, kind: 'delete', pinId: '902' }]))
  expect(ops.open().map((o) => [o.id, o.state])).toEqual([[id, 'pending']])
  ops.mark(id!, 'sending')
  expect(ops.resetSending()).toBe(1)
  ops.mark(id!, 'done')
  expect([...ops.removedItemIds()]).toEqual([1])

  db.prepare('DELETE FROM items WHERE id = 1').run()
  expect(checks.all().size).toBe(0)
  expect(ops.byIds([id!])).toEqual([])
})
