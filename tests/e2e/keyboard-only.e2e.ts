import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, type Locator, type Page } from '@playwright/test'
import { test, snap } from './support/fixtures'
import { addAsWindow } from '../support/add-paths-kit'
import { pngFolder } from '../support/media-bytes'
import { writeImage } from '../support/media-files'
import { dropPaths } from './support/bridge-page'
import { chooseBoard } from './pages/board-combobox'
import { newBatchWithPhotos } from './pages/new-batch-page'
import { QueuePage } from './pages/queue-page'
import { seedQueue } from './support/queue-seed'
import { AppPage } from './pages/app-page'

// Issue 18, "Must show": the whole path without the mouse — first run, add a folder, choose a board in the
// combobox (creating it), the queue, the inspector of a failed item, Retry. Only the keyboard moves focus and
// acts; the test reads the screen and plays the OS (the folder dialog, the browser that approves the sign-in).

async function isFocused(l: Locator): Promise<boolean> {
  try {
    await expect(l).toBeFocused({ timeout: 100 })
    return true
  } catch {
    return false
  }
}

/** Presses Tab until `target` has the focus (as a keyboard user would), failing after `max` presses. */
async function tabTo(page: Page, target: Locator, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await isFocused(target)) return
    await page.keyboard.press('Tab')
  }
  await expect(target).toBeFocused()
}

/** `target` has the focus, and the focus is not on the page itself (<body>), where the next Tab starts over. */
async function expectFocusOn(page: Page, target: Locator): Promise<void> {
  await expect(target).toBeFocused()
  expect(await page.evaluate<string>(`document.activeElement?.tagName ?? 'none'`)).not.toBe('BODY')
}

test('keyboard only: first run → add a folder → create a board in the combobox → queue → inspector → Retry', async ({
  page,
  world,
}) => {
  const folder = join(world.dir, 'Weeknight')
  mkdirSync(folder)
  writeImage(folder, 'pasta.jpg', 'jpeg', { size: '200x300' })
  world.desktop.folderAnswers.push(folder)
  world.failNextPin('The title has a word Pinterest does not allow.')
  await page.goto('/index.html')

  // First run: three steps in a modal sheet.
  const sheet = page.getByRole('dialog', { name: 'Connect Pinload to Pinterest' })
  await expect(sheet).toBeVisible()
  await tabTo(page, sheet.getByRole('button', { name: 'Next: App ID and secret' }))
  await page.keyboard.press('Enter')
  // The button that had the focus is gone with its step: the new step's heading has it, not the page.
  await expect(sheet.getByRole('heading', { name: /^Step 2 of 3/ })).toBeFocused()
  await tabTo(page, sheet.getByLabel('App ID'))
  await page.keyboard.type(world.app.appId)
  await page.keyboard.press('Tab')
  await page.keyboard.type(world.app.appSecret)
  await tabTo(page, sheet.getByText('Advanced: port, sandbox, pasted token'))
  await page.keyboard.press('Enter')
  await tabTo(page, sheet.getByLabel('Sign-in port'))
  await page.keyboard.press('ControlOrMeta+a')
  await page.keyboard.type(String(world.app.port))
  await tabTo(page, sheet.getByRole('button', { name: 'Next: Connect' }))
  await page.keyboard.press('Enter')
  await expect(sheet.getByRole('heading', { name: /^Step 3 of 3/ })).toBeFocused()
  await tabTo(page, sheet.getByRole('button', { name: 'Connect to Pinterest' }))
  await page.keyboard.press('Enter')
  await expect(sheet).toBeHidden({ timeout: 20_000 })
  await expect(page.getByTestId('queue-drop')).toBeVisible()
  // The sheet went: the queue's heading has the focus, so the next Tab starts on the screen.
  await expect(page.locator('main h1')).toBeFocused()

  // Add a folder from the command palette.
  await page.keyboard.press('ControlOrMeta+k')
  await page.keyboard.type('add folder')
  await page.keyboard.press('Enter')
  const batch = page.getByRole('dialog', { name: 'New batch' })
  await expect(batch.getByTestId('new-batch-found')).toContainText('1 folder (Weeknight)')

  // The board: typed into the combobox, created from its last line.
  const board = batch.getByRole('combobox', { name: 'Board' })
  await tabTo(page, board)
  await page.keyboard.type('Weeknight dinners')
  await expect(page.getByRole('option', { name: 'Create board “Weeknight dinners”' })).toBeVisible()
  await page.keyboard.press('Enter')
  await expect(board).toHaveValue('Weeknight dinners')
  await expect.poll(() => world.backend.fake.boards.map((b) => b.name)).toContain('Weeknight dinners')

  await tabTo(page, batch.getByRole('button', { name: 'Queue the files in 1 folder to Weeknight dinners' }))
  await page.keyboard.press('Enter')
  // A new public board: the first post to it asks first, and the question has the focus as it shows.
  await expectFocusOn(page, page.getByTestId('add-confirm').getByRole('button', { name: 'Add them' }))
  await page.keyboard.press('Enter')
  await expect(batch.getByTestId('new-batch-result')).toContainText('1 Pin queued to Weeknight dinners')
  await expectFocusOn(page, batch.getByRole('button', { name: 'Done' }))
  await page.keyboard.press('Enter')
  await expect(batch).toBeHidden()
  // What opened the sheet (the palette) is gone: the screen's heading has the focus, not the page.
  await expect(page.locator('main h1')).toBeFocused()

  // The queue: the Pin fails; the list is one tab stop, arrows move, Enter opens the inspector.
  const queue = new QueuePage(page)
  await queue.expectState('pasta.jpg', 'failed', 30_000)
  const header = page.locator('.group-header').first()
  await tabTo(page, header)
  await page.keyboard.press('ArrowDown')
  await expect(queue.row('pasta.jpg')).toBeFocused()
  await page.keyboard.press('Enter')
  const inspector = page.getByRole('complementary', { name: 'pasta.jpg' })
  await expect(inspector).toContainText('does not allow')
  await snap(page, 'keyboard-inspector')
  await tabTo(page, inspector.getByRole('button', { name: 'Retry' }))
  await page.keyboard.press('Enter')
  await queue.expectState('pasta.jpg', 'published', 30_000)
  // Retry went with the failure: the panel's heading keeps the focus; Escape gives it back to the row.
  await expect(inspector.getByRole('heading', { name: 'pasta.jpg' })).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(inspector).toBeHidden()
  await expect(queue.row('pasta.jpg')).toBeFocused()
})

