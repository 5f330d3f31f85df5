import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { test, expect, seriousA11yViolations, snap } from './support/fixtures'
import { installBridge } from './support/bridge-page'
import { startDemoBackend } from './support/demo-backend'
import { repoRoot } from './support/repo-root'
import { makeMedia } from '../support/media-files'
import type { Board } from '../../src/shared/domain'
import { AppPage } from './pages/app-page'
import { QueuePage } from './pages/queue-page'

// The built-in demo (README.md, "Try it without a Pinterest account") in the window: the app started with
// `demo`, over its own stand-in of Pinterest, as `npm start -- --demo` runs it.

test('the demo: a banner on every screen, Pins published to the stand-in without pinterest.com links, Leave demo', async ({
  page,
  baseURL,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'pinload-e2e-demo-'))
  const userData = join(dir, 'user-data')
  mkdirSync(userData)
  const pageUrl = new URL('/index.html', baseURL ?? 'http://127.0.0.1/').href
  const backend = await startDemoBackend(userData, pageUrl)
  const bridge = await installBridge(page, backend)
  try {
    const app = new AppPage(page)
    await app.load()
    const banner = page.getByTestId('demo-banner')
    await expect(banner).toContainText('uploads go to a built-in stand-in of Pinterest on this computer')
    await expect(banner).toContainText('nothing is really posted')
    await expect(banner).toHaveAttribute('role', 'status')

    // A few photos dropped on a board of the demo user, through the use case behind the window's drop (the
    // window's add channel is being reworked; tests/integration/add-paths-shared.int.test.ts ties the two). A
    // secret board, so the add does not stop to ask about a first public post (src/shared/confirm-rules.ts).
    const created = await backend.invoke(
      'boards:create',
      { name: 'Recipe drafts', privacy: 'SECRET' },
      pageUrl,
    )
    if (!created.ok) throw new Error(`boards:create: ${created.error.message}`)
    const board = created.value as Board
    const { images } = makeMedia(join(dir, 'Kitchen photos'), { images: 4, videos: 0, prefix: 'dish-' })
    const { added } = await backend.app.services.addPaths.add({
      paths: [join(dir, 'Kitchen photos')],
      defaults: { boardId: board.id, titleTemplate: '{name}' },
      origin: 'drop',
    })
    expect(added).toMatchObject({ queued: images.length })

    const queue = new QueuePage(page)
    await app.open('Queue')
    for (const name of ['dish-img-000', 'dish-img-003']) await queue.expectState(name, 'published')
    await expect(page.locator('.queue-row[data-state="published"]')).toHaveCount(images.length)
    // The Pins live on the stand-in only: no button opens a pinterest.com page that does not exist.
    await expect(page.getByRole('button', { name: /Open the Pin|Open Pin/ })).toHaveCount(0)
    await expect(banner).toBeVisible()
    expect(await seriousA11yViolations(page), 'axe on the demo queue').toEqual([])
    const file = await snap(page, 'demo-queue')
    // The README's picture of the demo: refreshed on demand only, so a test run leaves the working tree clean.
    const docShot = join(repoRoot(), 'docs', 'screenshots', 'demo-queue.png')
    if (process.env.PINLOAD_UPDATE_SCREENSHOTS === '1' || !existsSync(docShot)) {
      mkdirSync(dirname(docShot), { recursive: true })
      copyFileSync(file, docShot)
    }

    // On every screen, and the Account screen offers no second demo: the demo user is signed in.
    await app.open('Account')
    await expect(banner).toBeVisible()
    await expect(page.getByTestId('connected-as')).toContainText('pinload-demo')
    await expect(page.getByRole('button', { name: 'Try the demo' })).toHaveCount(0)
    await banner.getByRole('button', { name: 'Leave demo' }).click()
    await expect.poll(() => backend.desktop.relaunches).toEqual([false])
  } finally {
    bridge.dispose()
    await backend.close()
  }
  // Nothing was written where the user's data lives, and the demo's own folder is gone.
  expect(readdirSync(userData)).toEqual([])
  expect(existsSync(backend.app.dataDir)).toBe(false)
  rmSync(dir, { recursive: true, force: true })
})

test('the usual app: no banner, and "Try the demo" on the first-run sheet and the Account screen relaunch into the demo', async ({
  page,
  world,
}) => {
  const app = new AppPage(page)
  await app.load()
  const sheet = page.getByRole('dialog', { name: 'Connect Pinload to Pinterest' })
  await expect(page.getByTestId('demo-banner')).toHaveCount(0)
  expect(await seriousA11yViolations(page), 'axe on the first-run sheet').toEqual([])
  await sheet.getByRole('button', { name: 'Try the demo instead' }).click()
  await expect.poll(() => world.desktop.relaunches).toEqual([true])
  await sheet.getByRole('button', { name: 'Not now' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Account' })).toBeVisible()
  await page.getByRole('button', { name: 'Try the demo' }).click()
  await expect.poll(() => world.desktop.relaunches).toEqual([true, true])
  expect(await seriousA11yViolations(page), 'axe on the first-run Account screen').toEqual([])
})
