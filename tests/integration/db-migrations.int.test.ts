import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabaseFile, type Database } from '../../src/main/db/connection'
import { LATEST_VERSION, MIGRATIONS, migrate } from '../../src/main/db/migrations/index'

let dir: string
const open: Database[] = []
const fresh = (name = 'm.db') => {
  const db = openDatabaseFile(join(dir, name), { migrate: false })
  open.push(db)
  return db
}
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pinload-mig-'))
})
afterEach(() => {
  for (const db of open.splice(0)) db.close()
  rmSync(dir, { recursive: true, force: true })
})

const tables = (db: Database) =>
  (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
      name: string
    }[]
  ).map((r) => r.name)
const indexes = (db: Database) =>
  (
    db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all() as { name: string }[]
  ).map((r) => r.name)

function seedV1(db: Database): void {
  db.prepare("INSERT INTO batches(id, origin_kind, label, created_at) VALUES (1, 'folder', 'Trip', 1)").run()
  db.prepare(
    `INSERT INTO items(batch_id, seq, source_path, size, mtime_ms, content_hash, kind, title, board_id, state, pin_id, created_at, updated_at)
     VALUES (1, 0, '/a.jpg', 10, 5, 'h1', 'image', 'A', 'b1', 'published', 'p1', 1, 1),
            (1, 1, '/b.mp4', 20, 6, NULL, NULL, 'B', 'b1', 'queued', NULL, 1, 1)`,
  ).run()
  db.prepare("INSERT INTO watches(folder, created_at) VALUES ('/w', 1)").run()
  db.prepare("INSERT INTO settings(key, value) VALUES ('concurrency', '4')").run()
}

describe('migrations', () => {
  it('are numbered 1..n without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(
      Array.from({ length: MIGRATIONS.length }, (_, i) => i + 1),
    )
    expect(LATEST_VERSION).toBe(MIGRATIONS.length)
  })

  it('0001 applied to an empty DB creates the tables and sets user_version 1', () => {
    const db = fresh()
    expect(db.userVersion()).toBe(0)
    expect(migrate(db, 1)).toBe(1)
    expect(tables(db)).toEqual(['batches', 'items', 'settings', 'watches'])
    // Deleting a batch removes its items (foreign keys on).
    seedV1(db)
    db.prepare('DELETE FROM batches WHERE id = 1').run()
    expect(db.prepare('SELECT count(*) AS n FROM items').get()).toEqual({ n: 0 })
  })

  it('0002 applied to a DB at version 1 with rows keeps every row and adds the lookups', () => {
    const db = fresh()
    migrate(db, 1)
    seedV1(db)
    expect(migrate(db, 2)).toBe(2)
    expect(indexes(db)).toEqual(expect.arrayContaining(['items_hash_board', 'items_path', 'items_pin']))
    expect(db.prepare('SELECT source_path, state, pin_id FROM items ORDER BY seq').all()).toEqual([
      { source_path: '/a.jpg', state: 'published', pin_id: 'p1' },
      { source_path: '/b.mp4', state: 'queued', pin_id: null },
    ])
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT * FROM items WHERE content_hash = 'h1' AND board_id = 'b1'")
      .all() as { detail: string }[]
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/items_hash_board/)
  })

  it('0002 applied to an empty DB at version 1 works too', () => {
    const db = fresh()
    migrate(db, 1)
    expect(migrate(db, 2)).toBe(2)
  })

  it('0003 applied to a DB at version 2 with rows indexes only the unfinished items, in queue order', () => {
    const db = fresh()
    migrate(db, 2)
    seedV1(db)
    expect(migrate(db, 3)).toBe(3)
    expect(indexes(db)).toContain('items_pending')
    const pending = db
      .prepare(
        "SELECT source_path FROM items INDEXED BY items_pending WHERE state IN ('queued','validating','uploading','processing','creating','needs_attention') ORDER BY batch_id, seq",
      )
      .all()
    expect(pending).toEqual([{ source_path: '/b.mp4' }])
    expect(db.prepare('SELECT count(*) AS n FROM items').get()).toEqual({ n: 2 })
  })

  it('0004 applied to a DB at version 3 with rows tallies them by state, keeps the tally in step and drops the state index', () => {
    const db = fresh()
    migrate(db, 3)
    seedV1(db)
    expect(migrate(db, 4)).toBe(4)
    expect(indexes(db)).not.toContain('items_state')
    const counts = () =>
      Object.fromEntries(
        (
          db.prepare('SELECT state, n FROM item_counts WHERE n > 0 ORDER BY state').all() as {
            state: string
            n: number
          }[]
        ).map((r) => [r.state, r.n]),
      )
    const truth = () =>
      Object.fromEntries(
        (
          db.prepare('SELECT state, count(*) AS n FROM items GROUP BY state ORDER BY state').all() as {
            state: string
            n: number
          }[]
        ).map((r) => [r.state, r.n]),
      )
    expect(counts()).toEqual({ published: 1, queued: 1 })
    db.prepare(
      "INSERT INTO items(batch_id, seq, state, created_at, updated_at) VALUES (1, 2, 'queued', 1, 1), (1, 3, 'failed', 1, 1)",
    ).run()
    db.prepare("UPDATE items SET state = 'creating' WHERE seq = 1").run()
    db.prepare("UPDATE items SET title = 'same state' WHERE seq = 2").run()
    db.prepare("UPDATE items SET state = 'failed' WHERE seq = 2").run()
    db.prepare('DELETE FROM items WHERE seq = 3').run()
    // A change rolled back takes its count with it.
    expect(() =>
      db.transaction(() => {
        db.prepare("UPDATE items SET state = 'published' WHERE seq = 1").run()
        throw new Error('rolled back')
      }),
    ).toThrow('rolled back')
    expect(counts()).toEqual(truth())
    expect(counts()).toEqual({ creating: 1, failed: 1, published: 1 })
    db.prepare('DELETE FROM batches WHERE id = 1').run()
    expect(counts()).toEqual({})
  })

  it('running migrate again is a no-op, and a newer schema is refused', () => {
    const db = fresh()
    expect(migrate(db)).toBe(LATEST_VERSION)
    expect(migrate(db)).toBe(LATEST_VERSION)
    db.setUserVersion(LATEST_VERSION + 1)
    expect(() => migrate(db)).toThrow(/newer Pinload/)
  })

  it('a failing migration leaves the DB at the previous version', () => {
    const db = fresh()
    migrate(db, 1)
    db.exec('CREATE INDEX items_path ON items(source_path)') // collides with 0002's index name
    expect(() => migrate(db)).toThrow()
    expect(db.userVersion()).toBe(1)
    expect(indexes(db)).not.toContain('items_hash_board')
  })

  it('openDatabaseFile migrates to the latest version by default', () => {
    const db = openDatabaseFile(join(dir, 'auto.db'))
    open.push(db)
    expect(db.userVersion()).toBe(LATEST_VERSION)
  })
})
