import { test, expect, snap } from './support/fixtures'
import { AccountPage } from './pages/account-page'
import { AppPage } from './pages/app-page'
import { FirstRunPage } from './pages/first-run-page'

test('first run: the three-step sheet (app, keys, Connect), then the queue and "connected as …"', async ({
  page,
  world,
}) => {
  const app = new AppPage(page)
  const account = new AccountPage(page)
  const firstRun = new FirstRunPage(page)
  await app.load()
  // Signed out: the first-run sheet, over the Account screen.
  await expect(firstRun.sheet()).toBeVisible()
  await expect(firstRun.sheet().getByTestId('first-run-redirect-uri')).toHaveText(
    /^http:\/\/localhost:\d+\/$/,
  )
  await snap(page, 'first-run-step-1')

  await firstRun.giveKeys(world.app.appId, world.app.appSecret, world.app.port)
  await firstRun.connect()
  // Connected: the sheet goes and the work starts on the queue.
  await expect(firstRun.sheet()).toBeHidden({ timeout: 20_000 })
  await expect(app.navButton('Queue')).toHaveAttribute('aria-current', 'page')
  await app.open('Account')
  await expect(account.connectedAs()).toContainText('Connected as')
  await expect(account.connectedAs()).toContainText('production')
  await expect(account.redirectUri()).toHaveText(`http://localhost:${world.app.port}/`)
  // The secret never came back to the page.
  expect(await page.content()).not.toContain(world.app.appSecret)

  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(firstRun.sheet().getByRole('button', { name: 'Connect to Pinterest' })).toBeVisible()
  // Not now leaves the Account screen, with its own Connect.
  await firstRun.sheet().getByRole('button', { name: 'Not now' }).click()
  await expect(firstRun.sheet()).toBeHidden()
  await expect(page.getByRole('button', { name: 'Connect to Pinterest' })).toBeVisible()
})