/** Where the focus is: the queue line (`data-key`) holding it or holding the control that has it, or null. */
async function focusedLine(page: Page): Promise<string | null> {
  return page.evaluate<string | null>(
    `document.activeElement?.closest('.queue-scroll [data-key]')?.getAttribute('data-key') ?? null`,
  )
}

test('a queue of 300 items is one tab stop, also once the line that held it scrolled out of the list', async ({
  page,
  world,
}) => {
  await world.signInDirect()
  expect(await world.invoke('uploads:pause-all', {})).toMatchObject({ ok: true })
  seedQueue(world.backend.dataDir, 300, { boardId: world.boardId })
  await new AppPage(page).load()
  await expect(page.locator('.queue-row').first()).toBeVisible()
  await tabTo(page, page.locator('.group-header').first())
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown')
  const third = await focusedLine(page)
  expect(third).not.toBeNull()

  // Tab leaves the list after the line's own controls: no other line is ever passed through.
  const passed = new Set<string>()
  for (let i = 0; i < 10 && (await focusedLine(page)) !== null; i++) {
    passed.add((await focusedLine(page))!)
    await page.keyboard.press('Tab')
  }
  expect(await focusedLine(page)).toBeNull()
  expect([...passed]).toEqual([third])

  // The line scrolls out of the rendered range: coming back with Shift+Tab still lands on a line of the list.
  await page.getByRole('region', { name: 'Queued files' }).evaluate((el) => {
    const box = el as unknown as { scrollTop: number; scrollHeight: number }
    box.scrollTop = box.scrollHeight
  })
  await expect(page.locator(`.queue-scroll [data-key="${third}"]`)).toHaveCount(0)
  const back = new Set<string | null>()
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('Shift+Tab')
    const line = await focusedLine(page)
    if (line !== null) {
      back.add(line)
      break
    }
    // Nothing between the controls after the list and the list itself may take the stop instead of a line.
    const inList = await page.evaluate<boolean>(`document.activeElement?.closest('.queue-scroll') != null`)
    expect(inList, 'the list itself took the focus instead of one of its lines').toBe(false)
  }
  expect(back.size).toBe(1)
  // The line the stop fell back to is on screen, and arrows go on from it.
  const now = [...back][0]!
  await expect(page.locator(`.queue-scroll [data-key="${now}"]`)).toBeInViewport()
  // Shift+Tab comes in at the line's last control: once more, and the line itself has the focus.
  const onLine = () => page.evaluate<boolean>(`document.activeElement?.hasAttribute('data-key') === true`)
  for (let i = 0; i < 5 && !(await onLine()); i++) {
    await page.keyboard.press('Shift+Tab')
    expect(await focusedLine(page)).toBe(now)
  }
  expect(await onLine()).toBe(true)
  await page.keyboard.press('ArrowUp')
  expect(await focusedLine(page)).not.toBe(now)
  expect(await focusedLine(page)).not.toBeNull()

  // Removing the focused line's item with its own button: the focus goes to the line now in its place, where
  // the arrows go on working, not to the page.
  const gone = (await focusedLine(page))!
  const label = () => page.evaluate<string>(`document.activeElement?.getAttribute('aria-label') ?? ''`)
  for (let i = 0; i < 6 && !(await label()).startsWith('Remove '); i++) await page.keyboard.press('Tab')
  expect(await label()).toMatch(/^Remove /)
  await page.keyboard.press('Enter')
  await expect(page.locator(`.queue-scroll [data-key="${gone}"]`)).toHaveCount(0)
  await expect.poll(onLine).toBe(true)
  const after = (await focusedLine(page))!
  expect(after).not.toBe(gone)
  await page.keyboard.press('ArrowDown')
  expect(await focusedLine(page)).not.toBe(after)
})

