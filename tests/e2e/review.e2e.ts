import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { openDatabase } from '../../src/main/db/connection'
import { ItemRepository } from '../../src/main/db/item-repository'
import { test, expect, seriousA11yViolations, snap, type World } from './support/fixtures'
import { writeImage } from '../support/media-files'
import { AddPage } from './pages/add-page'
import { AppPage } from './pages/app-page'
import { chooseBoard } from './pages/board-combobox'

// Issue 13, point 2: drafts are reviewed and edited in the window before anything goes to Pinterest. Added as
// drafts in the window (the first spec through the Add screen, the others through its add channel), edited in
// the review screen (one Pin alone, two through the bulk edit), published from there; the fake Pinterest then
// holds exactly the edited words.

const LINK = 'https://example.com/shop'

/** Adds a folder as drafts (or to publish at once) as the window does: the folder dialog's grant, then `uploads:add-paths`. */
async function addAsDrafts(world: World, folder: string, draft = true): Promise<void> {
  world.desktop.folderAnswers.push(folder)
  const picked = await world.invoke('dialog:pick-folder', {})
  if (!picked.ok) throw new Error(JSON.stringify(picked))
  const grant = (picked.value as { grant: string }).grant
  const added = await world.invoke('uploads:add-paths', {
    grants: [grant],
    defaults: { boardId: world.boardId, titleTemplate: '{name}', link: LINK },
    draft,
  })
  if (!added.ok) throw new Error(JSON.stringify(added))
  // Recipes is a public board: the first post to it asks first, and the answer here is yes.
  const value = added.value as { confirm?: { scanId: string } }
  if (value.confirm) {
    const confirmed = await world.invoke('uploads:confirm-add', { scanId: value.confirm.scanId })
    if (!confirmed.ok) throw new Error(JSON.stringify(confirmed))
  }
}

const card = (page: Page, name: string) =>
  page.getByTestId('pin-card').filter({ has: page.locator('.pin-file', { hasText: name }) })

async function openReview(page: Page): Promise<void> {
  const button = page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: /^Review/ })
  await button.click()
  await expect(button).toHaveAttribute('aria-current', 'page')
}

