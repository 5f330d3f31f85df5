import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { test, expect, seriousA11yViolations, type World } from './support/fixtures'
import { writeImage } from '../support/media-files'
import { AppPage } from './pages/app-page'
import { chooseBoard } from './pages/board-combobox'
import { dropPaths } from './support/bridge-page'
import type { ItemView } from '../../src/shared/domain'

// Issue 14, point 1: a batch is scheduled in the window, its Pins show on the timeline day by day, and one
// is moved. Added as drafts through the window's own add channel; scheduled, listed and moved through the
// real services (schedule:apply, items:edit) against the fake Pinterest, which gets no Pin meanwhile.

/** Adds a folder as drafts as the window does: the folder dialog's grant, then `uploads:add-paths`. */
async function addAsDrafts(world: World, folder: string): Promise<void> {
  world.desktop.folderAnswers.push(folder)
  const picked = await world.invoke('dialog:pick-folder', {})
  if (!picked.ok) throw new Error(JSON.stringify(picked))
  const grant = (picked.value as { grant: string }).grant
  const added = await world.invoke('uploads:add-paths', {
    grants: [grant],
    defaults: { boardId: world.boardId, titleTemplate: '{name}' },
    draft: true,
  })
  if (!added.ok) throw new Error(JSON.stringify(added))
  const value = added.value as { confirm?: { scanId: string } }
  if (value.confirm) {
    const confirmed = await world.invoke('uploads:confirm-add', { scanId: value.confirm.scanId })
    if (!confirmed.ok) throw new Error(JSON.stringify(confirmed))
  }
}

async function openTimeline(page: Page): Promise<void> {
  const button = page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: /^Timeline/ })
  await button.click()
  await expect(button).toHaveAttribute('aria-current', 'page')
}