/**
 * Enter on the sheet's Queue button asks first, with the focus on the question's `first` button; "Don’t add"
 * closes the question and gives the focus back to Queue. Returns the question, to be asked again.
 */
async function askThenDecline(
  page: Page,
  queueButton: Locator,
  first: string,
  says?: string,
): Promise<Locator> {
  await tabTo(page, queueButton)
  await page.keyboard.press('Enter')
  const ask = page.getByTestId('add-confirm')
  if (says !== undefined) await expect(ask).toContainText(says)
  await expectFocusOn(page, ask.getByRole('button', { name: first }))
  await tabTo(page, ask.getByRole('button', { name: 'Don’t add' }))
  await page.keyboard.press('Enter')
  await expect(ask).toBeHidden()
  await expectFocusOn(page, queueButton)
  return ask
}

// Issue 18 review: questions an add asks inside the New batch sheet, and the queue's "Retry all", must never
// leave the focus on the page.
test('New batch: the public-board question has the focus; "no" goes back to Queue, yes to Done', async ({
  page,
  world,
}) => {
  const { sheet } = await newBatchWithPhotos(page, world, 'Harbour', ['boat.jpg'])
  await chooseBoard(page, 'Board', world.boardName)
  const queueButton = sheet.getByRole('button', { name: `Queue 1 Pin to ${world.boardName}` })
  const ask = await askThenDecline(page, queueButton, 'Add them')

  await page.keyboard.press('Enter')
  await expectFocusOn(page, ask.getByRole('button', { name: 'Add them' }))
  await page.keyboard.press('Enter')
  await expect(sheet.getByTestId('new-batch-result')).toContainText(`1 Pin queued to ${world.boardName}`)
  await expectFocusOn(page, sheet.getByRole('button', { name: 'Done' }))
  await page.keyboard.press('Enter')
  await expect(sheet).toBeHidden()
})

test('New batch: the more-than-500-Pins question has the focus; "no" goes back to Queue, yes to Done', async ({
  page,
  world,
}) => {
  const team = world.backend.fake.addBoard({ name: 'Team', privacy: 'PROTECTED' })
  const folder = pngFolder(join(world.dir, 'Shoot'), 501)
  await world.signInDirect()
  // Held, so 501 Pins are not sent while the test reads the sheet.
  expect(await world.invoke('uploads:pause-all', {})).toMatchObject({ ok: true })
  await new AppPage(page).load()
  await dropPaths(page, 'main', [folder])
  const sheet = page.getByRole('dialog', { name: 'New batch' })
  await chooseBoard(page, 'Board', team.name)
  const queueButton = sheet.getByRole('button', { name: 'Queue the files in 1 folder to Team' })
  const ask = await askThenDecline(page, queueButton, 'Add as drafts', '501 files')

  await page.keyboard.press('Enter')
  await expectFocusOn(page, ask.getByRole('button', { name: 'Add as drafts' }))
  await tabTo(page, ask.getByRole('button', { name: 'Publish them all' }))
  await page.keyboard.press('Enter')
  await expect(sheet.getByTestId('new-batch-result')).toContainText('501 Pins queued to Team')
  await expectFocusOn(page, sheet.getByRole('button', { name: 'Done' }))
})

test('"Retry all" in Needs you: once its group is gone, the queue list\'s active line has the focus', async ({
  page,
  world,
}) => {
  const dir = join(world.dir, 'Retry')
  mkdirSync(dir)
  const photo = writeImage(dir, 'kite.jpg', 'jpeg', { size: '200x300' })
  await world.signInDirect()
  world.failNextPin('The title has a word Pinterest does not allow.')
  expect(await addAsWindow(world.invoke, [photo], { boardId: world.boardId })).toMatchObject({ ok: true })
  await new AppPage(page).load()
  const queue = new QueuePage(page)
  await queue.expectState('kite.jpg', 'failed', 30_000)
  const retryAll = page.locator('.needs-you').getByRole('button', { name: /^Retry all/ })
  await tabTo(page, retryAll)
  await page.keyboard.press('Enter')
  await expect(retryAll).toHaveCount(0)
  await expectFocusOn(page, page.locator('.queue-canvas [role="listitem"][tabindex="0"]'))
  await queue.expectState('kite.jpg', 'published', 30_000)
})
