import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { test, expect, type World } from './support/fixtures'
import { writeImage } from '../support/media-files'
import { AddPage } from './pages/add-page'
import { AppPage } from './pages/app-page'
import { QueuePage } from './pages/queue-page'

/** Signs in and adds a folder of three photos (plum, pear, fig) as drafts titled by name, from the Add screen. */
async function addFruitDrafts(page: Page, world: World, name: string): Promise<AppPage> {
  const folder = join(world.dir, name)
  mkdirSync(folder)
  writeImage(folder, 'plum.jpg', 'jpeg', { color: 'purple', size: '200x300' })
  writeImage(folder, 'pear.png', 'png', { color: 'yellowgreen', size: '200x300' })
  writeImage(folder, 'fig.jpg', 'jpeg', { color: 'brown', size: '200x300' })
  world.desktop.folderAnswers.push(folder)
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
  await expect(add.result()).toContainText('3 added as drafts')
  return app
}

// Issue 13, point 1, in the window: "Add folder as drafts…" queues drafts that publish nothing; Publish on a
// selection and on the batch in the queue sends them, and the fake Pinterest then holds the Pins.
test('a folder added as drafts waits in the queue until Publish on a selection, then on its batch', async ({
  page,
  world,
}) => {
  const app = await addFruitDrafts(page, world, 'cakes')
  const pins = () =>
    world.backend.fake.pins.filter((p) => p.title === 'plum' || p.title === 'pear' || p.title === 'fig')
      .length

  await app.open('Queue')
  const queue = new QueuePage(page)
  for (const name of ['plum.jpg', 'pear.png', 'fig.jpg']) await queue.expectState(name, 'draft')
  // Nothing ran: a queued item would have moved on by now, and the fake has no Pin of them.
  await expect.poll(() => world.invoke('uploads:list', {})).toMatchObject({ ok: true })
  expect(pins()).toBe(0)

  // Two selected rows: the selection bar publishes just those.
  await queue.row('plum.jpg').locator('.row-main').click()
  await queue
    .row('pear.png')
    .locator('.row-main')
    .click({ modifiers: ['ControlOrMeta'] })
  const bar = page.getByRole('toolbar', { name: 'Selected items' })
  await bar.getByRole('button', { name: 'Publish 2 selected' }).click()
  await queue.expectState('plum.jpg', 'published', 30_000)
  await queue.expectState('pear.png', 'published', 30_000)
  await queue.expectState('fig.jpg', 'draft')
  expect(pins()).toBe(2)

  // The batch's own Publish sends the draft left.
  await page.getByRole('button', { name: 'Publish 1 draft' }).click()
  await queue.expectState('fig.jpg', 'published', 30_000)
  expect(pins()).toBe(3)
  await expect(page.getByRole('button', { name: /^Publish \d+ drafts?$/ })).toHaveCount(0)
})

// Issue 18 review: drafts removed with their Undo still offered are gone for the user, so the batch's
// Publish must not send them (main has not removed them yet).
test("a batch's Publish leaves out drafts removed while their Undo is still offered", async ({
  page,
  world,
}) => {
  const app = await addFruitDrafts(page, world, 'fruit')
  const titles = () => world.backend.fake.pins.map((p) => p.title).sort()

  await app.open('Queue')
  const queue = new QueuePage(page)
  await queue.row('plum.jpg').locator('.row-main').click()
  await queue
    .row('fig.jpg')
    .locator('.row-main')
    .click({ modifiers: ['ControlOrMeta'] })
  await page
    .getByRole('toolbar', { name: 'Selected items' })
    .getByRole('button', { name: 'Remove 2' })
    .click()
  const undo = page.getByRole('button', { name: 'Undo' })
  await expect(undo).toBeVisible()
  await page.getByRole('button', { name: 'Publish 1 draft' }).click()
  // The Undo toast stays while the focus is in it, however long the publish takes on a busy machine.
  await undo.focus()
  await queue.expectState('pear.png', 'published', 30_000)
  expect(titles()).toEqual(['pear'])
  // Undo brings the two back as drafts, still unpublished.
  await undo.click()
  await queue.expectState('plum.jpg', 'draft')
  await queue.expectState('fig.jpg', 'draft')
  expect(titles()).toEqual(['pear'])
})