const pad = (n: number) => String(n).padStart(2, '0')
/** The local date `days` from now as YYYY-MM-DD (the browser and this process share the machine's clock). */
function dayFromNow(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

test('schedule a batch of drafts in the window, see it on the timeline by day, move one Pin', async ({
  page,
  world,
}) => {
  const folder = join(world.dir, 'spring')
  mkdirSync(folder)
  for (const name of ['tulip', 'daisy', 'lilac'])
    writeImage(folder, `${name}.jpg`, 'jpeg', { size: '200x300' })

  await world.signInDirect()
  const app = new AppPage(page)
  await app.load()
  await openTimeline(page)
  await expect(page.getByText('Nothing scheduled')).toBeVisible()
  await addAsDrafts(world, folder)
  // The batch is offered by its folder's name, as the queue calls it (issue 18, point 4: never "Batch 1").
  await expect(page.getByLabel('Batch').locator('option')).toHaveText(['spring (3 drafts)'])

  // Two a day from 09:00 to 17:00, from two days on, on the machine's own clock.
  const first = dayFromNow(2)
  const plan = page.getByRole('group', { name: 'Schedule' })
  await expect(page.getByRole('button', { name: 'Schedule 3 Pins' })).toBeVisible()
  await plan.getByLabel('Pins a day').fill('2')
  await plan.getByLabel('From').fill('09:00')
  await plan.getByLabel('Until').fill('17:00')
  await plan.getByLabel('Start').fill(`${first}T00:00`)
  await expect(page.getByTestId('schedule-preview')).toContainText('First:')
  await page.getByRole('button', { name: 'Schedule 3 Pins' }).click()

  const days = page.getByTestId('timeline-day')
  await expect(days).toHaveCount(2)
  const rowsOf = (i: number) => days.nth(i).getByTestId('timeline-row')
  await expect(rowsOf(0)).toHaveCount(2)
  await expect(rowsOf(1)).toHaveCount(1)
  await expect(rowsOf(0).locator('time')).toHaveText(['09:00', '13:00'])
  await expect(rowsOf(1).locator('time')).toHaveText(['09:00'])
  await expect(rowsOf(0).first()).toContainText('Scheduled')
  expect(await seriousA11yViolations(page)).toEqual([])

  // Move the last Pin to 10:30 five days on: it leaves its day for a new one.
  const moved = rowsOf(1).first()
  const name = (await moved.locator('.timeline-name').textContent()) ?? ''
  await moved.getByRole('button', { name: /^Move / }).click()
  const later = dayFromNow(5)
  await moved.getByLabel(/^New time for /).fill(`${later}T10:30`)
  await moved.getByRole('button', { name: 'Save time' }).click()
  await expect(days).toHaveCount(2)
  await expect(rowsOf(1).locator('time')).toHaveText(['10:30'])
  await expect(rowsOf(1)).toContainText(name)

  // Main holds the new time; nothing went to Pinterest.
  const list = await world.invoke('uploads:list', {})
  if (!list.ok) throw new Error(JSON.stringify(list))
  const items = (list.value as { items: ItemView[] }).items
  const row = items.find((v) => v.title === name)
  expect(row?.state).toBe('scheduled')
  expect(row?.publishAt).toBe(new Date(`${later}T10:30`).getTime())
  expect(world.backend.fake.pins).toHaveLength(0)
})

test('a dropped batch spread over time in the New batch sheet lands on the timeline, one a day', async ({
  page,
  world,
}) => {
  const dir = join(world.dir, 'autumn')
  mkdirSync(dir)
  const files = ['maple', 'oak'].map((n) => writeImage(dir, `${n}.jpg`, 'jpeg', { size: '200x300' }))
  await world.signInDirect()
  const app = new AppPage(page)
  await app.load()
  await dropPaths(page, 'nav', files)
  const sheet = page.getByRole('dialog', { name: 'New batch' })
  await chooseBoard(page, 'Board', world.boardName)
  await sheet.getByLabel('Spread over time').check()
  const plan = sheet.getByRole('group', { name: 'Schedule' })
  await plan.getByLabel('Pins a day').fill('1')
  await plan.getByLabel('From').fill('10:00')
  await plan.getByLabel('Until').fill('18:00')
  await plan.getByLabel('Start').fill(`${dayFromNow(2)}T00:00`)
  await plan.getByRole('button', { name: 'Schedule 2 Pins' }).click()
  // Recipes is public: the first post to it asks first.
  await page.getByTestId('add-confirm').getByRole('button', { name: 'Add them' }).click()
  await expect(sheet.getByTestId('new-batch-result')).toContainText('2 Pins queued')
  await sheet.getByRole('button', { name: 'Done' }).click()

  await openTimeline(page)
  const days = page.getByTestId('timeline-day')
  await expect(days).toHaveCount(2)
  for (let i = 0; i < 2; i++)
    await expect(days.nth(i).getByTestId('timeline-row').locator('time')).toHaveText(['10:00'])
  expect(world.backend.fake.pins).toHaveLength(0)
})

test("the review screen's Schedule drafts… plans the batch's drafts", async ({ page, world }) => {
  const folder = join(world.dir, 'winter')
  mkdirSync(folder)
  for (const name of ['frost', 'snow']) writeImage(folder, `${name}.jpg`, 'jpeg', { size: '200x300' })
  await world.signInDirect()
  const app = new AppPage(page)
  await app.load()
  await addAsDrafts(world, folder)
  const review = page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: /^Review/ })
  await review.click()
  await expect(page.getByTestId('review-counts')).toHaveText('2 Pins · 2 drafts')
  await page.getByRole('button', { name: 'Schedule drafts…' }).click()
  const plan = page.getByRole('group', { name: 'Schedule' })
  await plan.getByLabel('One every…').check()
  await plan.getByRole('textbox', { name: 'Every' }).fill('1d')
  await plan.getByLabel('Start').fill(`${dayFromNow(3)}T08:15`)
  await plan.getByRole('button', { name: 'Schedule 2 Pins' }).click()
  await expect(page.getByTestId('review-counts')).toHaveText('2 Pins · 0 drafts')

  await openTimeline(page)
  const days = page.getByTestId('timeline-day')
  await expect(days).toHaveCount(2)
  for (let i = 0; i < 2; i++)
    await expect(days.nth(i).getByTestId('timeline-row').locator('time')).toHaveText(['08:15'])
})
