import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readAccountFile } from '../../src/main/auth/account-file'
import { loadTokenBundle } from '../../src/main/auth/token-bundle'
import { DB_FILE_NAME, openDatabaseFile, type Database } from '../../src/main/db/connection'
import { migrate } from '../../src/main/db/migrations/index'
import { rekeyNamedUser } from '../../src/main/services/sign-in'
import type { QueueTotals } from '../../src/shared/domain'
import { useAccountsWorld } from '../support/accounts-world'
import { addAsWindow } from '../support/add-paths-kit'
import { clearAccountSecrets, privateKeyring, realKeyring, writeUnnamedSignIn } from '../support/keychain'
import { writeImage } from '../support/media-files'
import { startTestApp } from '../support/test-app'
import { waitFor } from '../support/wait-for'

const USER = 'named_later'
const KEY = `production:${USER}`
const secrets = privateKeyring('-rekey')

const keys = (db: Database) => db.prepare('SELECT id, account_key FROM items ORDER BY id').all()
const settings = (db: Database) =>
  db
    .prepare(
      "SELECT key, value FROM settings WHERE key LIKE 'pacing:%' OR key LIKE 'rate.writes.%' ORDER BY key",
    )
    .all()

describe.skipIf(!realKeyring)('an old sign-in Pinterest names after the upgrade (issue 15)', () => {
  const world = useAccountsWorld('rekey', secrets, [KEY, 'production'])

  it('moves the rows kept under the environment to the named user at the first profile read, once', async () => {
    const { fake, root } = world
    const dataDir = join(root, 'data')
    mkdirSync(dataDir)
    // Today's data folder: a queue keyed by environment, and a sign-in account.json never named.
    const old = openDatabaseFile(join(dataDir, DB_FILE_NAME), { migrate: false })
    migrate(old, 9)
    old.prepare("INSERT INTO batches(id, origin_kind, label, created_at) VALUES (1, 'cli', 'old', 1)").run()
    old
      .prepare(
        `INSERT INTO items(id, batch_id, seq, source_path, board_id, state, account_key, created_at, updated_at)
         VALUES (1, 1, 0, '/t/a.jpg', 'B', 'published', 'production', 1, 1),
                (2, 1, 1, '/t/b.jpg', 'B', 'failed', 'production', 1, 1),
                (3, 1, 2, '/t/c.jpg', 'B', 'published', 'sandbox', 1, 1)`,
      )
      .run()
    old
      .prepare(
        `INSERT INTO settings(key, value) VALUES ('pacing:production', '{"dailyCap":20}'),
           ('rate.writes.production', '[]'), ('pacing:sandbox', '{"dailyCap":5}')`,
      )
      .run()
    old.close()
    // Its tokens sit under the environment's own keychain entry, as before issue 15.
    const token = fake.issueToken({ username: USER }).accessToken
    await writeUnnamedSignIn(dataDir, secrets, token)

    // The app starts: migration 0010 keeps the environment key (no user known), then asks Pinterest who it is.
    const started = await startTestApp({ dataDir, fake, secrets })
    world.app = started
    await waitFor(
      'the account to be named',
      async () => (await readAccountFile(dataDir)).current.production === KEY,
    )
    const db = openDatabaseFile(join(dataDir, DB_FILE_NAME), { migrate: false })
    try {
      await waitFor('the rows to move', () => (keys(db)[0] as { account_key: string }).account_key === KEY)
      const movedKeys = [
        { id: 1, account_key: KEY },
        { id: 2, account_key: KEY },
        { id: 3, account_key: 'sandbox' },
      ]
      const movedSettings = [
        { key: `pacing:${KEY}`, value: '{"dailyCap":20}' },
        { key: 'pacing:sandbox', value: '{"dailyCap":5}' },
        { key: `rate.writes.${KEY}`, value: '[]' },
      ]
      expect(keys(db)).toEqual(movedKeys)
      expect(settings(db)).toEqual(movedSettings)
      expect((await loadTokenBundle(secrets, KEY))?.accessToken).toBe(token)

      // Idempotent: asked again, the rows stay where they are.
      expect(await started.app.services.account.whoami()).toMatchObject({ username: USER })
      expect(rekeyNamedUser(db, 'production', KEY)).toEqual([])
      expect(keys(db)).toEqual(movedKeys)
      expect(settings(db)).toEqual(movedSettings)
    } finally {
      db.close()
    }

    // New items go under the user's key and publish with that user's token.
    const board = fake.addBoard({ name: 'Later', owner: USER })
    const dir = join(root, 'new')
    mkdirSync(dir)
    writeImage(dir, 'new.png', 'png')
    expect(await addAsWindow(started.dispatch, [dir], { boardId: board.id })).toMatchObject({ ok: true })
    await waitFor('the new Pin', () => fake.pins.some((p) => p.board_id === board.id))
    expect(fake.pins.map((p) => p.owner)).toEqual([USER])
  }, 60_000)

  it("items queued while nobody was signed in go to the first user who signs in, under that user's key", async () => {
    const { fake, root } = world
    const dataDir = join(root, 'first')
    const started = await startTestApp({ dataDir, fake, secrets })
    try {
      const board = fake.addBoard({ name: 'First', owner: 'first_user' })
      const dir = join(root, 'early')
      mkdirSync(dir)
      writeImage(dir, 'early.png', 'png')
      expect(await addAsWindow(started.dispatch, [dir], { boardId: board.id })).toMatchObject({ ok: true })
      const totals = async () => (await started.call<{ totals: QueueTotals }>('uploads:list', {})).totals
      // Nobody signed in: the environment's items wait for a sign-in, and the totals say so.
      await waitFor('the items of production to wait for a sign-in', async () =>
        ((await totals()).waitingAccounts ?? []).some((w) => w.key === 'production'),
      )
      const token = fake.issueToken({ username: 'first_user' }).accessToken
      expect(await started.call('account:use-token', { token, environment: 'production' })).toMatchObject({
        username: 'first_user',
      })
      await waitFor('the Pin', () => fake.pins.some((p) => p.board_id === board.id))
      expect(fake.pins.find((p) => p.board_id === board.id)?.owner).toBe('first_user')
      // The rows moved to the user's key, and the pause held for the environment's key went with them.
      await started.app.services.queue.whenIdle()
      expect(await totals()).toMatchObject({ paused: false })
      expect((await totals()).waitingAccounts).toBeUndefined()
      const db = openDatabaseFile(join(dataDir, DB_FILE_NAME), { migrate: false })
      try {
        expect(keys(db)).toEqual([{ id: 1, account_key: 'production:first_user' }])
      } finally {
        db.close()
      }
    } finally {
      await started.shutdown()
      await clearAccountSecrets(secrets, ['production:first_user'])
    }
  }, 60_000)
})
