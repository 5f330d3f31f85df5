import { test, expect, snap } from './support/fixtures'
import { addAsWindow } from '../support/add-paths-kit'
import { writeImage } from '../support/media-files'
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

/**
 * Issue 18, point 7 (a pause always says why, with a countdown): with one write a minute, the second Pin waits in
 * the rate governor inside its step, and the queue says so with when the next request goes.
 */
test('a spent write budget says so on the queue, with when the next request goes', async ({
  page,
  world,
}) => {
  await world.signInDirect()
  expect(await world.invoke('settings:set', { writesPerMinute: 1 })).toMatchObject({ ok: true })
  const first = writeImage(world.dir, 'one.jpg', 'jpeg', { color: 'red' })
  const second = writeImage(world.dir, 'two.jpg', 'jpeg', { color: 'blue' })
  const app = new AppPage(page)
  await app.load()
  expect(await addAsWindow(world.invoke, [first, second], { boardId: world.boardId })).toMatchObject({
    ok: true,
  })
  const hold = page.getByTestId('rate-hold')
  await expect(hold).toContainText(
    /Sending as fast as Pinterest's rate limit allows — the next request goes in \d+ s\./,
    { timeout: 30_000 },
  )
  // The banner is a live region, said once; its countdown is a timer inside it, which changes each second
  // without being read out again (role timer: aria-live off).
  await expect(hold).toHaveAttribute('role', /status|alert/)
  await expect(hold.getByRole('timer')).toHaveText(/^in \d+ s$/)
  await snap(page, 'queue-rate-hold')
  expect(world.backend.fake.pins.filter((p) => p.board_id === world.boardId)).toHaveLength(1)
})

/** Issue 18, point 7: Pinterest's own 429 with a Retry-After, waited out in the governor, says so with when. */
test('a 429 from Pinterest says "Pinterest asked us to slow down" with when the queue resumes', async ({
  page,
  world,
}) => {
  await world.signInDirect()
  world.backend.fake.faults.add({
    match: { method: 'POST', path: '/v5/pins' },
    times: 1,
    action: { type: 'rate_limit', retryAfterSec: 90 },
  })
  const photo = writeImage(world.dir, 'slow.jpg', 'jpeg', { color: 'teal' })
  const app = new AppPage(page)
  await app.load()
  expect(await addAsWindow(world.invoke, [photo], { boardId: world.boardId })).toMatchObject({ ok: true })
  await expect(page.getByTestId('rate-hold')).toContainText(
    /^Pinterest asked us to slow down — resuming in (\d+ s|[12] min)\.$/,
    { timeout: 30_000 },
  )
  await snap(page, 'queue-pinterest-hold')
})
