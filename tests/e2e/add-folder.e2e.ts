import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { test, expect, snap } from './support/fixtures'
import { writeImage, writeVideo } from '../support/media-files'
import { AddPage } from './pages/add-page'
import { AppPage } from './pages/app-page'
import { QueuePage } from './pages/queue-page'

test('drop a folder of images and videos: rows progress to published and each Pin link opens in the browser', async ({
  page,
  world,
}) => {
  const folder = join(world.dir, 'holiday')
  mkdirSync(folder)
  writeImage(folder, 'beach.jpg', 'jpeg', { color: 'skyblue', size: '200x300' })
  writeImage(folder, 'dunes.png', 'png', { color: 'khaki', size: '200x300' })
  writeImage(folder, 'sunset.jpg', 'jpeg', { color: 'orange', size: '200x300' })
  writeVideo(folder, 'waves.mp4', { seconds: 5 })
  const names = ['beach.jpg', 'dunes.png', 'sunset.jpg', 'waves.mp4']

  await world.signInDirect()
  const app = new AppPage(page)
  await app.load()
  await app.open('Add')
  const add = new AddPage(page)
  await add.chooseBoard(world.boardName)
  await add.setTitleTemplate('{folder} – {name}')
  await add.drop([folder])
  // Recipes is a public board: the first post to it in a batch asks first.
  await add.confirm()
  await expect(add.result()).toContainText(`${names.length} queued`)

  await app.open('Queue')
  const queue = new QueuePage(page)
  for (const name of names) await expect(queue.row(name)).toBeVisible()
  // Progress is visible while it runs (a bytes counter or a later state), and every row ends published.
  for (const name of names) await queue.expectState(name, 'published', 40_000)
  await expect(queue.totals()).toContainText(`Published ${names.length}`)
  // The rows got there through main's coalesced progress flushes, not a reload.
  expect(world.bridge.sent['uploads:progress'] ?? 0).toBeGreaterThan(0)
  await snap(page, 'queue-published')

  await queue
    .row('beach.jpg')
    .getByRole('button', { name: /Open the Pin of beach\.jpg/ })
    .click()
  await expect.poll(() => world.desktop.opened.length).toBe(1)
  expect(world.desktop.opened[0]).toMatch(/^https:\/\/www\.pinterest\.com\/pin\/[^/]+\/$/)
})

test('"Add folder…" queues the folder the user picks, and reports files it cannot take', async ({
  page,
  world,
}) => {
  const folder = join(world.dir, 'mixed')
  mkdirSync(folder)
  writeImage(folder, 'ok.png', 'png', { color: 'green', size: '200x300' })
  const { writeFileSync } = await import('node:fs')
  writeFileSync(join(folder, 'notes.txt'), 'not a picture')
  world.desktop.folderAnswers.push(folder)

  await world.signInDirect()
  const app = new AppPage(page)
  await app.load()
  await app.open('Add')
  const add = new AddPage(page)
  await add.chooseBoard(world.boardName)
  await add.addFolder()
  // Recipes is a public board: the first post to it in a batch asks first.
  await add.confirm()
  await expect(add.result()).toContainText('1 queued')
  await expect(add.result()).toContainText('notes.txt')
  await app.open('Queue')
  await new QueuePage(page).expectState('ok.png', 'published', 30_000)
})
