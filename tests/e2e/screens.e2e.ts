import { copyFileSync, existsSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { test, expect, seriousA11yViolations, snap, type World } from './support/fixtures'
import { repoRoot } from './support/repo-root'
import { FIRST_PIN_ID, seedQueue } from './support/queue-seed'
import { AppPage, type ScreenName } from './pages/app-page'

// The window over the real services, with a queue written through the real repository while the queue is
// paused (the real pause), so every state, error and Pin link is on screen at once.

/** Pauses the real queue, then writes `count` items through the repository (see support/queue-seed.ts). */
async function pauseAndSeed(world: World, count: number, mixed: boolean): Promise<void> {
  expect(await world.invoke('uploads:pause-all', {})).toMatchObject({ ok: true })
  seedQueue(world.backend.dataDir, count, { mixed, boardId: world.boardId })
}

const CSP_PROBE = `window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber + ' ' + (e.sample || '')));`

test('every screen: no serious or critical axe violations, no CSP violation, a screenshot each', async ({
  page,
  world,
}) => {
  await page.addInitScript({ content: CSP_PROBE })
  await world.signInDirect()
  await pauseAndSeed(world, 40, true)
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))

  const app = new AppPage(page)
  await app.load()
  await expect(page.locator('.queue-row').first()).toBeVisible()
  const screens: ScreenName[] = ['Queue', 'Add', 'Import CSV', 'Watched folders', 'Account', 'Settings']
  for (const screen of screens) {
    await app.open(screen)
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    expect(await seriousA11yViolations(page), `axe on ${screen}`).toEqual([])
    const file = await snap(page, screen.toLowerCase().replaceAll(' ', '-'))
    // The README's picture: refreshed on demand only, so a test run leaves the working tree clean.
    const docShot = join(repoRoot(), 'docs', 'screenshots', 'queue.png')
    if (screen === 'Queue' && (process.env.PINLOAD_UPDATE_SCREENSHOTS === '1' || !existsSync(docShot))) {
      mkdirSync(dirname(docShot), { recursive: true })
      copyFileSync(file, docShot)
    }
  }
  expect(
    await page.evaluate(() => (globalThis as unknown as { __cspViolations: string[] }).__cspViolations),
  ).toEqual([])
  expect(errors).toEqual([])
})

test('the queue row explains an error with its fix and request id; Pin links go through shell:open-external only', async ({
  page,
  world,
}) => {
  await world.signInDirect()
  await pauseAndSeed(world, 10, true)
  const app = new AppPage(page)
  await app.load()
  const failed = page.locator('.queue-row[data-state="failed"]').first()
  await expect(failed.getByTestId('item-error')).toContainText('HEIC')
  await expect(failed.getByTestId('item-error')).toContainText('Convert it to JPEG or PNG')
  const attention = page.locator('.queue-row[data-state="needs_attention"]').first()
  await expect(attention).toContainText('Check the board on pinterest.com')
  await expect(attention.getByRole('button', { name: /^Retry/ })).toBeVisible()
  // No anchors that could navigate the window.
  await expect(page.locator('a[href]')).toHaveCount(0)
  await page
    .locator('.queue-row[data-state="published"]')
    .first()
    .getByRole('button', { name: /Open the Pin/ })
    .click()
  await expect.poll(() => world.desktop.opened).toEqual([`https://www.pinterest.com/pin/${FIRST_PIN_ID}/`])
  // The real handler refuses anything but a Pinterest https page, and the browser never sees it.
  expect(await world.invoke('shell:open-external', { url: 'https://example.com/' })).toMatchObject({
    ok: false,
    error: { kind: 'permission' },
  })
  expect(world.desktop.opened).toHaveLength(1)
})

test('10,000 queued rows: only the visible rows are in the DOM and scrolling reaches the last one', async ({
  page,
  world,
}) => {
  await world.signInDirect()
  await pauseAndSeed(world, 10_000, false)
  const app = new AppPage(page)
  await app.load()
  await expect(page.locator('.queue-row').first()).toBeVisible()
  await expect(page.getByTestId('queue-totals')).toContainText('of 10,000 Pins published')
  expect(await page.locator('.queue-row').count()).toBeLessThan(40)
  await page.locator('.queue-scroll').evaluate((el) => {
    const box = el as unknown as { scrollTop: number; scrollHeight: number }
    box.scrollTop = box.scrollHeight
  })
  await expect(page.locator('.queue-row', { hasText: /-10000\.(jpg|mp4)/ })).toBeVisible()
  expect(await page.locator('.queue-row').count()).toBeLessThan(40)
})

test('the nav works from the keyboard and the window holds at 900×600', async ({ page, world }) => {
  await world.signInDirect()
  await page.setViewportSize({ width: 900, height: 600 })
  const app = new AppPage(page)
  await app.load()
  // Tab from the screen listed before Add (the list grows as screens are added) lands on Add.
  const buttons = page.getByRole('navigation', { name: 'Screens' }).getByRole('button')
  const labels = await buttons.allTextContents()
  await buttons.nth(labels.findIndex((l) => l.startsWith('Add')) - 1).focus()
  await page.keyboard.press('Tab')
  await page.keyboard.press('Enter')
  await expect(app.navButton('Add')).toHaveAttribute('aria-current', 'page')
  await expect(page.getByTestId('drop-zone')).toBeInViewport()
  const overflow = await page.evaluate(() => {
    const d = (
      globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }
    ).document
    return d.documentElement.scrollWidth - d.documentElement.clientWidth
  })
  expect(overflow).toBeLessThanOrEqual(0)
})