test('add as drafts, edit one Pin and two more in bulk in the review screen, publish: the fake holds the edited words', async ({
  page,
  world,
}) => {
  const folder = join(world.dir, 'tarts')
  mkdirSync(folder)
  writeImage(folder, 'lemon.jpg', 'jpeg', { color: 'yellow', size: '200x300' })
  writeImage(folder, 'berry.jpg', 'jpeg', { color: 'purple', size: '200x300' })
  writeImage(folder, 'apple.png', 'png', { color: 'green', size: '200x300' })

  const desserts = world.backend.fake.addBoard({ name: 'Desserts' })
  const tarts = world.backend.fake.addSection(desserts.id, 'Tarts')

  await world.signInDirect()
  const app = new AppPage(page)
  await app.load()
  // Added as drafts in the window: the board, the batch's link, and the folder the dialog answers.
  await app.open('Add')
  const add = new AddPage(page)
  await add.chooseBoard(world.boardName)
  await add.setTitleTemplate('{name}')
  await page.getByLabel('Link', { exact: true }).fill(LINK)
  world.desktop.folderAnswers.push(folder)
  await page.getByRole('button', { name: 'Add folder as drafts…' }).click()
  // Recipes is a public board: the first post to it in a batch asks first.
  await add.confirm()
  await expect(add.result()).toBeVisible()
  await openReview(page)

  const cards = page.getByTestId('pin-card')
  await expect(cards).toHaveCount(3)
  for (const name of ['lemon.jpg', 'berry.jpg', 'apple.png'])
    await expect(card(page, name)).toHaveAttribute('data-state', 'draft')
  await expect(page.getByTestId('review-counts')).toHaveText('3 Pins · 3 drafts')
  // The same link on every Pin of the batch is called out, on the batch and on each card.
  await expect(page.getByTestId('repeat-warnings')).toContainText(`3 Pins have the link “${LINK}”`)
  await expect(card(page, 'lemon.jpg').getByText('Same link as 2 other Pins')).toBeVisible()
  // As Pinterest shows it: the link's site on the picture, the title under it.
  await expect(card(page, 'lemon.jpg').locator('.pin-site')).toHaveText('example.com')
  await expect(card(page, 'lemon.jpg').locator('.pin-title')).toHaveText('lemon')

  // One Pin on its own: a title past Pinterest's limit is counted and cannot be saved.
  await card(page, 'lemon.jpg').getByRole('button', { name: 'Edit lemon.jpg' }).click()
  const editor = page.getByTestId('pin-editor')
  const title = editor.getByLabel('Title', { exact: true })
  await title.fill('x'.repeat(101))
  await expect(editor.getByTestId('limit-counter').first()).toHaveText('101 / 100 · 1 over the limit')
  await expect(editor.getByText('Title is 101 characters; Pinterest takes at most 100.')).toBeVisible()
  await expect(editor.getByRole('button', { name: 'Save' })).toBeDisabled()
  await title.fill('Lemon tart, step by step')
  await expect(editor.getByTestId('limit-counter').first()).toHaveText('24 / 100')
  await editor
    .getByLabel('Description', { exact: true })
    .fill('Shortcrust, lemon curd and a torch for the top.')
  await editor.getByLabel('Alt text', { exact: true }).fill('A lemon tart on a white plate')
  // Another board, in one of its sections, through the shared board picker.
  await chooseBoard(page, 'Board', 'Desserts › Tarts')
  await editor.getByRole('button', { name: 'Save' }).click()
  await expect(card(page, 'lemon.jpg').locator('.pin-title')).toHaveText('Lemon tart, step by step')
  await expect(card(page, 'lemon.jpg').locator('.pin-description')).toHaveText(
    'Shortcrust, lemon curd and a torch for the top.',
  )

  // Two Pins at once: select them and set their link.
  await card(page, 'berry.jpg').getByRole('checkbox', { name: 'Select berry.jpg' }).check()
  await card(page, 'apple.png').getByRole('checkbox', { name: 'Select apple.png' }).check()
  const bulk = page.getByTestId('bulk-editor')
  await bulk.getByLabel('Field to set').selectOption({ label: 'Link' })
  await bulk.getByLabel('New link').fill('https://example.com/fruit-tarts?utm_campaign=june#recipe')
  await bulk.getByRole('button', { name: 'Set on 2 Pins' }).click()
  await expect(card(page, 'berry.jpg').locator('.pin-site')).toHaveText('example.com')
  // Now only those two share a link; the lemon tart's is its own.
  await expect(page.getByTestId('repeat-warnings')).toContainText('2 Pins have the link')
  await expect(card(page, 'lemon.jpg').getByText(/Same link/)).toHaveCount(0)

  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme })
    await snap(page, `design/review-${theme}`)
    expect(await seriousA11yViolations(page), `axe on the review screen, ${theme}`).toEqual([])
  }
  await page.emulateMedia({ colorScheme: 'light', forcedColors: 'active' })
  expect(await seriousA11yViolations(page), 'axe on the review screen, forced colours').toEqual([])
  await page.emulateMedia({ forcedColors: 'none' })

  // Drafts never publish by themselves: nothing reached Pinterest while they were edited.
  expect(world.backend.fake.pins).toHaveLength(0)
  await page.getByRole('button', { name: 'Publish 3 drafts' }).click()
  await expect.poll(() => world.backend.fake.pins.length, { timeout: 30_000 }).toBe(3)
  const pins = [...world.backend.fake.pins].sort((a, b) => (a.title ?? '').localeCompare(b.title ?? ''))
  expect(
    pins.map((p) => ({ title: p.title, description: p.description, link: p.link, alt: p.alt_text })),
  ).toEqual([
    {
      title: 'apple',
      description: null,
      link: 'https://example.com/fruit-tarts?utm_campaign=june#recipe',
      alt: null,
    },
    {
      title: 'berry',
      description: null,
      link: 'https://example.com/fruit-tarts?utm_campaign=june#recipe',
      alt: null,
    },
    {
      title: 'Lemon tart, step by step',
      description: 'Shortcrust, lemon curd and a torch for the top.',
      link: LINK,
      alt: 'A lemon tart on a white plate',
    },
  ])
  expect(pins.map((p) => [p.board_id, p.board_section_id])).toEqual([
    [world.boardId, null],
    [world.boardId, null],
    [desserts.id, tarts.id],
  ])
  // Published Pins leave the review screen: nothing is left to edit.
  await expect(page.getByText('Nothing to review')).toBeVisible({ timeout: 30_000 })
})

