import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { openDatabaseFile, type Database } from '../../src/main/db/connection'
import { dropItemOffset, insertItemOffset, itemOffset } from '../../src/main/db/item-offsets'
import { migrate } from '../../src/main/db/migrations/index'

let dir: string
let db: Database
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pinload-mig9-'))
  db = openDatabaseFile(join(dir, 'm.db'), { migrate: false })
})
afterEach(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

it('0009 applied to a DB at version 8 with drafts keeps them and adds item_offsets, removed with its item', () => {
  migrate(db, 8)
  db.prepare("INSERT INTO batches(id, origin_kind, label, created_at) VALUES (1, 'cli', 'spread', 1)").run()
  db.prepare(
    `INSERT INTO items(id, batch_id, seq, source_path, board_id, state, publish_at, created_at, updated_at)
     VALUES (1, 1, 0, '/t/a.jpg', 'A', 'draft', NULL, 1, 1),
            (2, 1, 1, '/t/a.jpg', 'B', 'draft', 7200001, 1, 1)`,
  ).run()
  expect(migrate(db, 9)).toBe(9)
  expect(db.prepare('SELECT id, state, publish_at FROM items ORDER BY id').all()).toEqual([
    { id: 1, state: 'draft', publish_at: null },
    { id: 2, state: 'draft', publish_at: 7200001 },
  ])
  // Drafts of earlier versions have no offset: they keep their time when published, as they did.
  expect(itemOffset(db, 2)).toBeUndefined()
  insertItemOffset(db, 2, 7_200_000)
  expect(itemOffset(db, 2)).toBe(7_200_000)
  expect(() => insertItemOffset(db, 99, 1)).toThrow(/FOREIGN KEY/)
  dropItemOffset(db, 2)
  expect(itemOffset(db, 2)).toBeUndefined()
  insertItemOffset(db, 2, 7_200_000)
  db.prepare('DELETE FROM items WHERE id = 2').run()
  expect(db.prepare('SELECT count(*) AS n FROM item_offsets').get()).toEqual({ n: 0 })
})
