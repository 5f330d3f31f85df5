import { openDatabase } from '../../src/main/db/connection'
import { ItemRepository } from '../../src/main/db/item-repository'
import { errorPatch } from '../../src/main/db/item-rows'
import type { ItemError, ItemState } from '../../src/shared/domain'
import { pinWebUrl } from '../../src/shared/pinterest-urls'
import { test, expect, seriousA11yViolations, snap, type World } from './support/fixtures'
import { AppPage, type ScreenName } from './pages/app-page'
import { QueueViewPage } from './pages/queue-view-page'

// Issue 18 (a calm window that feels native): every screen (Review and Timeline with planned drafts) in the
// light and the dark theme, the queue with 2,000 items in groups, and axe with no serious violation in light,
// dark and forced colours.

// Screenshots are taken right after a theme switch: without motion, no colour is caught mid-transition.
test.use({ reducedMotion: 'reduce' })

const SCREENS: ScreenName[] = [
  'Queue',
  'Review',
  'Timeline',
  'Add',
  'Import CSV',
  'Watched folders',
  'Account',
  'Settings',
]
const THEMES = ['light', 'dark'] as const

const ERRORS: ItemError[] = [
  {
    kind: 'file',
    message: 'IMG_0042.heic is a HEIC image, which Pinterest does not take.',
    fix: 'Convert it to JPEG or PNG and add it again.',
  },
  {
    kind: 'validation',
    message: 'The link "htp://example" is not a valid URL.',
    fix: 'Correct the link in the CSV, then retry.',
    requestId: '8f1c2a9e0b7d4e31',
  },
  {
    kind: 'rate_limited',
    message: 'Pinterest answered 429 Too Many Requests.',
    requestId: '3a0e7c55d1f24b90',
  },
]

/** Batches as a user makes them: a folder each, mostly waiting, some done, a few that need the user. */
const BATCHES: { folder: string; count: number; mix: readonly ItemState[]; planned?: boolean }[] = [
  {
    folder: '/home/ana/Pictures/Summer in Lisbon',
    count: 600,
    mix: ['published', 'published', 'published', 'failed'],
  },
  {
    folder: '/home/ana/Exports/Recipes 2025',
    count: 900,
    mix: ['uploading', 'queued', 'queued', 'queued', 'needs_attention', 'queued'],
  },
  { folder: '/home/ana/Videos/Kitchen clips', count: 300, mix: ['queued', 'processing', 'queued'] },
  { folder: '/home/ana/Pictures/Mood boards', count: 200, mix: ['queued'] },
]

/**
 * Writes the batches above through the real repository while the queue is paused (as support/queue-seed.ts
 * does, with a folder per batch so each group has a name). Returns the item count.
 */
function seedGroups(world: World, batches = BATCHES): number {
  const db = openDatabase({ dataDir: world.backend.dataDir })
  let n = 0
  try {
    const repo = new ItemRepository(db)
    db.transaction(() => {
      for (const b of batches) {
        const batchId = repo.createBatch({ kind: 'folder', label: b.folder })
        for (let i = 0; i < b.count; i++) {
          const state = b.mix[i % b.mix.length]!
          const video = b.folder.includes('clips')
          const name = `${video ? 'clip' : 'photo'}-${String(i + 1).padStart(4, '0')}.${video ? 'mp4' : 'jpg'}`
          const row = repo.insertRow(batchId, i, {
            draft: {
              path: `${b.folder}/${name}`,
              meta: { boardId: world.boardId },
              // One every six hours from now: the Timeline shows them by day, the Review as cards.
              ...(b.planned && { publishAt: Date.now() + (i + 1) * 6 * 3_600_000 }),
            },
            kind: video ? 'video' : 'image',
            size: video ? 48_000_000 : 2_400_000 + i * 100,
            mtimeMs: 0,
            state,
          })
          const pinId = String(900_000_000_000 + n)
          repo.update(row.id, {
            attempts: state === 'queued' ? 0 : 1,
            ...(video && state === 'processing' && { media_status: 'processing' as const }),
            ...(state === 'published' && { pin_id: pinId, pin_url: pinWebUrl(pinId) }),
            ...(state === 'failed' && errorPatch(ERRORS[i % ERRORS.length]!)),
            ...(state === 'needs_attention' &&
              errorPatch({
                kind: 'not_found',
                message: 'The board “Recipes” is gone, so Pinload cannot check whether the Pin was created.',
                fix: 'Check the board on pinterest.com, then retry or cancel.',
              })),
          })
          n++
        }
      }
    })
  } finally {
    db.close()
  }
  return n
}

async function pauseAndSeed(world: World, batches = BATCHES): Promise<number> {
  expect(await world.invoke('uploads:pause-all', {})).toMatchObject({ ok: true })
  return seedGroups(world, batches)
}

const small = BATCHES.map((b) => ({ ...b, count: 12 }))
/** With drafts planned over the next days, so the Review and Timeline screens show their content. */
const screens = [
  ...small,
  { folder: '/home/ana/Pictures/Autumn drafts', count: 8, mix: ['draft'] as const, planned: true },
]

