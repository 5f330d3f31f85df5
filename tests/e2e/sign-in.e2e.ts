import { test, expect, snap } from './support/fixtures'
import { AccountPage } from './pages/account-page'
import { AppPage } from './pages/app-page'

test('first run: App ID and secret, the redirect URI to register, Connect, then "connected as …"', async ({
  page,
  world,
}) => {
  const app = new AppPage(page)
  const account = new AccountPage(page)
  await app.load()
  // Signed out: the window opens on Account.
  await expect(app.navButton('Account')).toHaveAttribute('aria-current', 'page')
  await expect(page.getByRole('button', { name: 'Connect to Pinterest' })).toBeDisabled()

  await account.saveApp(world.app.appId, world.app.appSecret, world.app.port)
  await expect(account.redirectUri()).toHaveText(`http://localhost:${world.app.port}/`)
  await expect(page.getByLabel('App secret')).toHaveAttribute('placeholder', /Saved in the keychain/)
  await snap(page, 'account-signed-out')

  await account.connect()
  await expect(account.connectedAs()).toContainText('Connected as', { timeout: 20_000 })
  await expect(account.connectedAs()).toContainText('production')
  // The secret never came back to the page.
  expect(await page.content()).not.toContain(world.app.appSecret)

  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page.getByRole('button', { name: 'Connect to Pinterest' })).toBeVisible()
})