test('by keyboard: select with Space, edit with Enter, Escape back to the card; Publish selected sends the chosen drafts, a future time waits as scheduled', async ({
  page,
  world,
}) => {
  const folder = join(world.dir, 'soups')
  mkdirSync(folder)
  writeImage(folder, 'leek.jpg', 'jpeg', { color: 'green', size: '200x300' })
  writeImage(folder, 'pea.jpg', 'jpeg', { color: 'lime', size: '200x300' })
  writeImage(folder, 'kale.jpg', 'jpeg', { color: 'olive', size: '200x300' })

  await world.signInDirect()
  const app = new AppPage(page)
  await app.load()
  await openReview(page)
  await expect(page.getByText('Nothing to review')).toBeVisible()
  await addAsDrafts(world, folder)
  await expect(page.getByTestId('pin-card')).toHaveCount(3)

  // Enter on a card's preview opens its editor with the keyboard in the first field; Enter there saves.
  const openPea = card(page, 'pea.jpg').getByRole('button', { name: 'Edit pea.jpg' })
  await openPea.focus()
  await page.keyboard.press('Enter')
  const editor = page.getByTestId('pin-editor')
  const title = editor.getByLabel('Title', { exact: true })
  await expect(title).toBeFocused()
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.type('Pea soup for later')
  const tomorrow = new Date(Date.now() + 86_400_000)
  const pad = (n: number) => String(n).padStart(2, '0')
  const local = `${tomorrow.getFullYear()}-${pad(tomorrow.getMonth() + 1)}-${pad(tomorrow.getDate())}T09:30`
  await editor.getByLabel('Publish time').fill(local)
  await title.focus()
  await page.keyboard.press('Enter')
  await expect(card(page, 'pea.jpg').locator('.pin-title')).toHaveText('Pea soup for later')
  await expect(card(page, 'pea.jpg').locator('.pin-when')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(editor).toBeHidden()
  await expect(openPea).toBeFocused()

  // Space on the checkboxes selects; Publish selected sends only those two.
  for (const name of ['pea.jpg', 'leek.jpg']) {
    await card(page, name)
      .getByRole('checkbox', { name: `Select ${name}` })
      .focus()
    await page.keyboard.press('Space')
  }
  await expect(page.getByRole('toolbar', { name: 'Selected Pins' })).toContainText('2 selected')
  await page.getByRole('button', { name: 'Publish selected' }).focus()
  await page.keyboard.press('Enter')

  // leek goes now; pea waits for its time as scheduled and can still be edited; kale stays a draft.
  await expect.poll(() => world.backend.fake.pins.map((p) => p.title), { timeout: 30_000 }).toEqual(['leek'])
  await expect(card(page, 'pea.jpg')).toHaveAttribute('data-state', 'scheduled')
  await expect(card(page, 'kale.jpg')).toHaveAttribute('data-state', 'draft')
  await expect(card(page, 'leek.jpg')).toHaveCount(0, { timeout: 30_000 })
  await expect(page.getByTestId('review-counts')).toHaveText('2 Pins · 1 draft')
  expect(world.backend.fake.pins).toHaveLength(1)
})

test("a failed Pin's words are fixed in the review screen and Retry publishes them", async ({
  page,
  world,
}) => {
  const folder = join(world.dir, 'bread')
  mkdirSync(folder)
  writeImage(folder, 'rye.jpg', 'jpeg', { color: 'brown', size: '200x300' })
  world.failNextPin('Pinterest refused the Pin: the link is on a blocked domain.')

  await world.signInDirect()
  const app = new AppPage(page)
  await app.load()
  await openReview(page)
  await expect(page.getByText('Nothing to review')).toBeVisible()
  await addAsDrafts(world, folder, false)
  await expect(card(page, 'rye.jpg')).toHaveAttribute('data-state', 'failed', { timeout: 30_000 })

  await card(page, 'rye.jpg').getByRole('button', { name: 'Edit rye.jpg' }).click()
  const editor = page.getByTestId('pin-editor')
  await expect(editor).toContainText('blocked domain')
  await editor.getByLabel('Title', { exact: true }).fill('Dark rye, overnight')
  await editor.getByLabel('Link', { exact: true }).fill('https://bakery.example/rye')
  await editor.getByRole('button', { name: 'Save' }).click()
  await expect(card(page, 'rye.jpg').locator('.pin-title')).toHaveText('Dark rye, overnight')
  await editor.getByRole('button', { name: 'Retry' }).click()

  await expect.poll(() => world.backend.fake.pins.length, { timeout: 30_000 }).toBe(1)
  expect(world.backend.fake.pins[0]).toMatchObject({
    title: 'Dark rye, overnight',
    link: 'https://bakery.example/rye',
  })
})

test('two selected drafts become one carousel Pin, published with its own batch', async ({ page, world }) => {
  const folder = join(world.dir, 'cakes')
  mkdirSync(folder)
  for (const [name, color] of [
    ['layer.jpg', 'pink'],
    ['sponge.jpg', 'wheat'],
    ['cheese.jpg', 'white'],
  ] as const)
    writeImage(folder, name, 'jpeg', { color, size: '200x300' })

  await world.signInDirect()
  const app = new AppPage(page)
  await app.load()
  await openReview(page)
  await expect(page.getByText('Nothing to review')).toBeVisible()
  await addAsDrafts(world, folder)
  await expect(page.getByTestId('pin-card')).toHaveCount(3)

  const makeCarousel = page.getByRole('button', { name: 'Make a carousel' })
  await card(page, 'layer.jpg').getByRole('checkbox', { name: 'Select layer.jpg' }).check()
  await expect(makeCarousel).toBeDisabled()
  await card(page, 'sponge.jpg').getByRole('checkbox', { name: 'Select sponge.jpg' }).check()
  await makeCarousel.click()

  // The joined images leave their batch; the carousel is a draft of its own, open in the editor.
  await expect(page.getByTestId('pin-card')).toHaveCount(1)
  await expect(page.getByTestId('pin-editor')).toContainText('Edit layer.carousel')
  const batch = page.getByLabel('Batch')
  await batch.selectOption({ label: 'layer.carousel (1 Pin)' })
  await expect(card(page, 'layer.carousel')).toHaveAttribute('data-state', 'draft')
  expect(world.backend.fake.pins).toHaveLength(0)
  await page.getByRole('button', { name: 'Publish 1 draft' }).click()

  await expect.poll(() => world.backend.fake.pins.length, { timeout: 30_000 }).toBe(1)
  const pin = world.backend.fake.pins[0]!
  expect(pin.media_source_type).toBe('multiple_image_base64')
  expect(pin.carousel_items).toHaveLength(2)
  expect(pin.title).toBe('layer')
  // The third image is still a draft in its own batch.
  await expect(card(page, 'cheese.jpg')).toHaveAttribute('data-state', 'draft', { timeout: 30_000 })
})

/** Writes `count` drafts into the app's database through the real repository (as `pinload` would, beside it). */
function seedDrafts(dataDir: string, count: number, boardId: string): void {
  const db = openDatabase({ dataDir })
  try {
    const repo = new ItemRepository(db)
    db.transaction(() => {
      const batchId = repo.createBatch({ kind: 'cli', label: 'seeded drafts' })
      for (let i = 0; i < count; i++) {
        const n = String(i + 1).padStart(4, '0')
        repo.insertRow(batchId, i, {
          draft: {
            path: `/home/user/Pictures/market/photo-${n}.jpg`,
            meta: { boardId, title: `photo-${n}` },
          },
          kind: 'image',
          size: 2_400_000,
          mtimeMs: 0,
          state: 'draft',
        })
      }
    })
  } finally {
    db.close()
  }
}

test('a batch of 450 drafts: 200 cards at first and more on request, Select all and one bulk edit reach all 450', async ({
  page,
  world,
}) => {
  await world.signInDirect()
  seedDrafts(world.backend.dataDir, 450, world.boardId)
  const app = new AppPage(page)
  await app.load()
  await openReview(page)

  await expect(page.getByTestId('review-counts')).toHaveText('450 Pins · 450 drafts')
  await expect(page.getByTestId('pin-card')).toHaveCount(200)
  await page.getByRole('checkbox', { name: 'Select all' }).check()
  await expect(page.getByRole('toolbar', { name: 'Selected Pins' })).toContainText('450 selected')
  const bulk = page.getByTestId('bulk-editor')
  await bulk.getByLabel('Field to set').selectOption({ label: 'Description' })
  await bulk.getByLabel('New description').fill('Fresh from the Saturday market.')
  await bulk.getByRole('button', { name: 'Set on 450 Pins' }).click()

  const stored = async () => {
    const r = await world.invoke('uploads:list', {})
    if (!r.ok) throw new Error(JSON.stringify(r))
    return (r.value as { items: { description?: string }[] }).items.filter(
      (i) => i.description === 'Fresh from the Saturday market.',
    ).length
  }
  await expect.poll(stored).toBe(450)
  await page.getByRole('button', { name: 'Show 200 more (200 of 450 shown)' }).click()
  await page.getByRole('button', { name: 'Show 50 more (400 of 450 shown)' }).click()
  await expect(page.getByTestId('pin-card')).toHaveCount(450)
  await expect(card(page, 'photo-0450.jpg').locator('.pin-description')).toHaveText(
    'Fresh from the Saturday market.',
  )
  expect(world.backend.fake.pins).toHaveLength(0)
})