for (const theme of THEMES) {
  test(`every screen in the ${theme} theme: a screenshot each, no serious axe violation`, async ({
    page,
    world,
  }) => {
    await page.emulateMedia({ colorScheme: theme })
    await world.signInDirect()
    await pauseAndSeed(world, screens)
    const app = new AppPage(page)
    await app.load()
    await expect(page.locator('.queue-row').first()).toBeVisible()
    for (const screen of SCREENS) {
      await app.open(screen)
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
      await snap(page, `design/${screen.toLowerCase().replaceAll(' ', '-')}-${theme}`)
      expect(await seriousA11yViolations(page), `axe on ${screen}, ${theme}`).toEqual([])
    }
  })
}

test('2,000 queued items in named groups: one summary line, badge and filters agree, folding, light and dark', async ({
  page,
  world,
}) => {
  await world.signInDirect()
  expect(await pauseAndSeed(world)).toBe(2000)
  const app = new AppPage(page)
  await app.load()
  const queue = new QueueViewPage(page)
  await expect(queue.summary()).toContainText('of 2,000 Pins published')
  await expect(queue.summary()).toContainText(/Paused — /)
  await expect(queue.groups().first()).toContainText('Summer in Lisbon')
  await expect(page.getByText(/Batch \d/)).toHaveCount(0)
  expect(await queue.rows().count()).toBeLessThan(60)

  // The sidebar's badges are the filters' own counts.
  const active = await queue.filterButton('Active').locator('.count').textContent()
  const failed = Number(
    (await queue.filterButton('Failed').locator('.count').textContent())!.replace(/\D/g, ''),
  )
  const attention = Number(
    (await queue.filterButton('Needs attention').locator('.count').textContent())!.replace(/\D/g, ''),
  )
  await expect(queue.queueBadges().locator('.nav-count').first()).toHaveText(`${active} active`)
  await expect(queue.queueBadges().locator('.nav-count-warn')).toHaveText(
    `${(failed + attention).toLocaleString('en-US')} need you`,
  )
  // A filter with nothing to show is not offered.
  await expect(queue.filterButton('Published')).toBeVisible()

  for (const theme of THEMES) {
    await page.emulateMedia({ colorScheme: theme })
    await snap(page, `design/queue-2000-${theme}`)
  }
  // Groups carry their folder's name, never a number, those that need the user first; each folds.
  const shown = ['Summer in Lisbon', 'Recipes 2025', 'Kitchen clips', 'Mood boards']
  for (const name of shown) {
    await expect(queue.group(name)).toBeVisible()
    await queue.fold(name)
    await expect(queue.group(name).getByRole('button', { name, exact: true })).toHaveAttribute(
      'aria-expanded',
      'false',
    )
  }
  await expect(queue.groups()).toHaveText(shown.map((n) => new RegExp(n)))
  await expect(queue.rows()).toHaveCount(0)
  await snap(page, 'design/queue-2000-folded-dark')
  // Unfolded again (last first, so the headers above stay in place), the list scrolls to the very last row.
  for (const name of [...shown].reverse()) await queue.fold(name)
  await page.getByRole('region', { name: 'Queued files' }).evaluate((el) => {
    const box = el as unknown as { scrollTop: number; scrollHeight: number }
    box.scrollTop = box.scrollHeight
  })
  await expect(queue.row('photo-0200.jpg')).toBeVisible()
  expect(await queue.rows().count()).toBeLessThan(60)
})

