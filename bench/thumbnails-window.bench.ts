/**
 * The window's memory with real thumbnails (issue 16): the built renderer in Debian's Chromium over the real
 * services (as bench/renderer-queue.bench.ts), a queue of published photos whose thumbnails main makes with
 * sharp, scrolled screen by screen from the top, each screen waited on until its thumbnails show. The page's JS
 * heap after a forced collection, with 100 items (the peer, every row scrolled) and with 10,000 items (2,000 rows
 * scrolled: five times what the window keeps), the renderer process's peak RSS, and how many thumbnails the page
 * holds. Target: heap within 50 MB. First, the time to the first thumbnail in the page on opening a queue of
 * 12 MP photos (target < 300 ms).
 * Photos are 20 real JPEGs, hard-linked to a path per item so each row is its own thumbnail. Prints figures only.
 */
import { existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import sharp from 'sharp'
import { openDatabase } from '../src/main/db/connection'
import { ItemRepository } from '../src/main/db/item-repository'
import { MemorySecretStore } from '../src/main/secrets/secret-store'
import { installBridge } from '../tests/e2e/support/bridge-page'
import { startRealBackend } from '../tests/e2e/support/real-backend'
import { repoRoot } from '../tests/e2e/support/repo-root'
import { serveRenderer } from '../tests/e2e/support/static-server'
import { CHROMIUM_LAUNCH } from '../tests/support/chromium'
import { runBench } from './bench-kit'
import { twelveMpPhotos } from './twelve-mp-photos'

const DISTINCT = 20
const SCROLLED_ROWS = 2_000

async function makePhotos(dir: string): Promise<string[]> {
  const out: string[] = []
  for (let i = 0; i < DISTINCT; i++) {
    const path = join(dir, `base-${i}.jpg`)
    // Noisy like a photo, not flat: a flat picture's thumbnail is a few hundred bytes and would flatter the heap.
    await sharp({
      create: {
        width: 1200,
        height: 900,
        channels: 3,
        background: '#000',
        noise: { type: 'gaussian', mean: 60 + i * 6, sigma: 40 },
      },
    })
      .jpeg()
      .toFile(path)
    out.push(path)
  }
  return out
}

/** Published photo items written through the real repository, with the type pre-flight would have found. */
function seed(dataDir: string, photosDir: string, bases: string[], count: number, boardId: string): void {
  const db = openDatabase({ dataDir })
  try {
    const repo = new ItemRepository(db)
    db.transaction(() => {
      const batchId = repo.createBatch({ kind: 'cli', label: 'photos' })
      for (let i = 0; i < count; i++) {
        const path = join(photosDir, `photo-${String(i).padStart(5, '0')}.jpg`)
        if (!existsSync(path)) linkSync(bases[i % bases.length]!, path)
        const row = repo.insertRow(batchId, i, {
          draft: { path, meta: { boardId } },
          kind: 'image',
          size: 100_000,
          mtimeMs: 0,
          state: 'published',
        })
        repo.update(row.id, { content_type: 'image/jpeg', pin_id: String(900_000 + i) })
      }
    })
  } finally {
    db.close()
  }
}

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = await cdp.send('Runtime.getHeapUsage')
  await cdp.detach()
  return usedSize / 1024 / 1024
}

/**
 * Peak RSS of the page's renderer process, MB: the largest VmHWM among Chromium's renderers (one page is open at
 * a time here), read from /proc with the process ids the browser gives over CDP.
 */
async function rendererPeakMb(browser: Browser): Promise<number> {
  const cdp = await browser.newBrowserCDPSession()
  const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as {
    processInfo: { type: string; id: number }[]
  }
  await cdp.detach()
  let peak = 0
  for (const p of processInfo.filter((i) => i.type === 'renderer')) {
    const status = readFileSync(`/proc/${p.id}/status`, 'utf8')
    peak = Math.max(peak, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024)
  }
  return peak
}

/** The name of the last row in the DOM: it changes once the list has rendered a scroll. */
const LAST_ROW = `([...document.querySelectorAll('.queue-row .row-name')].pop()?.textContent ?? '')`

