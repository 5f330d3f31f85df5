import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadTokenBundle } from '../../src/main/auth/token-bundle'
import type { KeyringSecretStore } from '../../src/main/secrets/secret-store'
import type { AccountView, ItemView, QueueTotals } from '../../src/shared/domain'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import { clearAccountSecrets, privateKeyring, realKeyring, USER_KEY } from '../support/keychain'
import { freePort } from '../support/net'
import { startTestApp, type TestApp } from '../support/test-app'
import { waitFor } from '../support/wait-for'
import { addAsWindow } from '../support/add-paths-kit'
import { writeImage } from '../support/media-files'

// Issue 5: when refresh fails for good, only that account's queue pauses with "sign in again"; no item
// fails or is lost; after sign-in the queue continues. Through the whole app: composition root, IPC
// router, real keychain, fake Pinterest.
const APP_ID = 'reauth-app'
const APP_SECRET = `reauth-secret-${randomBytes(8).toString('hex')}`

let fake: FakePinterest
let testApp: TestApp
let root: string
let secrets: KeyringSecretStore
let totals: QueueTotals | undefined
const accountEvents: AccountView[] = []

const call = <T>(channel: string, input: unknown): Promise<T> => testApp.call<T>(channel, input)

describe.skipIf(!realKeyring)('a sign-in that dies pauses its queue, and sign-in resumes it', () => {
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'pinload-reauth-'))
    const port = await freePort()
    fake = await startFakePinterest({
      clients: [{ clientId: APP_ID, clientSecret: APP_SECRET, redirectUris: [`http://localhost:${port}/`] }],
      rateLimits: false,
    })
    secrets = privateKeyring('Reauth')
    testApp = await startTestApp({
      dataDir: join(root, 'data'),
      fake,
      secrets,
      onEvent: (event, payload) => {
        if (event === 'uploads:progress') totals = (payload as { totals: QueueTotals }).totals
        if (event === 'account:changed') accountEvents.push(payload as AccountView)
      },
    })
    await call('account:save-app', {
      appId: APP_ID,
      appSecret: APP_SECRET,
      port,
      environment: 'production',
      secretBoards: false,
    })
  }, 60_000)

  afterAll(async () => {
    await testApp?.shutdown()
    if (secrets) await clearAccountSecrets(secrets, [USER_KEY])
    await fake?.close()
    if (root) rmSync(root, { recursive: true, force: true })
  })

  it('pauses with "sign in again", loses nothing, and publishes everything after sign-in', async () => {
    expect(await call<AccountView>('account:connect', {})).toMatchObject({ status: 'connected' })
    const board = fake.addBoard({ name: 'Reauth' })

    // Both tokens die on Pinterest's side: the next call gets a 401 and the refresh is refused (283).
    const dead = (await loadTokenBundle(secrets, USER_KEY))!
    fake.expireAccessToken(dead.accessToken)
    fake.expireRefreshToken(dead.refreshToken!)

    const media = join(root, 'media')
    mkdirSync(media)
    for (const n of ['a', 'b', 'c']) writeImage(media, `${n}.jpg`, 'jpeg')
    expect(await addAsWindow(testApp.dispatch, [media], { boardId: board.id })).toMatchObject({
      ok: true,
      value: { queued: 3 },
    })

    await waitFor(
      "the account's items to wait for sign-in",
      () =>
        totals?.paused === false &&
        totals.waitingAccounts?.some((w) => w.key === USER_KEY && /sign in/i.test(w.reason)) === true,
    )
    await waitFor(
      'the account to ask for sign-in',
      async () => (await call<AccountView>('account:get', {})).status === 'needs_sign_in',
    )
    const held = await call<{ items: ItemView[] }>('uploads:list', {})
    expect(held.items).toHaveLength(3)
    expect(held.items.filter((i) => i.state === 'failed')).toEqual([])
    expect(fake.pins).toHaveLength(0)

    // The user signs in again: the account's queue continues by itself.
    expect(await call<AccountView>('account:connect', {})).toMatchObject({ status: 'connected' })
    await waitFor('all three Pins', () => fake.pins.length === 3)
    await waitFor('all items published', async () =>
      (await call<{ items: ItemView[] }>('uploads:list', {})).items.every((i) => i.state === 'published'),
    )
    expect(accountEvents.map((a) => a.status)).toContain('needs_sign_in')
    expect(fake.pins).toHaveLength(3)
  }, 60_000)
})
