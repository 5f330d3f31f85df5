import { linkSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { test, expect, snap } from './support/fixtures'
import { writeImage } from '../support/media-files'
import { importCsvInWindow } from './pages/import-page'
import { QueuePage } from './pages/queue-page'

test('a CSV with bad rows: each error shown on its line, the valid rows queued, published, and one file on a second board held a day', async ({
  page,
  world,
}) => {
  writeImage(world.dir, 'pasta.jpg', 'jpeg', { color: 'wheat', size: '200x300' })
  writeImage(world.dir, 'salad.png', 'png', { color: 'green', size: '200x300' })
  const long = 'x'.repeat(120)
  const { app, imp } = await importCsvInWindow(page, world, 'pins.csv', [
    // "notes" is not a column Pinload knows: a warning, not an error.
    'file,title,description,board,notes',
    `pasta.jpg,Fresh pasta,Made by hand,${world.boardName},from grandma`,
    `missing.jpg,Ghost,Not there,${world.boardName},`,
    `salad.png,${long},Too long a title,${world.boardName},`,
    `salad.png,Green salad,Crunchy,${world.boardName},`,
    `pasta.jpg,Pasta again,For the new board,Weeknight dinners,`,
  ])
  await expect(imp.counts()).toContainText('2 rows ready')
  await expect(page.getByTestId('csv-warnings')).toContainText(/notes/)
  await expect(imp.counts()).toContainText('3 with errors')
  await expect(imp.row(6)).toHaveAttribute('data-valid', 'false')
  await expect(imp.row(6)).toContainText('Weeknight dinners')
  await expect(imp.row(3)).toHaveAttribute('data-valid', 'false')
  await expect(imp.row(3)).toContainText(/missing\.jpg/i)
  await expect(imp.row(4)).toHaveAttribute('data-valid', 'false')
  await expect(imp.row(4)).toContainText('120')
  await expect(imp.row(2)).toHaveAttribute('data-valid', 'true')
  await snap(page, 'import')

  // "Create missing boards" previews again: the unknown board is no longer an error.
  await imp.createMissing().check()
  await expect(imp.counts()).toContainText('3 rows ready')
  await expect(imp.row(6)).toHaveAttribute('data-valid', 'true')

  await imp.confirm()
  await expect(page.getByTestId('add-result')).toContainText('3 queued')
  await app.open('Queue')
  const queue = new QueuePage(page)
  await expect(queue.rows()).toHaveCount(3)
  // pasta.jpg is on two boards with no interval between them: pacing's default keeps one file's boards a day
  // apart (issue 14, point 2), so one of its Pins goes now and the other waits, saying why (whichever of the
  // two reached Pinterest first).
  await expect(page.locator('.queue-row[data-state="published"]')).toHaveCount(2, { timeout: 30_000 })
  await expect(queue.row('salad.png')).toHaveAttribute('data-state', 'published')
  await expect(queue.row('salad.png')).toContainText(`on ${world.boardName}`)
  await expect(queue.row('pasta.jpg').filter({ hasText: 'on Weeknight dinners' })).toHaveCount(1)
  await expect(queue.row('pasta.jpg').and(page.locator('[data-state="published"]'))).toHaveCount(1)
  const held = queue.row('pasta.jpg').and(page.locator('[data-state="queued"]'))
  await expect(held.getByTestId('item-error')).toContainText(
    /Waiting until .+, because the same file on another board keeps 1 d apart\./,
  )
  expect(
    world.backend.fake.pins.filter((p) => p.title === 'Fresh pasta' || p.title === 'Pasta again'),
  ).toHaveLength(1)
})

test('a CSV added as drafts: the result and the message say drafts, and nothing is sent (issue 13)', async ({
  page,
  world,
}) => {
  writeImage(world.dir, 'scone.jpg', 'jpeg', { color: 'tan', size: '200x300' })
  const { app, imp } = await importCsvInWindow(page, world, 'drafts.csv', [
    'file,title,board',
    `scone.jpg,Scones,${world.boardName}`,
  ])
  await expect(imp.counts()).toContainText('1 row ready')
  await page.getByRole('button', { name: 'Add as drafts' }).click()
  await expect(page.getByTestId('add-result')).toContainText('1 added as drafts')
  await expect(app.toasts()).toContainText('1 Pin added as drafts from the CSV.')
  await app.open('Queue')
  await new QueuePage(page).expectState('scone.jpg', 'draft')
  expect(world.backend.fake.pins.filter((p) => p.title === 'Scones')).toHaveLength(0)
})

test('a CSV of more than 500 rows asks before publishing them at once, drafts first (issue 13)', async ({
  page,
  world,
}) => {
  const one = writeImage(world.dir, 'tile.jpg', 'jpeg', { color: 'olive', size: '200x300' })
  mkdirSync(join(world.dir, 'tiles'))
  const rows = Array.from({ length: 501 }, (_, i) => {
    const p = join(world.dir, 'tiles', `t${i}.jpg`)
    linkSync(one, p) // each row its own file, the same bytes
    return `tiles/t${i}.jpg,Tile ${i},${world.boardName}`
  })
  const { imp } = await importCsvInWindow(page, world, 'tiles.csv', ['file,title,board', ...rows])
  await expect(imp.counts()).toContainText('501 rows ready')
  await imp.confirm()
  const asked = page.getByTestId('csv-confirm')
  await expect(asked).toContainText('Add 501 Pins at once (more than 500)?')
  await expect(asked.getByRole('button', { name: 'Add as drafts' })).toBeFocused()
  // Answered from the keyboard, the focus never falls to the page: back to the Queue button, then the heading.
  await asked.getByRole('button', { name: 'Don’t add' }).focus()
  await page.keyboard.press('Enter')
  await expect(asked).toHaveCount(0)
  await expect(page.getByRole('button', { name: /^Queue 501 valid rows$/ })).toBeFocused()
  expect(world.backend.fake.pins.filter((p) => p.title?.startsWith('Tile '))).toHaveLength(0)
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('csv-confirm').getByRole('button', { name: 'Add as drafts' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('add-result')).toContainText('501 added as drafts')
  await expect(page.getByRole('heading', { name: 'Import CSV', level: 1 })).toBeFocused()
  expect(world.backend.fake.pins.filter((p) => p.title?.startsWith('Tile '))).toHaveLength(0)
})