/** One screen further down the queue; true once past `limit` rows or at the end (page-side script). */
const SCROLL_STEP = (limit: number) => `(() => {
  const el = document.querySelector('.queue-scroll')
  const rowHeight = document.querySelector('.queue-row')?.getBoundingClientRect().height ?? 60
  el.scrollTop += el.clientHeight
  return el.scrollTop + el.clientHeight >= el.scrollHeight - 2 || el.scrollTop / rowHeight >= ${limit}
})()`

/** What the predicate below reads of the page (the bench typechecks without the DOM library). */
interface PageDoc {
  querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }>
}

/**
 * The rows of the new screen are in the DOM and every one shows its thumbnail. A function, not a string: the
 * page's CSP (no 'unsafe-eval') refuses string predicates.
 */
function screenShown([lastBefore, atEnd]: [string, boolean]): boolean {
  const doc = (globalThis as unknown as { document: PageDoc }).document
  const names = Array.from(doc.querySelectorAll('.queue-row .row-name'))
  const last = names[names.length - 1]?.textContent ?? ''
  return (atEnd || last !== lastBefore) && doc.querySelectorAll('.queue-row .thumb-placeholder').length === 0
}

/** Scrolls the queue a screen at a time over `rows` rows, waiting on each screen for its thumbnails. */
async function scrollThrough(page: Page, rows: number): Promise<number> {
  let waitedOut = 0
  for (;;) {
    const lastBefore = String(await page.evaluate(LAST_ROW))
    const done = (await page.evaluate(SCROLL_STEP(rows))) === true
    try {
      // At the end of the list the last row stays the same: then only the thumbnails are waited on.
      await page.waitForFunction(screenShown, [lastBefore, done] as [string, boolean], { timeout: 5_000 })
    } catch (e) {
      // Only a timeout is counted: any other failure is a mistake in this script and must show.
      if (!(e instanceof Error && e.name === 'TimeoutError')) throw e
      waitedOut++
    }
    if (done) return waitedOut
  }
}

/**
 * A real backend over a fresh data folder (so a cold thumbnail cache), signed in to its fake Pinterest with the
 * queue paused, its queue seeded with `count` published photos linked from `photos`; `run` gets it, then it
 * closes and the folder goes.
 */
async function withSeededBackend<T>(
  url: string,
  photos: { dir: string; bases: string[]; count: number },
  run: (backend: Awaited<ReturnType<typeof startRealBackend>>) => Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'pinload-bench-thumbwin-'))
  const dataDir = join(dir, 'data')
  mkdirSync(dataDir)
  const backend = await startRealBackend(
    dataDir,
    url,
    { rateLimits: false },
    { secrets: new MemorySecretStore() },
  )
  try {
    const boardId = backend.fake.addBoard({ name: 'Photos' }).id
    await backend.invoke(
      'account:use-token',
      { token: backend.fake.issueToken().accessToken, environment: 'production' },
      url,
    )
    await backend.invoke('uploads:pause-all', {}, url)
    const links = photos.dir === '' ? join(dir, 'photos') : photos.dir
    mkdirSync(links, { recursive: true })
    seed(dataDir, links, photos.bases, photos.count, boardId)
    return await run(backend)
  } finally {
    await backend.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

async function measure(browser: Browser, url: string, count: number, photosDir: string, bases: string[]) {
  return withSeededBackend(url, { dir: photosDir, bases, count }, async (backend) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    const bridge = await installBridge(page, backend)
    await page.goto(url)
    await page.locator('.queue-row').first().waitFor({ timeout: 60_000 })
    const before = await heapMb(page)
    const waitedOut = await scrollThrough(page, Math.min(count, SCROLLED_ROWS))
    const after = await heapMb(page)
    const shown = await page.locator('.queue-row img.thumb').count()
    const rssMb = await rendererPeakMb(browser)
    bridge.dispose()
    await page.close()
    return { before, after, waitedOut, shown, rssMb }
  })
}

/**
 * Page-side, before the app's code: when the first queue row entered the DOM and when the first thumbnail image
 * loaded, in ms after navigation (read as `window.__pinloadFirst`).
 */
