import { test, expect } from './support/fixtures'
import { AppPage } from './pages/app-page'

// Issue 18, point 9: settings apply at once (no Save), with one-line explanations; the rate-limit profile in
// words a user knows; Reveal shows the data folder in the file manager.
test('settings apply at once, the access level is in plain words, and Reveal shows the data folder', async ({
  page,
  world,
}) => {
  await world.signInDirect()
  const app = new AppPage(page)
  await app.load()
  await app.open('Settings')
  await expect(page.getByRole('button', { name: /Save/ })).toHaveCount(0)
  const settings = () => world.backend.app.services.settings.get()

  const files = page.getByLabel('Files uploaded at once')
  await files.fill('3')
  await page.keyboard.press('Tab')
  await expect.poll(() => settings().concurrency).toBe(3)

  // Out of range: said, and the stored value comes back.
  await files.fill('99')
  await files.press('Enter')
  await expect(page.getByText('Files uploaded at once: give a number from 1 to 10.')).toBeVisible()
  await expect(files).toHaveValue('3')
  expect(settings().concurrency).toBe(3)

  const access = page.getByLabel('Your Pinterest app’s access')
  await expect(access.locator('option')).toHaveText([
    'Standard: an approved app, Pins go out quickly',
    'Trial: a new app, only a few Pins a day',
  ])
  await access.selectOption('trial')
  await expect.poll(() => settings().rateProfile).toBe('trial')

  await page.getByRole('button', { name: 'Reveal' }).click()
  await expect.poll(() => world.desktop.revealed).toEqual([settings().dataDir])

  // Density: at once, and still there after a reload.
  await page.getByRole('radio', { name: 'Compact' }).check()
  await expect(page.locator('html')).toHaveAttribute('data-density', 'compact')
  await page.reload()
  await expect(page.locator('html')).toHaveAttribute('data-density', 'compact')
})
