import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { openDatabaseFile, type Database } from '../../src/main/db/connection'
import { ItemRepository } from '../../src/main/db/item-repository'
import { migrate } from '../../src/main/db/migrations/index'

// Migration 0005 (drafts and scheduled items), in the manner of db-migrations.int.test.ts: a database at
// version 4 with rows is migrated, and the rows, the tally and the queue's reads are what the code expects.
let dir: string
let db: Database
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pinload-mig5-'))
  db = openDatabaseFile(join(dir, 'm.db'), { migrate: false })
})
afterEach(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

it('0005 turns queued items with a future publish time into scheduled, and the queue gates them by time', () => {
  migrate(db, 4)
  const future = Date.now() + 3_600_000
  db.prepare("INSERT INTO batches(id, origin_kind, label, created_at) VALUES (1, 'csv', 'Plan', 1)").run()
  db.prepare(
    `INSERT INTO items(batch_id, seq, source_path, state, publish_at, pin_id, created_at, updated_at)
     VALUES (1, 0, '/later.jpg', 'queued', ?, NULL, 1, 1),
            (1, 1, '/past.jpg', 'queued', 5, NULL, 1, 1),
            (1, 2, '/now.jpg', 'queued', NULL, NULL, 1, 1),
            (1, 3, '/done.jpg', 'published', ?, 'p1', 1, 1)`,
  ).run(future, future)
  expect(migrate(db, 5)).toBe(5)

  const states = db.prepare('SELECT source_path, state FROM items ORDER BY seq').all()
  expect(states).toEqual([
    { source_path: '/later.jpg', state: 'scheduled' },
    { source_path: '/past.jpg', state: 'queued' },
    { source_path: '/now.jpg', state: 'queued' },
    { source_path: '/done.jpg', state: 'published' },
  ])
  // The tally of migration 0004 followed the change.
  const counts = Object.fromEntries(
    (db.prepare('SELECT state, n FROM item_counts WHERE n > 0').all() as { state: string; n: number }[]).map(
      (r) => [r.state, r.n],
    ),
  )
  expect(counts).toEqual({ scheduled: 1, queued: 2, published: 1 })

  // The pending index now holds drafts and scheduled items; the queue reads through it (INDEXED BY fails if not).
  db.prepare(
    "INSERT INTO items(batch_id, seq, source_path, state, created_at, updated_at) VALUES (1, 4, '/draft.jpg', 'draft', 1, 1)",
  ).run()
  const repo = new ItemRepository(db)
  const ids = (paths: string[]) =>
    paths.map((p) => (db.prepare('SELECT id FROM items WHERE source_path = ?').get(p) as { id: number }).id)
  const runnable = (now: number) =>
    repo.nextRunnable(10, { exclude: [], blockedAccounts: [], now }).map((r) => r.id)
  expect(runnable(Date.now())).toEqual(ids(['/past.jpg', '/now.jpg']))
  expect(runnable(future)).toEqual(ids(['/later.jpg', '/past.jpg', '/now.jpg']))
  expect(repo.nextDueAt({ blockedAccounts: [], now: Date.now() })).toBe(future)
  expect(repo.byState('draft').map((r) => r.source_path)).toEqual(['/draft.jpg'])
  expect(repo.byState('scheduled').map((r) => r.source_path)).toEqual(['/later.jpg'])
  // A draft and a waiting item are still work of the batch; only due, non-draft items are pending work now.
  expect(repo.batchHasPending(1)).toBe(true)
  expect(repo.hasPendingWork({ blockedAccounts: [] }, Date.now())).toBe(true)
  db.prepare("UPDATE items SET state = 'published' WHERE source_path IN ('/past.jpg', '/now.jpg')").run()
  expect(repo.hasPendingWork({ blockedAccounts: [] }, Date.now())).toBe(false)
  // The same file is known on its board as a draft, so adding it again is a duplicate.
  expect(repo.knownState('/draft.jpg', null, null, null)).toBe('draft')
})