const FIRST_SCRIPT = `(() => {
  const t = (window.__pinloadFirst = { row: 0, thumb: 0 })
  document.addEventListener('load', (e) => {
    const img = e.target
    if (!t.thumb && img instanceof HTMLImageElement && img.classList.contains('thumb')) t.thumb = performance.now()
  }, true)
  new MutationObserver(() => {
    if (!t.row && document.querySelector('.queue-row')) t.row = performance.now()
  }).observe(document, { childList: true, subtree: true })
})()`

function firstThumbShown(): boolean {
  const w = globalThis as unknown as { __pinloadFirst?: { thumb: number } }
  return (w.__pinloadFirst?.thumb ?? 0) > 0
}

/**
 * Opening a queue of 1,000 photos of 12 MP with a cold thumbnail cache (a fresh data folder): the time from the
 * first row on screen to the first thumbnail loaded in the page, through the bridge to the real services (the
 * bridge crosses Playwright's binding, slower than Electron's IPC, so this is an upper bound).
 */
async function firstThumbnail(browser: Browser, url: string, photos: string[]) {
  return withSeededBackend(url, { dir: '', bases: photos, count: 1_000 }, async (backend) => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 720 } })
    await page.addInitScript(FIRST_SCRIPT)
    const bridge = await installBridge(page, backend)
    await page.goto(url)
    await page.waitForFunction(firstThumbShown, undefined, { timeout: 60_000 })
    const t = await page.evaluate<{ row: number; thumb: number }>('window.__pinloadFirst')
    bridge.dispose()
    await page.close()
    return { rowMs: t.row, thumbMs: t.thumb, afterRowMs: t.thumb - t.row }
  })
}

async function main(): Promise<void> {
  const out = join(repoRoot(), 'out', 'renderer')
  if (!existsSync(join(out, 'index.html'))) {
    console.log('out/renderer is missing: run `npx electron-vite build` first. Nothing measured.')
    return
  }
  const work = mkdtempSync(join(tmpdir(), 'pinload-bench-thumbwin-photos-'))
  const server = await serveRenderer(0, out)
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/index.html`
  const browser = await chromium.launch(CHROMIUM_LAUNCH)
  try {
    const twelve = (await twelveMpPhotos(10)).slice(0, 10)
    const firsts = []
    for (let i = 0; i < 5; i++) firsts.push(await firstThumbnail(browser, url, twelve))
    const after = firsts.map((f) => f.afterRowMs).sort((a, b) => a - b)
    console.log(
      `opening a queue of 1,000 photos of 12 MP (cold thumbnail cache), first thumbnail in the page after the queue's first row showed: median ${after[2]!.toFixed(0)} ms (target < 300 ms; runs ${firsts.map((f) => `${f.afterRowMs.toFixed(0)} ms`).join(', ')}); from navigation (page load, app start and queue read included): ${firsts.map((f) => `${f.thumbMs.toFixed(0)} ms`).join(', ')}, rows showed at ${firsts.map((f) => `${f.rowMs.toFixed(0)} ms`).join(', ')}`,
    )
    const bases = await makePhotos(work)
    const small = await measure(browser, url, 100, work, bases)
    const big = await measure(browser, url, 10_000, work, bases)
    const line = (label: string, r: typeof small) =>
      `${label}: JS heap ${r.before.toFixed(1)} MB after the first screen, ${r.after.toFixed(1)} MB after scrolling, renderer peak RSS ${r.rssMb.toFixed(0)} MB (${r.shown} thumbnails on the last screen${r.waitedOut ? `; ${r.waitedOut} screens not all shown within 5 s` : ''})`
    console.log(line('100 photos, all scrolled (peer)', small))
    console.log(line(`10,000 photos, ${SCROLLED_ROWS} rows scrolled`, big))
    console.log(
      `  → heap difference 10,000 vs 100: ${(big.after - small.after).toFixed(1)} MB (target within 50 MB)`,
    )
  } finally {
    await browser.close()
    server.close()
    rmSync(work, { recursive: true, force: true })
  }
}

runBench(main)
