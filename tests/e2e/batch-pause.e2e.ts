import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { test, expect } from './support/fixtures'
import { writeImage } from '../support/media-files'
import { AddPage } from './pages/add-page'
import { AppPage } from './pages/app-page'
import { QueueViewPage } from './pages/queue-view-page'
import { QueuePage } from './pages/queue-page'

test("A batch's Pause holds its items with a Paused mark; Resume sends them (issue 18, point 4)", async ({
  page,
  world,
}) => {
  const folder = join(world.dir, 'Held photos')
  mkdirSync(folder)
  const names = ['h1.png', 'h2.png', 'h3.png']
  names.forEach((n, i) =>
    writeImage(folder, n, 'png', { color: ['red', 'green', 'blue'][i]!, size: '100x100' }),
  )

  await world.signInDirect()
  const app = new AppPage(page)
  await app.load()
  // Everything held while the batch is added, so its Pause comes before any of it starts.
  expect(await world.invoke('uploads:pause-all', {})).toMatchObject({ ok: true })
  await app.open('Add')
  const add = new AddPage(page)
  await add.chooseBoard(world.boardName)
  await add.drop([folder])
  await add.confirm()
  await expect(add.result()).toContainText('3 queued')
  await app.open('Queue')
  const view = new QueueViewPage(page)
  const group = view.group('Held photos')
  await expect(group).toBeVisible()
  await group.getByRole('button', { name: 'Pause Held photos' }).click()
  await expect(group.locator('.group-paused')).toHaveText(/Paused/)

  // The queue runs again, the batch stays held: nothing may start, and Pinterest saw no create.
  expect(await world.invoke('uploads:resume-all', {})).toMatchObject({ ok: true })
  await world.backend.app.services.queue.whenIdle()
  expect(world.backend.fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/pins'))).toEqual(
    [],
  )
  await expect(page.locator('.queue-row[data-state="queued"]')).toHaveCount(3)

  await group.getByRole('button', { name: 'Resume Held photos' }).click()
  await expect(group.locator('.group-paused')).toBeHidden()
  const queue = new QueuePage(page)
  for (const n of names) await queue.expectState(n, 'published', 40_000)

  // The inspector says which batch an item belongs to: the folder it was added from.
  await view.row('h2.png').locator('.row-main').click()
  await expect(view.inspector().locator('dt', { hasText: 'Batch' }).locator('+ dd')).toHaveText('Held photos')
})
