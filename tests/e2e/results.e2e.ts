import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test, expect } from './support/fixtures'
import { writeImage } from '../support/media-files'
import { AddPage } from './pages/add-page'
import { AppPage } from './pages/app-page'
import { QueueViewPage } from './pages/queue-view-page'

/** Issue 15 in the window: export a batch to the file main's save dialog picked; a Pin removed on Pinterest. */
test('exports a batch to the file the save dialog picked, and flags a Pin removed on Pinterest', async ({
  page,
  world,
}) => {
  const files = [
    writeImage(world.dir, '=SUM(1+2).png', 'png', { color: 'red', size: '200x300' }),
    writeImage(world.dir, 'plain.png', 'png', { color: 'blue', size: '200x300' }),
  ]
  await world.signInDirect()
  const app = new AppPage(page)
  await app.load()
  await app.open('Add')
  const add = new AddPage(page)
  await add.chooseBoard(world.boardName)
  await add.drop(files)
  // Recipes is a public board: the first post to it in a batch asks first.
  await add.confirm()
  await expect(add.result()).toContainText('2 queued')

  await app.open('Queue')
  const queue = new QueueViewPage(page)
  for (const name of ['=SUM(1+2).png', 'plain.png'])
    await expect(queue.row(name)).toHaveAttribute('data-state', 'published', { timeout: 30_000 })

  const out = join(world.dir, 'batch.csv')
  world.desktop.saveAnswers.push(out)
  const group = queue.groups().first()
  await group.getByRole('button', { name: /^More actions for/ }).click()
  await page.getByRole('menuitem', { name: 'Export as CSV…' }).click()
  await expect(page.getByText('Exported 2 items to batch.csv.')).toBeVisible()
  const text = readFileSync(out, 'utf8')
  expect(text.charCodeAt(0)).toBe(0xfeff)
  const pins = world.backend.fake.pins
  expect(pins).toHaveLength(2)
  for (const p of pins) expect(text).toContain(`"${p.id}"`)
  expect(text).toContain(`"'=SUM(1+2)"`)

  const plain = pins.find((p) => p.title === 'plain')!
  world.backend.fake.removePin(plain.id)
  const kept = pins.find((p) => p.title === '=SUM(1+2)')!
  world.backend.fake.setPinMetrics(kept.id, { impression: 77, save: 5, pin_click: 3 })
  await group.getByRole('button', { name: /^More actions for/ }).click()
  await page.getByRole('menuitem', { name: 'Check on Pinterest' }).click()
  await expect(page.getByText('1 of 2 Pins on Pinterest, 1 removed on Pinterest.')).toBeVisible()
  await expect(queue.row('plain.png').getByTestId('item-error')).toContainText('Removed on Pinterest')
  await expect(queue.row('=SUM(1+2).png').getByTestId('item-error')).toHaveCount(0)

  // The inspector shows what the check read: on Pinterest, with its counts.
  await queue.row('=SUM(1+2).png').locator('.row-name').click()
  const facts = queue.inspector().getByTestId('pin-facts')
  await expect(facts).toContainText('Yes, checked')
  await expect(facts.getByTestId('pin-impressions')).toHaveText('77')
  await expect(facts.getByTestId('pin-saves')).toHaveText('5')
  await expect(facts.getByTestId('pin-clicks')).toHaveText('3')
})

test('removes the selected Pins from Pinterest after the count is typed', async ({ page, world }) => {
  const files = ['one.png', 'two.png'].map((name, i) =>
    writeImage(world.dir, name, 'png', { color: i === 0 ? 'green' : 'orange', size: '200x300' }),
  )
  await world.signInDirect()
  const app = new AppPage(page)
  await app.load()
  await app.open('Add')
  const add = new AddPage(page)
  await add.chooseBoard(world.boardName)
  await add.drop(files)
  await add.confirm()
  await expect(add.result()).toContainText('2 queued')

  await app.open('Queue')
  const queue = new QueueViewPage(page)
  for (const name of ['one.png', 'two.png']) {
    await expect(queue.row(name)).toHaveAttribute('data-state', 'published', { timeout: 30_000 })
    await queue.row(name).getByRole('checkbox').click()
  }
  await queue.selectionBar().getByRole('button', { name: 'Remove 2 from Pinterest…' }).click()
  const sheet = page.getByTestId('unpublish-sheet')
  const confirm = sheet.getByRole('button', { name: 'Remove 2 Pins' })
  await expect(confirm).toBeDisabled()
  await sheet.getByLabel('Type 2 to confirm').fill('1')
  await expect(confirm).toBeDisabled()
  expect(world.backend.fake.pins).toHaveLength(2)
  await sheet.getByLabel('Type 2 to confirm').fill('2')
  await confirm.click()
  await expect(page.getByText('Removed 2 Pins.')).toBeVisible()
  expect(world.backend.fake.pins).toEqual([])
  await expect(queue.row('one.png').getByTestId('item-error')).toContainText('Unpublished')
})
