import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test, expect, snap } from './support/fixtures'
import { writeImage } from '../support/media-files'
import { dropPaths } from './support/bridge-page'
import { AddPage } from './pages/add-page'
import { AppPage } from './pages/app-page'
import { chooseBoard } from './pages/board-combobox'
import { QueuePage } from './pages/queue-page'

// Issue 18, point 6: files dropped anywhere open a New batch sheet that says what was found (skipped kinds
// grouped), asks for the board first and remembers it, previews the first titles with counters, and queues
// with a button that says what will happen. Point 5: the empty queue is one drop area with Add files….

test('a drop anywhere opens New batch: skipped kinds, board first, live titles, "Queue 2 Pins to Recipes"', async ({
  page,
  world,
}) => {
  const dir = join(world.dir, 'Lisbon')
  mkdirSync(dir)
  const a = writeImage(dir, 'tram.jpg', 'jpeg', { size: '200x300' })
  const b = writeImage(dir, 'tiles.png', 'png', { size: '200x300' })
  const notes = join(dir, 'notes.txt')
  writeFileSync(notes, 'not a picture')
  await world.signInDirect()
  const app = new AppPage(page)
  await app.load()
  await expect(page.getByTestId('queue-drop')).toBeVisible()

  // Dropped on the navigation, not on a drop area: the window takes it.
  await dropPaths(page, 'nav', [a, b, notes])
  const sheet = page.getByRole('dialog', { name: 'New batch' })
  await expect(sheet.getByTestId('new-batch-found')).toHaveText('2 files')
  await expect(sheet.getByTestId('new-batch-skipped')).toContainText('1 TXT file (notes.txt)')
  await expect(sheet.getByRole('button', { name: 'Choose a board for 2 Pins' })).toBeDisabled()

  await chooseBoard(page, 'Board', world.boardName)
  await sheet.getByRole('textbox', { name: 'Title' }).fill('{folder}: {name}')
  const titles = sheet.getByRole('list', { name: 'First titles' }).getByRole('listitem')
  await expect(titles).toHaveText(['Lisbon: tram12/100', 'Lisbon: tiles13/100'])
  await snap(page, 'new-batch-sheet')
  await sheet.getByRole('button', { name: `Queue 2 Pins to ${world.boardName}` }).click()
  // Recipes is public: the first post to it asks first.
  await page.getByTestId('add-confirm').getByRole('button', { name: 'Add them' }).click()
  await expect(sheet.getByTestId('new-batch-result')).toContainText(`2 Pins queued to ${world.boardName}`)
  await sheet.getByRole('button', { name: 'Done' }).click()
  await expect(sheet).toBeHidden()
  const queue = new QueuePage(page)
  await expect(queue.row('tram.jpg')).toBeVisible()

  // The board is remembered: the next batch starts on it.
  world.desktop.fileAnswers.push([a])
  await page.keyboard.press('ControlOrMeta+k')
  await page.getByRole('combobox', { name: 'Command' }).fill('add files')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('combobox', { name: 'Board' })).toHaveValue(world.boardName)
})

test('the empty queue is one drop area whose Add files… opens the New batch sheet', async ({
  page,
  world,
}) => {
  const dir = join(world.dir, 'pics')
  mkdirSync(dir)
  world.desktop.fileAnswers.push([writeImage(dir, 'one.png', 'png', { size: '200x300' })])
  await world.signInDirect()
  const app = new AppPage(page)
  await app.load()
  const drop = page.getByTestId('queue-drop')
  for (const name of ['Add files…', 'Add folder…', 'Import CSV…'])
    await expect(drop.getByRole('button', { name })).toBeVisible()
  await drop.getByRole('button', { name: 'Add files…' }).click()
  await expect(page.getByRole('dialog', { name: 'New batch' }).getByTestId('new-batch-found')).toHaveText(
    '1 file',
  )
})

test('the Add screen’s Add files… queues the chosen files with the screen’s details', async ({
  page,
  world,
}) => {
  const dir = join(world.dir, 'picked')
  mkdirSync(dir)
  world.desktop.fileAnswers.push([writeImage(dir, 'chosen.png', 'png', { size: '200x300' })])
  await world.signInDirect()
  const app = new AppPage(page)
  await app.load()
  await app.open('Add')
  const add = new AddPage(page)
  await add.chooseBoard(world.boardName)
  await page.getByRole('button', { name: 'Add files…' }).click()
  await add.confirm()
  await expect(add.result()).toContainText('1 queued')
})
