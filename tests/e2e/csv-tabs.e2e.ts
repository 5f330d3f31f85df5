import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test, expect, seriousA11yViolations, snap } from './support/fixtures'
import { writeImage } from '../support/media-files'
import { AppPage } from './pages/app-page'
import { importCsvInWindow } from './pages/import-page'
import { chooseBoard } from './pages/board-combobox'

// Issue 18, point 9: the CSV preview in Errors and Ready tabs, in both themes with a screenshot of each tab; a
// row with errors shows its cells as written.
for (const theme of ['light', 'dark'] as const)
  test(`CSV preview in the ${theme} theme: Errors first with each bad row as written, Ready by the arrow key`, async ({
    page,
    world,
  }) => {
    await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' })
    writeImage(world.dir, 'pasta.jpg', 'jpeg', { size: '200x300' })
    await importCsvInWindow(page, world, 'pins.csv', [
      'file,title,board',
      `pasta.jpg,Fresh pasta,${world.boardName}`,
      `missing.jpg,Ghost soup,${world.boardName}`,
      `pasta.jpg,Pasta again,No such board`,
    ])

    const errorsTab = page.getByRole('tab', { name: 'Errors (2)' })
    const readyTab = page.getByRole('tab', { name: 'Ready (1)' })
    await expect(errorsTab).toHaveAttribute('aria-selected', 'true')
    const errors = page.getByRole('tabpanel', { name: 'Errors (2)' })
    // The cells as written, beside the problem.
    await expect(errors.locator('tr[data-line="3"]')).toContainText('Ghost soup')
    await expect(errors.locator('tr[data-line="3"]')).toContainText('missing.jpg')
    await expect(errors.locator('tr[data-line="4"]')).toContainText('No such board')
    expect(await seriousA11yViolations(page)).toEqual([])
    await snap(page, `design/csv-errors-${theme}`)

    await errorsTab.focus()
    await page.keyboard.press('ArrowRight')
    await expect(readyTab).toBeFocused()
    await expect(readyTab).toHaveAttribute('aria-selected', 'true')
    const ready = page.getByRole('tabpanel', { name: 'Ready (1)' })
    await expect(ready.locator('tr[data-line="2"]')).toContainText('Fresh pasta')
    await expect(errors).toBeHidden()
    expect(await seriousA11yViolations(page)).toEqual([])
    await snap(page, `design/csv-ready-${theme}`)
  })

test('"Download template" on the empty queue and on Import CSV saves the template where the user picks', async ({
  page,
  world,
}) => {
  const first = join(world.dir, 'from-queue.csv')
  const second = join(world.dir, 'from-import.csv')
  world.desktop.saveAnswers.push(first, second)
  await world.signInDirect()
  const app = new AppPage(page)
  await app.load()
  await page.getByTestId('queue-drop').getByRole('button', { name: 'Download a CSV template' }).click()
  await expect(page.getByText('Template saved as from-queue.csv.')).toBeVisible()
  await app.open('Import CSV')
  await page.getByRole('button', { name: 'Download template' }).click()
  await expect(page.getByText('Template saved as from-import.csv.')).toBeVisible()
  for (const f of [first, second]) expect(readFileSync(f, 'utf8')).toMatch(/^file,title,description,link/)
})

test('a board name the account lacks is matched once in the combobox, and all its rows follow', async ({
  page,
  world,
}) => {
  writeImage(world.dir, 'a.jpg', 'jpeg', { size: '200x300', color: 'red' })
  writeImage(world.dir, 'b.jpg', 'jpeg', { size: '200x300', color: 'blue' })
  const { imp } = await importCsvInWindow(page, world, 'pins.csv', [
    'file,title,board',
    'a.jpg,One,Dinner ideas',
    'b.jpg,Two,dinner ideas',
  ])
  await expect(imp.counts()).toContainText('0 rows ready')

  // One picker for the name, whatever its case in each row.
  await chooseBoard(page, '“Dinner ideas” (2 rows)', world.boardName)
  await expect(imp.counts()).toContainText('2 rows ready')
  await expect(page.getByRole('tab', { name: 'Ready (2)' })).toHaveAttribute('aria-selected', 'true')
  await expect(imp.row(3)).toContainText('b.jpg')
})