test('select with shift and ⌘/Ctrl, act on the selection, inspect one item; Remove has Undo; repeats merge', async ({
  page,
  world,
}) => {
  await world.signInDirect()
  await pauseAndSeed(world, small)
  const app = new AppPage(page)
  await app.load()
  const queue = new QueueViewPage(page)
  await expect(queue.rows().first()).toBeVisible()

  // One click inspects: the full error, its fix and the request id.
  await queue.row('photo-0008.jpg').locator('.row-main').click()
  await expect(queue.inspector()).toContainText('The link "htp://example" is not a valid URL.')
  await expect(queue.inspector()).toContainText('Correct the link in the CSV, then retry.')
  await expect(queue.inspector()).toContainText('8f1c2a9e0b7d4e31')
  for (const theme of THEMES) {
    await page.emulateMedia({ colorScheme: theme })
    await snap(page, `design/queue-inspector-${theme}`)
    expect(await seriousA11yViolations(page), `axe with the inspector open, ${theme}`).toEqual([])
  }
  await page.emulateMedia({ colorScheme: 'light' })

  // Shift-click a range, ⌘/Ctrl-click one more.
  await queue
    .row('photo-0001.jpg')
    .locator('.row-main')
    .click({ modifiers: ['Shift'] })
  await expect(queue.selectionBar()).toContainText(/^\d+ selected/)
  const range = Number((await queue.selectionBar().locator('.selection-count').textContent())!.split(' ')[0])
  await queue
    .row('photo-0002.jpg')
    .locator('.row-main')
    .click({ modifiers: ['ControlOrMeta'] })
  await expect(queue.selectionBar()).toContainText(`${range + 1} selected`)
  await snap(page, 'design/queue-selection-light')
  expect(await seriousA11yViolations(page), 'axe with the selection bar').toEqual([])
  // ⌘/Ctrl-A selects every row shown; Escape clears.
  await page.getByRole('region', { name: 'Queued files' }).focus()
  await page.keyboard.press('ControlOrMeta+a')
  await expect(queue.selectionBar()).toContainText('48 selected')
  await page.keyboard.press('Escape')
  await expect(queue.selectionBar()).toHaveCount(0)

  // Remove with Undo: the row leaves at once, the counts with it, and both come back untouched.
  const allCount = queue.filterButton('All').locator('.count')
  const before = Number((await allCount.textContent())!.replace(/\D/g, ''))
  await queue.row('photo-0003.jpg').getByRole('button', { name: 'Remove photo-0003.jpg' }).click()
  await expect(queue.row('photo-0003.jpg')).toHaveCount(0)
  await expect(allCount).toHaveText((before - 1).toLocaleString('en-US'))
  await queue.toasts().getByRole('button', { name: 'Undo' }).click()
  await expect(queue.row('photo-0003.jpg')).toHaveCount(1)
  await expect(allCount).toHaveText(before.toLocaleString('en-US'))
  // A failed one: the sidebar's "need you" badge and the Failed filter go down with it, and come back.
  const needYou = queue.queueBadges().locator('.nav-count-warn')
  const needBefore = Number((await needYou.textContent())!.replace(/\D/g, ''))
  const failedCount = queue.filterButton('Failed').locator('.count')
  const failedBefore = Number((await failedCount.textContent())!.replace(/\D/g, ''))
  const failedRow = page.locator('.queue-row[data-state="failed"]').first()
  const failedRowName = (await failedRow.locator('.row-name').textContent())!
  await failedRow.getByRole('button', { name: `Remove ${failedRowName}` }).click()
  await expect(needYou).toHaveText(`${needBefore - 1} need you`)
  await expect(failedCount).toHaveText(String(failedBefore - 1))
  await queue.toasts().getByRole('button', { name: 'Undo' }).last().click()
  await expect(needYou).toHaveText(`${needBefore} need you`)
  await expect(failedCount).toHaveText(String(failedBefore))
  // A queued item is removed in main at once and offers no Undo: the queue would send it during the toast.
  await queue.filterButton('Active').click()
  const queuedRow = queue.rows().filter({ hasText: 'Queued' }).first()
  const queuedName = (await queuedRow.locator('.row-name').textContent())!
  const queuedId = Number(await queuedRow.getAttribute('data-item-id'))
  await queuedRow.getByRole('button', { name: `Remove ${queuedName}` }).click()
  await expect(queue.toasts()).toContainText(`Removed ${queuedName}.`)
  await expect(queue.toasts().getByRole('button', { name: 'Undo' })).toHaveCount(0)
  await expect
    .poll(async () => {
      const listed = await world.invoke('uploads:list', {})
      return listed.ok && (listed.value as { items: { id: number }[] }).items.some((i) => i.id === queuedId)
    })
    .toBe(false)
  await queue.filterButton('All').click()

  // The same message twice is one toast that counts.
  await queue.row('photo-0008.jpg').locator('.row-main').click()
  const copyRid = queue.inspector().getByRole('button', { name: 'Copy the request id' })
  await copyRid.click()
  await copyRid.click()
  await expect(queue.toasts().locator('.toast')).toHaveCount(1)
  await expect(queue.toasts()).toContainText('×2')
  await snap(page, 'design/toast-merged-light')
})

test('axe finds no serious violation on any screen under forced colours (Windows high contrast)', async ({
  page,
  world,
}) => {
  await page.emulateMedia({ forcedColors: 'active' })
  await world.signInDirect()
  await pauseAndSeed(world, screens)
  const app = new AppPage(page)
  await app.load()
  await expect(page.locator('.queue-row').first()).toBeVisible()
  for (const screen of SCREENS) {
    await app.open(screen)
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    // The current screen keeps a visible marker: a border, which forced colours keep.
    const marker = (name: ScreenName) =>
      app.navButton(name).evaluate((el) => {
        const g = globalThis as unknown as {
          getComputedStyle(e: unknown): { borderInlineStartColor: string }
        }
        return g.getComputedStyle(el).borderInlineStartColor
      })
    const other = SCREENS.find((s) => s !== screen)!
    expect(await marker(screen)).not.toBe(await marker(other))
    await snap(page, `design/${screen.toLowerCase().replaceAll(' ', '-')}-forced-colors`)
    expect(await seriousA11yViolations(page), `axe on ${screen}, forced colours`).toEqual([])
  }
})
