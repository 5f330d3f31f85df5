import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { openAppData } from '../../src/main/app/app-core'
import { DB_FILE_NAME, openDatabaseFile, type Database } from '../../src/main/db/connection'
import { rekeyAccount } from '../../src/main/db/migrations/0010-account-keys'
import { LATEST_VERSION, migrate } from '../../src/main/db/migrations/index'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pinload-mig10-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

/** A queue as Pinload wrote it before issue 15: rows keyed by environment. */
function oldQueue(db: Database): void {
  migrate(db, 9)
  db.prepare("INSERT INTO batches(id, origin_kind, label, created_at) VALUES (1, 'cli', 'old', 1)").run()
  db.prepare(
    `INSERT INTO items(id, batch_id, seq, source_path, board_id, state, account_key, created_at, updated_at)
     VALUES (1, 1, 0, '/t/a.jpg', 'B', 'queued', 'production', 1, 1),
            (2, 1, 1, '/t/b.jpg', 'B', 'published', 'production', 1, 1),
            (3, 1, 2, '/t/c.jpg', 'B', 'queued', 'sandbox', 1, 1),
            (4, 1, 3, '/t/d.jpg', 'B', 'queued', NULL, 1, 1)`,
  ).run()
  db.prepare(
    `INSERT INTO settings(key, value) VALUES ('pacing:production', '{"dailyCap":20}'),
       ('rate.writes.production', '[]'), ('pacing:sandbox', '{"dailyCap":5}')`,
  ).run()
}

const keys = (db: Database) => db.prepare('SELECT id, account_key FROM items ORDER BY id').all()
const settings = (db: Database) => db.prepare('SELECT key, value FROM settings ORDER BY key').all()

it('0010 moves the rows of an environment to its current account, and only those; twice changes nothing', () => {
  const db = openDatabaseFile(join(dir, 'm.db'), { migrate: false })
  try {
    oldQueue(db)
    expect(migrate(db, 10, { accountKeys: { production: 'production:studio_a' } })).toBe(10)
    const after = [
      { id: 1, account_key: 'production:studio_a' },
      { id: 2, account_key: 'production:studio_a' },
      { id: 3, account_key: 'sandbox' },
      { id: 4, account_key: null },
    ]
    expect(keys(db)).toEqual(after)
    const afterSettings = [
      { key: 'pacing:production:studio_a', value: '{"dailyCap":20}' },
      { key: 'pacing:sandbox', value: '{"dailyCap":5}' },
      { key: 'rate.writes.production:studio_a', value: '[]' },
    ]
    expect(settings(db)).toEqual(afterSettings)
    // Idempotent: again (a start that crashed after the step and redid it) finds nothing keyed `production`.
    rekeyAccount(db, 'production', 'production:studio_a')
    expect(keys(db)).toEqual(after)
    expect(settings(db)).toEqual(afterSettings)
    expect(migrate(db, 10, { accountKeys: { production: 'production:other' } })).toBe(10)
    expect(keys(db)).toEqual(after)
  } finally {
    db.close()
  }
})

it('a setting the account already has keeps its value', () => {
  const db = openDatabaseFile(join(dir, 'm.db'), { migrate: false })
  try {
    oldQueue(db)
    db.prepare(
      `INSERT INTO settings(key, value) VALUES ('pacing:production:studio_a', '{"dailyCap":3}')`,
    ).run()
    rekeyAccount(db, 'production', 'production:studio_a')
    expect(settings(db)).toContainEqual({ key: 'pacing:production:studio_a', value: '{"dailyCap":3}' })
    expect(settings(db).map((r) => (r as { key: string }).key)).not.toContain('pacing:production')
  } finally {
    db.close()
  }
})

it("the app started on today's data folder (signed in, items queued) keys them by the signed-in user", () => {
  const old = openDatabaseFile(join(dir, DB_FILE_NAME), { migrate: false })
  oldQueue(old)
  old.close()
  writeFileSync(
    join(dir, 'account.json'),
    JSON.stringify({
      version: 1,
      environment: 'production',
      profiles: { production: { appId: 'app', username: 'studio_a', status: 'connected' } },
    }),
  )
  const data = openAppData({ dataDir: dir, env: {} })
  try {
    expect(data.db.userVersion()).toBe(LATEST_VERSION)
    expect(keys(data.db)).toEqual([
      { id: 1, account_key: 'production:studio_a' },
      { id: 2, account_key: 'production:studio_a' },
      { id: 3, account_key: 'sandbox' },
      { id: 4, account_key: null },
    ])
  } finally {
    data.close()
  }
})

it('0012 gives a folder watched before accounts the account then in use, so a later switch does not take it', () => {
  const db = openDatabaseFile(join(dir, 'm.db'), { migrate: false })
  try {
    migrate(db, 10)
    db.prepare(
      "INSERT INTO watches(id, folder, board_id, created_at) VALUES (1, '/w/shop', '700', 1), (2, '/w/other', '701', 1)",
    ).run()
    migrate(db, 11)
    db.prepare("UPDATE watches SET account_key = 'production:added_later' WHERE id = 2").run()
    expect(migrate(db, 12, { currentKey: 'production:studio_a' })).toBe(12)
    expect(db.prepare('SELECT id, account_key FROM watches ORDER BY id').all()).toEqual([
      { id: 1, account_key: 'production:studio_a' },
      { id: 2, account_key: 'production:added_later' },
    ])
  } finally {
    db.close()
  }
})
