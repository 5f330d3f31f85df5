import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { test, expect } from './support/fixtures'
import { writeImage } from '../support/media-files'
import { AddPage } from './pages/add-page'
import { AppPage } from './pages/app-page'
import { QueuePage } from './pages/queue-page'

// Issue 13, point 1, in the window: "Add folder as drafts…" queues drafts that publish nothing; the batch's
// Publish in the queue sends them, and the fake Pinterest then holds the Pins.
test('a folder added as drafts waits in the queue until its batch is published', async ({ page, world }) => {
  const folder = join(world.dir, 'cakes')
  mkdirSync(folder)
  writeImage(folder, 'plum.jpg', 'jpeg', { color: 'purple', size: '200x300' })
  writeImage(folder, 'pear.png', 'png', { color: 'yellowgreen', size: '200x300' })
  world.desktop.folderAnswers.push(folder)
  const pins = () => world.backend.fake.pins.filter((p) => p.title === 'plum' || p.title === 'pear').length

  await world.signInDirect()
  const app = new AppPage(page)
  await app.load()
  await app.open('Add')
  const add = new AddPage(page)
  await add.chooseBoard(world.boardName)
  await add.setTitleTemplate('{name}')
  await page.getByRole('button', { name: 'Add folder as drafts…' }).click()
  // Recipes is a public board: the add asks first, drafts or not.
  await add.confirm()
  await expect(add.result()).toContainText('2 queued')

  await app.open('Queue')
  const queue = new QueuePage(page)
  await queue.expectState('plum.jpg', 'draft')
  await queue.expectState('pear.png', 'draft')
  // Nothing ran: a queued item would have moved on by now, and the fake has no Pin of them.
  await expect.poll(() => world.invoke('uploads:list', {})).toMatchObject({ ok: true })
  expect(pins()).toBe(0)

  await page.getByRole('button', { name: 'Publish 2 drafts' }).click()
  await queue.expectState('plum.jpg', 'published', 30_000)
  await queue.expectState('pear.png', 'published', 30_000)
  expect(pins()).toBe(2)
  await expect(page.getByRole('button', { name: /^Publish \d+ drafts?$/ })).toHaveCount(0)
})
