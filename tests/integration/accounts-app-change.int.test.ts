import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { updateUser } from '../../src/main/auth/account-file'
import { saveTokenBundle } from '../../src/main/auth/token-bundle'
import { DEFAULT_USERNAME, startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import type { AccountView, QueueTotals } from '../../src/shared/domain'
import { addAsWindow } from '../support/add-paths-kit'
import { clearAccountSecrets, privateKeyring, realKeyring, USER_KEY } from '../support/keychain'
import { writeImage } from '../support/media-files'
import { freePort } from '../support/net'
import { startTestApp, type TestApp } from '../support/test-app'
import { waitFor } from '../support/wait-for'

const APP_ID = 'first-app'
const APP_SECRET = `first-secret-${randomBytes(6).toString('hex')}`
const OTHER = 'production:other_user'
const secrets = privateKeyring('-app-change')
let fake: FakePinterest
let app: TestApp | undefined
let root: string
let totals: QueueTotals | undefined

describe.skipIf(!realKeyring)('a new App ID (issue 15)', () => {
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'pinload-app-change-'))
    const port = await freePort()
    fake = await startFakePinterest({
      clients: [{ clientId: APP_ID, clientSecret: APP_SECRET, redirectUris: [`http://localhost:${port}/`] }],
      rateLimits: false,
    })
    const dataDir = join(root, 'data')
    app = await startTestApp({
      dataDir,
      fake,
      secrets,
      onEvent: (event, payload) => {
        if (event === 'uploads:progress') totals = (payload as { totals: QueueTotals }).totals
      },
    })
    await app.call('account:save-app', {
      appId: APP_ID,
      appSecret: APP_SECRET,
      port,
      environment: 'production',
      secretBoards: false,
    })
  }, 60_000)
  afterAll(async () => {
    await app?.shutdown()
    await clearAccountSecrets(secrets, [USER_KEY, OTHER])
    await fake.close()
    rmSync(root, { recursive: true, force: true })
  })

  it('asks every user of that environment signed in through the old app to sign in again; none of their items go', async () => {
    const started = app!
    const dataDir = join(root, 'data')
    // Two users signed in through the first app: one in the browser, one whose sign-in another process stored.
    expect(await started.call<AccountView>('account:connect', {})).toMatchObject({ status: 'connected' })
    const other = fake.issueToken({ clientId: APP_ID, username: 'other_user' })
    await saveTokenBundle(secrets, OTHER, {
      accessToken: other.accessToken,
      refreshToken: other.refreshToken,
      accessExpiresAt: null,
      refreshExpiresAt: null,
      scope: null,
    })
    await updateUser(dataDir, OTHER, (u) => ({ ...u, status: 'connected', tokenSource: 'oauth' }))
    await started.app.services.account.reload()
    const both = await started.call<{ key: string; status: string }[]>('accounts:list', {})
    expect(both.map((a) => [a.key, a.status])).toEqual([
      [USER_KEY, 'connected'],
      [OTHER, 'connected'],
    ])

    // Each has a batch waiting in the paused queue.
    await started.call('uploads:pause-all', {})
    const add = async (name: string, owner: string) => {
      const board = fake.addBoard({ name: 'Mine', owner })
      const dir = join(root, name)
      mkdirSync(dir)
      writeImage(dir, `${name}.png`, 'png')
      expect(await addAsWindow(started.dispatch, [dir], { boardId: board.id })).toMatchObject({ ok: true })
    }
    await add('first', DEFAULT_USERNAME)
    await started.call('accounts:use', { key: OTHER })
    await add('second', 'other_user')

    const changed = await started.call<AccountView>('account:save-app', {
      appId: 'second-app',
      port: 8085,
      environment: 'production',
      secretBoards: false,
    })
    expect(changed).toMatchObject({
      status: 'needs_sign_in',
      message: 'The App ID changed: sign in again with the new app.',
    })
    const after = await started.call<{ key: string; status: string }[]>('accounts:list', {})
    expect(after.map((a) => [a.key, a.status])).toEqual([
      [USER_KEY, 'needs_sign_in'],
      [OTHER, 'needs_sign_in'],
    ])
    // The queue goes on, but both accounts' items wait for a sign-in, and the window is told why.
    await started.call('uploads:resume-all', {})
    await waitFor(
      'the queue to wait for a sign-in',
      () =>
        totals?.paused === false &&
        (totals.waitingAccounts ?? [])
          .filter((w) => w.reason === 'Sign in again to continue')
          .map((w) => w.key)
          .sort()
          .join() === [USER_KEY, OTHER].sort().join(),
    )
    expect(fake.pins).toEqual([])
  }, 60_000)
})
