import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DB_FILE_NAME, openDatabaseFile } from '../../src/main/db/connection'
import { watchAsWindow } from '../support/add-paths-kit'
import { useAccountsWorld } from '../support/accounts-world'
import { privateKeyring, realKeyring } from '../support/keychain'
import { writeBigJpeg } from '../support/media-files'
import { startTestApp } from '../support/test-app'
import { waitFor } from '../support/wait-for'

const A = 'production:watch_a'
const B = 'production:watch_b'
const secrets = privateKeyring('-accounts-watch')

describe.skipIf(!realKeyring)('a watched folder keeps the account it was added under (issue 15)', () => {
  const world = useAccountsWorld('accounts-watch', secrets, [A, B])

  it("queues its files under that account after a switch and a restart, on that account's boards", async () => {
    const { fake, root } = world
    const dataDir = join(root, 'data')
    const start = async () => (world.app = await startTestApp({ dataDir, fake, secrets, watchPolling: true }))
    let started = await start()
    const useToken = (username: string) =>
      started.call('account:use-token', {
        token: fake.issueToken({ username }).accessToken,
        environment: 'production',
      })
    // Both users have a board of the same name: the subfolder must name the folder's account's one.
    const travelA = fake.addBoard({ name: 'Travel', owner: 'watch_a' })
    const travelB = fake.addBoard({ name: 'Travel', owner: 'watch_b' })
    const watched = join(root, 'watched')
    const travel = join(watched, 'Travel')
    mkdirSync(travel, { recursive: true })

    expect(await useToken('watch_a')).toMatchObject({ username: 'watch_a' })
    const added = await watchAsWindow(started.dispatch, watched, { subfolderBoards: true, moveDone: false })
    expect(added).toMatchObject({ ok: true })
    expect(await useToken('watch_b')).toMatchObject({ username: 'watch_b' })

    writeBigJpeg(travel, 'one.jpg', 5000)
    await waitFor('the first Pin', () => fake.pins.length === 1, { timeoutMs: 30_000 })

    // Restarted, with watch_b still the account in use: the folder still queues for watch_a.
    await started.shutdown()
    world.app = undefined
    started = await start()
    writeBigJpeg(travel, 'two.jpg', 6000)
    await waitFor('the second Pin', () => fake.pins.length === 2, { timeoutMs: 30_000 })

    expect(fake.pins.map((p) => [p.board_id, p.owner])).toEqual([
      [travelA.id, 'watch_a'],
      [travelA.id, 'watch_a'],
    ])
    expect(fake.pins.filter((p) => p.board_id === travelB.id)).toEqual([])
    expect(await started.call('account:get', {})).toMatchObject({ username: 'watch_b' })
    // The window names the folder's account.
    expect(await started.call('watch:list', {})).toMatchObject([
      { account: 'watch_a', accountEnvironment: 'production' },
    ])
    const db = openDatabaseFile(join(dataDir, DB_FILE_NAME), { migrate: false })
    try {
      expect(db.prepare('SELECT account_key FROM items ORDER BY id').all()).toEqual([
        { account_key: A },
        { account_key: A },
      ])
      expect(db.prepare('SELECT account_key FROM watches').all()).toEqual([{ account_key: A }])
    } finally {
      db.close()
    }
  }, 90_000)
})
