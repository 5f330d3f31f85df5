import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { test, expect, seriousA11yViolations, snap } from './support/fixtures'
import { addAsWindow } from '../support/add-paths-kit'
import { pngFolder } from '../support/media-bytes'
import { writeImage } from '../support/media-files'
import { dropPaths } from './support/bridge-page'
import { signInAs } from './pages/account-page'
import { AppPage } from './pages/app-page'
import { chooseBoard } from './pages/board-combobox'
import { FirstRunPage } from './pages/first-run-page'
import { QueuePage } from './pages/queue-page'

// Issue 18: the sheets and views added with the design system — the first-run sheet, the empty queue's drop
// area, the New batch sheet with the board combobox open, the command palette — each in light, dark and
// forced colours, with a screenshot and no serious axe violation.
test.use({ reducedMotion: 'reduce' })

const LOOKS = ['light', 'dark', 'forced-colors'] as const

for (const look of LOOKS) {
  test(`first run, empty queue, New batch, board picker and palette in ${look}`, async ({ page, world }) => {
    if (look === 'forced-colors') await page.emulateMedia({ forcedColors: 'active' })
    else await page.emulateMedia({ colorScheme: look })
    const dir = join(world.dir, 'Lisbon')
    mkdirSync(dir)
    const photo = writeImage(dir, 'tram.jpg', 'jpeg', { size: '200x300' })
    const app = new AppPage(page)
    await app.load()
    const shot = async (name: string) => {
      await snap(page, `design/${name}-${look}`)
      expect(await seriousA11yViolations(page), `axe on ${name}, ${look}`).toEqual([])
    }

    const firstRun = new FirstRunPage(page)
    await expect(firstRun.sheet()).toBeVisible()
    await shot('first-run-app')
    await firstRun.sheet().getByRole('button', { name: 'Next: App ID and secret' }).click()
    await firstRun.sheet().getByText('Advanced: port, sandbox, pasted token').click()
    await shot('first-run-keys')

    await world.signInDirect()
    await expect(firstRun.sheet()).toBeHidden()
    await app.open('Queue')
    await expect(page.getByTestId('queue-drop')).toBeVisible()
    await shot('queue-empty')

    await dropPaths(page, 'main', [photo, join(world.dir, 'notes.txt')])
    const sheet = page.getByRole('dialog', { name: 'New batch' })
    await expect(sheet).toBeVisible()
    await shot('new-batch')
    await sheet.getByRole('combobox', { name: 'Board' }).click()
    await expect(page.getByRole('option', { name: world.boardName })).toBeVisible()
    await shot('board-picker-open')
    await page.keyboard.press('Escape')
    await sheet.getByRole('button', { name: 'Cancel' }).click()
    await expect(sheet).toBeHidden()

    // Closed with Escape, the palette gives the focus back to where it was.
    const addFiles = page.getByTestId('queue-drop').getByRole('button', { name: 'Add files…' })
    await addFiles.focus()
    await page.keyboard.press('ControlOrMeta+k')
    const palette = page.getByRole('dialog', { name: 'Command palette' })
    await expect(palette).toBeVisible()
    await shot('command-palette')
    await page.keyboard.press('Escape')
    await expect(palette).toBeHidden()
    await expect(addFiles).toBeFocused()
    // A command that leaves the screen: the new screen's heading has the focus, not the page.
    await page.keyboard.press('ControlOrMeta+k')
    await page.getByRole('combobox', { name: 'Command' }).fill('settings')
    await page.keyboard.press('Enter')
    await expect(palette).toBeHidden()
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeFocused()
  })
}

for (const look of LOOKS) {
  test(`a queue row named with its account and the New batch more-than-500-Pins question in ${look}`, async ({
    page,
    world,
  }) => {
    if (look === 'forced-colors') await page.emulateMedia({ forcedColors: 'active' })
    else await page.emulateMedia({ colorScheme: look })
    const shot = async (name: string) => {
      await snap(page, `design/${name}-${look}`)
      expect(await seriousA11yViolations(page), `axe on ${name}, ${look}`).toEqual([])
    }
    const fake = world.backend.fake
    const boardA = fake.addBoard({ name: 'Brand A', owner: 'brand_a', privacy: 'PROTECTED' })
    const boardB = fake.addBoard({ name: 'Brand B', owner: 'brand_b', privacy: 'PROTECTED' })
    // Two accounts in the queue: each row names its account (issue 15). Held, so the rows stay queued.
    await signInAs(world, [
      ['brand_a', 'production'],
      ['brand_b', 'production'],
    ])
    expect(await world.invoke('uploads:pause-all', {})).toMatchObject({ ok: true })
    const dir = join(world.dir, 'Brands')
    mkdirSync(dir)
    const [b, a] = ['as-b.jpg', 'as-a.jpg'].map((n) => writeImage(dir, n, 'jpeg', { size: '200x300' }))
    expect(await addAsWindow(world.invoke, [b!], { boardId: boardB.id })).toMatchObject({ ok: true })
    expect(await world.invoke('accounts:use', { key: 'production:brand_a' })).toMatchObject({ ok: true })
    expect(await addAsWindow(world.invoke, [a!], { boardId: boardA.id })).toMatchObject({ ok: true })
    await new AppPage(page).load()
    const queue = new QueuePage(page)
    await expect(queue.row('as-a.jpg')).toContainText('as @brand_a')
    await expect(queue.row('as-b.jpg')).toContainText('as @brand_b')
    await shot('queue-row-account')

    // More than 500 Pins in the New batch sheet: the question offers drafts first.
    const many = pngFolder(join(world.dir, 'Many'), 501)
    await dropPaths(page, 'main', [many])
    const sheet = page.getByRole('dialog', { name: 'New batch' })
    await chooseBoard(page, 'Board', boardA.name)
    await sheet.getByRole('button', { name: 'Queue the files in 1 folder to Brand A' }).click()
    const ask = page.getByTestId('add-confirm')
    await expect(ask.getByRole('button', { name: 'Add as drafts' })).toBeFocused()
    await shot('new-batch-many-question')
  })
}

// Windows 11 (src/main/shell/window-look.ts): the window is see-through over Mica and the page is told so in its
// address; the sidebar then lets the material show and the content stays opaque. In forced colours, all opaque.
test('under Mica the sidebar lets the material show; the content and forced colours stay opaque', async ({
  page,
  world,
}) => {
  await world.signInDirect()
  await page.goto('/index.html?material=mica')
  const nav = page.getByRole('navigation', { name: 'Screens' })
  await expect(nav).toBeVisible()
  const background = (selector: string) =>
    page.evaluate<string>(`getComputedStyle(document.querySelector('${selector}')).backgroundColor`)
  const clear = 'rgba(0, 0, 0, 0)'
  expect(await background('html')).toBe(clear)
  expect(await background('.nav')).toBe(clear)
  expect(await background('.content')).not.toBe(clear)
  await page.emulateMedia({ forcedColors: 'active' })
  expect(await background('.nav')).not.toBe(clear)
  expect(await background('html')).not.toBe(clear)
})
