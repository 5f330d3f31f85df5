import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { test, expect } from './support/fixtures'
import { writeImage } from '../support/media-files'
import { AddPage } from './pages/add-page'
import { AppPage } from './pages/app-page'
import { QueuePage } from './pages/queue-page'

test('Pause all holds the queue with its reason; Resume all finishes it', async ({ page, world }) => {
  const folder = join(world.dir, 'many')
  mkdirSync(folder)
  const names = Array.from({ length: 6 }, (_, i) => `p${i + 1}.png`)
  // Distinct colours: identical bytes would be skipped as duplicates of each other.
  const colours = ['red', 'green', 'blue', 'gold', 'teal', 'navy']
  names.forEach((n, i) => writeImage(folder, n, 'png', { color: colours[i]!, size: '100x100' }))

  await world.signInDirect()
  const app = new AppPage(page)
  await app.load()
  // One at a time, so most of the batch is still waiting when we pause.
  await app.open('Settings')
  await page.getByLabel('Files uploaded at once').fill('1')
  // Settings apply at once: a number when Enter is pressed or the field is left.
  await page.getByLabel('Files uploaded at once').press('Enter')
  await expect(page.getByText('Settings saved.')).toBeVisible()

  await app.open('Queue')
  const queue = new QueuePage(page)
  // An empty queue shows no Pause button (nothing to pause): pause through the same channel the button uses.
  expect(await world.invoke('uploads:pause-all', {})).toMatchObject({ ok: true })

  await app.open('Add')
  const add = new AddPage(page)
  await add.chooseBoard(world.boardName)
  await add.drop([folder])
  // Recipes is a public board: the first post to it in a batch asks first.
  await add.confirm()
  await expect(add.result()).toContainText('6 queued')
  await app.open('Queue')
  await expect(queue.rows()).toHaveCount(6)
  await expect(page.getByText(/^Paused/)).toBeVisible()
  // Held: the queue itself says nothing can start now (whenIdle resolves only when nothing runs and nothing
  // may start), and Pinterest saw no create.
  await world.backend.app.services.queue.whenIdle()
  expect(world.backend.fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/pins'))).toEqual(
    [],
  )
  await expect(page.locator('.queue-row[data-state="queued"]')).toHaveCount(6)

  await queue.resumeAll().click()
  await expect(queue.resumeAll()).toBeHidden()
  for (const n of names) await queue.expectState(n, 'published', 40_000)
})
