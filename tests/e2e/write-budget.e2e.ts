import { test, expect } from './support/fixtures'
import { AppPage } from './pages/app-page'

/**
 * Settings show the write budget left (issue 14 point 5) and take a writes-per-minute limit: writes made through
 * the real client count at once, and a new limit shows as soon as it is saved.
 */
test('Settings show the writes left this minute and take another writes-per-minute limit', async ({
  page,
  world,
}) => {
  await world.signInDirect()
  // Two writes through the app's own client and governor (creating a board is an org_write).
  const api = world.backend.app.services.apis.current()
  await api.createBoard({ name: 'Spare one' })
  await api.createBoard({ name: 'Spare two' })

  const app = new AppPage(page)
  await app.load()
  await app.open('Settings')
  const budget = page.getByTestId('write-budget')
  await expect(budget).toHaveText('98 of 100 writes left this minute.')
  await expect(page.getByLabel('Writes per minute')).toHaveValue('100')

  await page.getByLabel('Writes per minute').fill('40')
  await page.getByLabel('Writes per minute').press('Enter')
  await expect(page.getByText('Settings saved.')).toBeVisible()
  await expect(budget).toHaveText('38 of 40 writes left this minute.')
  expect(world.backend.app.services.settings.get().writesPerMinute).toBe(40)
})
