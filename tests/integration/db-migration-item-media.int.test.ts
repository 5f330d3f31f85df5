import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { openDatabaseFile, type Database } from '../../src/main/db/connection'
import { migrate } from '../../src/main/db/migrations/index'

let dir: string
let db: Database
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pinload-mig7-'))
  db = openDatabaseFile(join(dir, 'm.db'), { migrate: false })
})
afterEach(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

it('0007 applied to a DB at version 6 with rows keeps them and adds item_media, removed with its item', () => {
  migrate(db, 6)
  db.prepare("INSERT INTO batches(id, origin_kind, label, created_at) VALUES (1, 'folder', 'Trip', 1)").run()
  db.prepare(
    `INSERT INTO items(id, batch_id, seq, source_path, kind, title, board_id, state, created_at, updated_at)
     VALUES (1, 1, 0, '/t/a.jpg', 'image', 'A', 'b1', 'published', 1, 1),
            (2, 1, 1, '/t/trip.carousel', NULL, 'Trip', 'b1', 'queued', 1, 1)`,
  ).run()
  expect(migrate(db, 7)).toBe(7)
  expect(db.prepare('SELECT id, source_path, state FROM items ORDER BY id').all()).toEqual([
    { id: 1, source_path: '/t/a.jpg', state: 'published' },
    { id: 2, source_path: '/t/trip.carousel', state: 'queued' },
  ])
  const add = db.prepare('INSERT INTO item_media(item_id, seq, path, title, link) VALUES (?, ?, ?, ?, ?)')
  add.run(2, 0, '/t/trip.carousel/1.jpg', 'one', null)
  add.run(2, 1, '/t/trip.carousel/2.jpg', null, 'https://e.com/2')
  expect(() => add.run(2, 1, '/t/other.jpg', null, null)).toThrow(/UNIQUE|PRIMARY/)
  expect(() => add.run(99, 0, '/nowhere.jpg', null, null)).toThrow(/FOREIGN KEY/)
  expect(db.prepare('SELECT seq, path, title, description, link FROM item_media ORDER BY seq').all()).toEqual(
    [
      { seq: 0, path: '/t/trip.carousel/1.jpg', title: 'one', description: null, link: null },
      { seq: 1, path: '/t/trip.carousel/2.jpg', title: null, description: null, link: 'https://e.com/2' },
    ],
  )
  db.prepare('DELETE FROM items WHERE id = 2').run()
  expect(db.prepare('SELECT count(*) AS n FROM item_media').get()).toEqual({ n: 0 })
})
