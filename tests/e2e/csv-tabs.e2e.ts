import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test, expect, seriousA11yViolations } from './support/fixtures'
import { writeImage } from '../support/media-files'
import { AppPage } from './pages/app-page'
import { ImportPage } from './pages/import-page'

// Issue 18, point 9: the CSV preview in Errors and Ready tabs; a row with errors shows its cells as written.
test('CSV preview: Errors first with each bad row as written, Ready by the arrow key', async ({
  page,
  world,
}) => {
  writeImage(world.dir, 'pasta.jpg', 'jpeg', { size: '200x300' })
  const csv = [
    'file,title,board',
    `pasta.jpg,Fresh pasta,${world.boardName}`,
    `missing.jpg,Ghost soup,${world.boardName}`,
    `pasta.jpg,Pasta again,No such board`,
  ].join('\n')
  const path = join(world.dir, 'pins.csv')
  writeFileSync(path, csv)
  world.desktop.csvAnswers.push(path)
  await world.signInDirect()
  const app = new AppPage(page)
  await app.load()
  await app.open('Import CSV')
  await new ImportPage(page).choose()

  const errorsTab = page.getByRole('tab', { name: 'Errors (2)' })
  const readyTab = page.getByRole('tab', { name: 'Ready (1)' })
  await expect(errorsTab).toHaveAttribute('aria-selected', 'true')
  const errors = page.getByRole('tabpanel', { name: 'Errors (2)' })
  // The cells as written, beside the problem.
  await expect(errors.locator('tr[data-line="3"]')).toContainText('Ghost soup')
  await expect(errors.locator('tr[data-line="3"]')).toContainText('missing.jpg')
  await expect(errors.locator('tr[data-line="4"]')).toContainText('No such board')
  expect(await seriousA11yViolations(page)).toEqual([])

  await errorsTab.focus()
  await page.keyboard.press('ArrowRight')
  await expect(readyTab).toBeFocused()
  await expect(readyTab).toHaveAttribute('aria-selected', 'true')
  const ready = page.getByRole('tabpanel', { name: 'Ready (1)' })
  await expect(ready.locator('tr[data-line="2"]')).toContainText('Fresh pasta')
  await expect(errors).toBeHidden()
})
