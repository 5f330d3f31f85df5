import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test, expect, snap } from './support/fixtures'
import { pngFolder } from '../support/media-bytes'
import { writeImage } from '../support/media-files'
import { dropPaths } from './support/bridge-page'
import { AddPage } from './pages/add-page'
import { AppPage } from './pages/app-page'
import { newBatchWithPhotos } from './pages/new-batch-page'
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
  // The board the last batch went to is gone from the account: the sheet does not offer it.
  await page.evaluate(`localStorage.setItem('pinload.recentBoards', JSON.stringify(['9999999999']))`)
  await drop.getByRole('button', { name: 'Add files…' }).click()
  const sheet = page.getByRole('dialog', { name: 'New batch' })
  await expect(sheet.getByTestId('new-batch-found')).toHaveText('1 file')
  await expect(sheet.getByRole('combobox', { name: 'Board' })).toHaveValue('')
  await expect(sheet.getByRole('button', { name: 'Choose a board for 1 Pin' })).toBeDisabled()
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

// Issue 13 in the window: "Add as drafts" next to Queue, more boards with an interval, a UTM campaign; an
// interval under a minute is refused in the sheet before anything is queued.
test('New batch adds drafts to two boards two hours apart with UTM links; a 30 s interval queues nothing', async ({
  page,
  world,
}) => {
  const { sheet } = await newBatchWithPhotos(page, world, 'Porto', ['bridge.jpg'])
  await chooseBoard(page, 'Board', world.boardName)
  await sheet.getByRole('button', { name: 'Add another board' }).click()
  // The second board is made on the spot, from the picker's last line.
  const second = page.getByRole('combobox', { name: 'Board 2' })
  await second.click()
  await second.fill('Desserts')
  await page.getByRole('option', { name: 'Create board “Desserts”' }).click()
  await expect(second).toHaveValue('Desserts')
  await expect(sheet.getByRole('button', { name: 'Queue 2 Pins to 2 boards' })).toBeEnabled()

  await sheet.getByRole('textbox', { name: 'Interval between boards' }).fill('30s')
  await expect(sheet.getByTestId('interval-error')).toHaveText(
    'The interval between boards must be at least one minute (1m). Nothing is queued until it is fixed.',
  )
  await expect(sheet.getByRole('button', { name: 'Add as drafts' })).toBeDisabled()
  await expect(sheet.getByRole('button', { name: 'Queue 2 Pins to 2 boards' })).toBeDisabled()

  await sheet.getByRole('textbox', { name: 'Interval between boards' }).fill('2h')
  await sheet.getByRole('textbox', { name: 'Link' }).fill('https://example.com/porto?x=1#top')
  await sheet.getByRole('textbox', { name: 'UTM campaign' }).fill('spring')
  const before = Date.now()
  await sheet.getByRole('button', { name: 'Add as drafts' }).click()
  // Both boards are public: the first post to them asks first.
  await page.getByTestId('add-confirm').getByRole('button', { name: 'Add them' }).click()
  await expect(sheet.getByTestId('new-batch-result')).toContainText('2 Pins added as drafts to 2 boards')
  const after = Date.now()

  const desserts = world.backend.fake.boards.find((b) => b.name === 'Desserts')!
  const listed = await world.invoke('uploads:list', {})
  if (!listed.ok) throw new Error(JSON.stringify(listed))
  const items = (
    listed.value as {
      items: { state: string; boardId?: string; publishAt?: number; link?: string }[]
    }
  ).items
  expect(items.map((i) => i.state)).toEqual(['draft', 'draft'])
  expect(new Set(items.map((i) => i.boardId))).toEqual(new Set([world.boardId, desserts.id]))
  // The first board's Pin keeps the file's time (now); the second waits two hours after it.
  const later = items.find((i) => i.boardId === desserts.id)!.publishAt!
  expect(later).toBeGreaterThanOrEqual(before + 2 * 3_600_000)
  expect(later).toBeLessThanOrEqual(after + 2 * 3_600_000)
  // The link keeps its own query and fragment; the campaign and the file name are added.
  for (const i of items)
    expect(i.link).toBe(
      'https://example.com/porto?x=1&utm_source=pinterest&utm_medium=social&utm_campaign=spring&utm_content=bridge.jpg#top',
    )
  expect(world.backend.fake.pins).toHaveLength(0)
})

// Issue 13: adding more than the confirmation threshold defaults to drafts in the window. A dropped folder is
// counted only by main's scan, so the question it asks puts "Add as drafts" first (focused, primary).
test('a dropped folder of 501 files asks with "Add as drafts" first; drafts are what it makes', async ({
  page,
  world,
}) => {
  const team = world.backend.fake.addBoard({ name: 'Team', privacy: 'PROTECTED' })
  const folder = pngFolder(join(world.dir, 'Shoot'), 501)
  await world.signInDirect()
  const app = new AppPage(page)
  await app.load()
  await dropPaths(page, 'main', [folder])
  const sheet = page.getByRole('dialog', { name: 'New batch' })
  await expect(sheet.getByTestId('new-batch-found')).toContainText('1 folder (Shoot)')
  await chooseBoard(page, 'Board', team.name)
  await sheet.getByRole('button', { name: /^Queue the files in 1 folder/ }).click()
  const ask = page.getByTestId('add-confirm')
  await expect(ask).toContainText('Add 501 files at once (more than 500)?')
  const drafts = ask.getByRole('button', { name: 'Add as drafts' })
  await expect(drafts).toBeFocused()
  await expect(ask.getByRole('button', { name: 'Publish them all' })).toBeVisible()
  await snap(page, 'new-batch-many-drafts-first')
  await drafts.click()
  await expect(sheet.getByTestId('new-batch-result')).toContainText('501 Pins added as drafts')
  const listed = (await world.invoke('uploads:list', {})) as { value: { items: { state: string }[] } }
  expect(listed.value.items).toHaveLength(501)
  expect(new Set(listed.value.items.map((i) => i.state))).toEqual(new Set(['draft']))
  expect(world.backend.fake.pins).toHaveLength(0)
})
