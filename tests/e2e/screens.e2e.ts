import { copyFileSync, existsSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { test, expect, seriousA11yViolations, snap } from './support/fixtures'
import { repoRoot } from './support/repo-root'
import { seedQueue } from './support/scripted-seed'
import { AppPage, type ScreenName } from './pages/app-page'

// UI-only checks: the scripted backend stands in for main (see support/scripted-backend.ts).
test.use({ backendMode: 'scripted' })

const CSP_PROBE = `window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber + ' ' + (e.sample || '')));`

test('every screen: no serious or critical axe violations, no CSP violation, a screenshot each', async ({
  page,
  world,
}) => {
  await page.addInitScript({ content: CSP_PROBE })
  await world.signInDirect()
  world.scripted!.pipeline.paused = true
  seedQueue(world.scripted!.pipeline, 40, { mixed: true })
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
  world.scripted!.pipeline.paused = true
  seedQueue(world.scripted!.pipeline, 10, { mixed: true })
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
  await expect.poll(() => world.shell.opened).toEqual(['https://www.pinterest.com/pin/800000000000/'])
})

test('10,000 queued rows: only the visible rows are in the DOM and scrolling reaches the last one', async ({
  page,
  world,
}) => {
  await world.signInDirect()
  world.scripted!.pipeline.paused = true
  seedQueue(world.scripted!.pipeline, 10_000)
  const app = new AppPage(page)
  await app.load()
  await expect(page.locator('.queue-row').first()).toBeVisible()
  await expect(page.getByTestId('queue-totals')).toContainText('10000 files')
  expect(await page.locator('.queue-row').count()).toBeLessThan(40)
  await page.locator('.queue-scroll').evaluate((el) => {
    const box = el as unknown as { scrollTop: number; scrollHeight: number }
    box.scrollTop = box.scrollHeight
  })
  await expect(page.locator('.queue-row', { hasText: /-10000\.(jpg|mp4)/ })).toBeVisible()
  expect(await page.locator('.queue-row').count()).toBeLessThan(40)
})

test('a progress flush updates rows and totals in place; a removed id disappears', async ({
  page,
  world,
}) => {
  await world.signInDirect()
  const p = world.scripted!.pipeline
  p.paused = true
  const [first, second] = seedQueue(p, 2)
  const app = new AppPage(page)
  await app.load()
  await expect(page.locator('.queue-row')).toHaveCount(2)
  p.set(first!.id, { state: 'uploading', bytesSent: 1_200_000 })
  p.remove(second!.id)
  await expect(page.locator(`.queue-row[data-item-id="${first!.id}"]`)).toHaveAttribute(
    'data-state',
    'uploading',
  )
  await expect(page.locator(`.queue-row[data-item-id="${first!.id}"]`)).toContainText('1.14 MB / 2.29 MB')
  await expect(page.locator('.queue-row')).toHaveCount(1)
  await expect(page.getByTestId('queue-totals')).toContainText('Uploading 1')
})

test('needs_sign_in and no_keychain get their own clear messages', async ({ page, world }) => {
  const s = world.scripted!
  s.account = {
    ...s.account,
    status: 'needs_sign_in',
    appId: '123',
    hasAppSecret: true,
    warnings: ['Your refresh token ends in 5 days.'],
  }
  const app = new AppPage(page)
  await app.load()
  await expect(page.getByRole('alert').first()).toContainText(
    'uploads for this account are paused and will continue after you sign in',
  )
  await app.open('Account')
  await expect(page.getByText('Your refresh token ends in 5 days.')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Sign in again' })).toBeEnabled()

  s.emit('account:changed', { ...s.account, status: 'no_keychain' })
  await expect(page.getByRole('alert')).toContainText('cannot reach the system keychain')
})

test('the nav works from the keyboard and the window holds at 900×600', async ({ page, world }) => {
  await world.signInDirect()
  await page.setViewportSize({ width: 900, height: 600 })
  const app = new AppPage(page)
  await app.load()
  await app.navButton('Queue').focus()
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

test('connecting shows "waiting for the browser…" and Cancel stops it', async ({ page, world }) => {
  world.scripted!.connectDelayMs = 60_000
  const app = new AppPage(page)
  await app.load()
  await page.getByLabel('App ID').fill('1234567')
  await page.getByLabel('App secret').fill('s3cret-value')
  await page.getByRole('button', { name: 'Save app details' }).click()
  await page.getByRole('button', { name: 'Connect to Pinterest' }).click()
  await expect(page.getByText(/Waiting for the browser/)).toBeVisible()
  await page.getByRole('button', { name: 'Cancel' }).click()
  await expect(page.getByText('Sign-in cancelled.')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Connect to Pinterest' })).toBeVisible()
})
