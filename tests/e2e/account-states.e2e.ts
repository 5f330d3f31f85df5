import { loadTokenBundle } from '../../src/main/auth/token-bundle'
import { DEFAULT_USERNAME } from '../../src/main/fake-pinterest/index'
import { MemorySecretStore } from '../../src/main/secrets/secret-store'
import { test, expect } from './support/fixtures'
import { AppPage } from './pages/app-page'
import { FirstRunPage } from './pages/first-run-page'

test.describe('a sign-in Pinterest ended, then a keychain that went away', () => {
  // The refresh token ends within the warning window, and the keychain is one the test can switch off.
  test.use({ memoryKeychain: true, fakeOptions: { refreshTokenTtlSec: 5 * 24 * 3600 } })

  test('needs_sign_in and no_keychain get their own clear messages', async ({ page, world }) => {
    const saved = await world.invoke('account:save-app', {
      appId: world.app.appId,
      appSecret: world.app.appSecret,
      port: world.app.port,
      environment: 'production',
      secretBoards: false,
    })
    expect(saved).toMatchObject({ ok: true })
    expect(await world.invoke('account:connect', {})).toMatchObject({
      ok: true,
      value: { status: 'connected' },
    })
    const app = new AppPage(page)
    await app.load()
    await app.open('Account')
    await expect(page.getByText(/Your Pinterest sign-in ends in 5 days/)).toBeVisible()

    // Pinterest ends both tokens: the next call gets a 401 and the refresh is refused.
    const tokens = (await loadTokenBundle(world.backend.secrets, `production:${DEFAULT_USERNAME}`))!
    world.backend.fake.expireAccessToken(tokens.accessToken)
    world.backend.fake.expireRefreshToken(tokens.refreshToken!)
    // Boards are listed from a cache; creating one is a call Pinterest must answer.
    expect(await world.invoke('boards:create', { name: 'Weeknight dinners' })).toMatchObject({ ok: false })
    await expect(page.getByRole('alert').first()).toContainText(
      'uploads for this account are paused and will continue after you sign in',
    )
    await expect(page.getByRole('button', { name: 'Sign in again' })).toBeEnabled()

    const keychain = world.backend.secrets
    if (!(keychain instanceof MemorySecretStore)) throw new Error('this spec needs the in-memory keychain')
    keychain.unavailable = true
    await world.backend.app.services.account.reload()
    await expect(page.getByRole('alert')).toContainText('cannot reach the system keychain')
  })
})

test('connecting shows "waiting for the browser…" and Cancel stops it', async ({ page, world }) => {
  // The browser shows Pinterest's page and the user has not approved yet.
  world.desktop.approveSignIn = false
  const app = new AppPage(page)
  await app.load()
  const firstRun = new FirstRunPage(page)
  await firstRun.giveKeys(world.app.appId, world.app.appSecret, world.app.port)
  await firstRun.connect()
  await expect(firstRun.sheet().getByText(/Waiting for the browser/)).toBeVisible()
  expect(world.desktop.authorizePages).toHaveLength(1)
  await firstRun.sheet().getByRole('button', { name: 'Cancel' }).click()
  await expect(page.getByText('Sign-in cancelled.')).toBeVisible()
  await expect(firstRun.sheet().getByRole('button', { name: 'Connect to Pinterest' })).toBeVisible()
})
