/**
 * Renderer under a big queue: the built renderer (out/renderer) in Debian's Chromium, fed by the real
 * main-process services (tests/e2e/support/real-backend.ts: the composition root, IPC router, SQLite, the
 * fake Pinterest) through the same page bridge the e2e tests use (docs/architecture.md, "Testing the renderer
 * without Electron"). Queues are written through the real repository while the queue is paused, as the e2e
 * specs do (tests/e2e/support/queue-seed.ts).
 * 1. First render (navigation start → first queue rows in the DOM) with 10,000 queued items, against the
 *    same with 100 items as the peer (the ratio shows what the queue's size costs). Target < 0.5 s.
 * 2. With 10,000 rows in the list, while the real queue uploads videos to the fake's S3 endpoint at full speed
 *    for 5 s, the progress messages per second the page receives (target ≤ 10), against the byte callbacks per
 *    second the queue feeds its ProgressHub (what an uncoalesced stream would send), and the page's frame rate.
 * Prints figures only; nothing passes or fails on time.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser } from 'playwright-core'
import { ProgressHub } from '../src/main/pipeline/progress-hub'
import { MemorySecretStore } from '../src/main/secrets/secret-store'
import { installBridge } from '../tests/e2e/support/bridge-page'
import { seedQueue } from '../tests/e2e/support/queue-seed'
import { startRealBackend, type RealBackend } from '../tests/e2e/support/real-backend'
import { repoRoot } from '../tests/e2e/support/repo-root'
import { serveRenderer } from '../tests/e2e/support/static-server'
import { CHROMIUM_LAUNCH } from '../tests/support/chromium'
import { tinyMp4 } from '../tests/support/mp4-builder'
import { runBench, sparseFile } from './bench-kit'

/** Records, in the page, when the first queue row enters the DOM (ms since navigation start). */
const FIRST_ROW_PROBE = `new MutationObserver((_, obs) => {
  if (document.querySelector('.queue-row')) { window.__firstRowAt = performance.now(); obs.disconnect() }
}).observe(document, { childList: true, subtree: true })`

/** Records when the uploads:list answer reaches the page, to split the test transport's share from the renderer's. */
const LIST_PROBE = `{ const orig = window.__pinloadInvoke
window.__pinloadInvoke = (c, j) => orig(c, j).then((r) => { if (c === 'uploads:list') { if (window.__listAt === undefined) { window.__listAt = performance.now(); window.__listBytes = r.length } window.__lastListAt = performance.now(); window.__lists = (window.__lists || 0) + 1 } return r }) }`

interface PageGlobals {
  __firstRowAt?: number
  __listAt: number
  __listBytes: number
  /** When the last page of the list reached the page, and how many pages were asked. */
  __lastListAt: number
  __lists: number
  __pinloadEventCounts: Record<string, number>
  __frames: number
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

interface FirstRender {
  /** Navigation start → first row in the DOM, ms. */
  firstRow: number
  /** Navigation start → the uploads:list answer in the page, ms (mostly the Playwright bridge's transport). */
  listAt: number
  listBytes: number
  /** Navigation start → the list's last page in the page (the rest of the queue read after the first screen), ms. */
  allListed: number
  pages: number
}

/** The real services on a throwaway data folder, signed in with a pasted token, the queue paused. */
interface BenchBackend {
  backend: RealBackend
  boardId: string
  /** One request through the real router as the served page; throws on a failed Result. */
  call(channel: string, input: unknown): Promise<unknown>
  close(): Promise<void>
}

async function startBackend(url: string): Promise<BenchBackend> {
  const dir = mkdtempSync(join(tmpdir(), 'pinload-bench-window-'))
  const dataDir = join(dir, 'data')
  mkdirSync(dataDir)
  const backend = await startRealBackend(
    dataDir,
    url,
    { rateLimits: false, mediaProcessingMs: 300 },
    { secrets: new MemorySecretStore() },
  )
  const call = async (channel: string, input: unknown) => {
    const r = await backend.invoke(channel, input, url)
    if (!r.ok) throw new Error(`${channel}: ${r.error.kind}: ${r.error.message}`)
    return r.value
  }
  const boardId = backend.fake.addBoard({ name: 'Recipes' }).id
  await call('account:use-token', { token: backend.fake.issueToken().accessToken, environment: 'production' })
  // Seeded rows stay as written only while the queue is paused (tests/e2e/support/queue-seed.ts).
  await call('uploads:pause-all', {})
  return {
    backend,
    boardId,
    call,
    close: async () => {
      await backend.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

async function firstRender(browser: Browser, url: string, items: number): Promise<FirstRender> {
  const win = await startBackend(url)
  seedQueue(win.backend.dataDir, items, { boardId: win.boardId })
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  const bridge = await installBridge(page, win.backend)
  await page.addInitScript({ content: FIRST_ROW_PROBE })
  await page.addInitScript({ content: LIST_PROBE })
  await page.goto(url)
  await page.waitForFunction(
    () => (globalThis as unknown as PageGlobals).__firstRowAt !== undefined,
    undefined,
    { timeout: 30_000 },
  )
  // The rest of the list is read after the first screen: done once no page has come for a second.
  let pages = 0
  for (;;) {
    await sleep(1000)
    const now = await page.evaluate(() => (globalThis as unknown as PageGlobals).__lists)
    if (now === pages) break
    pages = now
  }
  const at = await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals
    return {
      firstRow: g.__firstRowAt!,
      listAt: g.__listAt,
      listBytes: g.__listBytes,
      allListed: g.__lastListAt,
      pages: g.__lists,
    }
  })
  bridge.dispose()
  await page.close()
  await win.close()
  return at
}

/** Peer for the transport: one round trip of a string of `bytes` over Playwright's binding, timed in the page (ms, median of 3). */
async function bindingRoundTrip(browser: Browser, url: string, bytes: number): Promise<number> {
  const page = await browser.newPage()
  const payload = 'x'.repeat(bytes)
  await page.exposeBinding('__benchEcho', () => payload)
  await page.goto(url)
  const times: number[] = []
  for (let i = 0; i < 3; i++) {
    times.push(
      await page.evaluate(async () => {
        const g = globalThis as unknown as { __benchEcho(): Promise<string>; performance: { now(): number } }
        const t = g.performance.now()
        await g.__benchEcho()
        return g.performance.now() - t
      }),
    )
  }
  await page.close()
  return median(times)
}

const STORM_VIDEOS = 8
const STORM_VIDEO_BYTES = 512 * 1024 * 1024
const STORM_MS = 5000

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms))

/**
 * Sparse MP4s the preflight accepts (ftyp + moov of a 30-37 s portrait track, then an mdat with a 64-bit size
 * running to the end of the file): each moov differs, so no two files hash alike and none is a duplicate.
 */
function stormVideos(dir: string): string[] {
  return Array.from({ length: STORM_VIDEOS }, (_, i) => {
    const head = tinyMp4({ durationSec: 30 + i, width: 1080, height: 1920 })
    const mdat = Buffer.alloc(16)
    mdat.writeUInt32BE(1, 0)
    mdat.write('mdat', 4, 'latin1')
    mdat.writeBigUInt64BE(BigInt(STORM_VIDEO_BYTES - head.length), 8)
    return sparseFile(join(dir, `clip-${i}.mp4`), Buffer.concat([head, mdat]), STORM_VIDEO_BYTES)
  })
}

/**
 * Counts the byte callbacks the queue feeds a ProgressHub in this process (a transfer calls it per chunk sent)
 * and the bytes they report, without touching the queue: the method is wrapped on the class.
 */
function countHubBytes(): { calls(): number; bytes(): number; restore(): void } {
  const proto = ProgressHub.prototype
  const original = Reflect.get(proto, 'bytes')
  const sentBy = new Map<number, number>()
  let calls = 0
  proto.bytes = function (this: ProgressHub, id: number, sent: number, total: number) {
    calls++
    sentBy.set(id, Math.max(sent, sentBy.get(id) ?? 0))
    original.call(this, id, sent, total)
  }
  return {
    calls: () => calls,
    bytes: () => [...sentBy.values()].reduce((a, b) => a + b, 0),
    restore: () => void (proto.bytes = original),
  }
}

interface Storm {
  perSec: number
  callbacksPerSec: number
  fps: number
  rowsInDom: number
  /** Most items in `uploading` at once, from the totals of the messages sent. */
  maxUploading: number
  mbPerSec: number
}

async function progressStorm(browser: Browser, url: string): Promise<Storm> {
  const win = await startBackend(url)
  const filesDir = join(win.backend.dataDir, '..', 'videos')
  mkdirSync(filesDir)
  // 10,000 rows in the list, cancelled so the queue leaves them alone; then the videos, queued as the
  // `pinload` command queues files, run by the real queue at its highest settings.
  seedQueue(win.backend.dataDir, 10_000, { boardId: win.boardId })
  const first = (await win.call('uploads:list', { limit: 1 })) as { items: { batchId: number }[] }
  await win.call('uploads:cancel', { batchId: first.items[0]!.batchId })
  await win.call('settings:set', { concurrency: 10, videoTransfers: 4, bandwidthBytesPerSec: 0 })
  win.backend.app.services.queue.enqueue(
    stormVideos(filesDir).map((path) => ({ path, meta: { boardId: win.boardId } })),
    { kind: 'cli', label: 'bench' },
  )
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  const bridge = await installBridge(page, win.backend)
  await page.goto(url)
  await page.locator('.queue-row').first().waitFor()
  // Strings, not functions: tsx's name helpers would not exist in the page.
  await page.evaluate(`(() => {
    window.__frames = 0
    const tick = () => { window.__frames++; requestAnimationFrame(tick) }
    requestAnimationFrame(tick)
  })()`)

  let maxUploading = 0
  const offTotals = win.backend.onEvent((event, payload) => {
    if (event !== 'uploads:progress') return
    const totals = (payload as { totals: { byState: Record<string, number> } }).totals
    maxUploading = Math.max(maxUploading, totals.byState.uploading ?? 0)
  })
  const hubBytes = countHubBytes()
  await win.call('uploads:resume-all', {})
  // Each file is hashed and checked before its transfer starts: the measured window opens at the first byte.
  const deadline = Date.now() + 60_000
  while (hubBytes.calls() === 0) {
    if (Date.now() > deadline) throw new Error('no upload started within 60 s')
    await sleep(10)
  }
  await page.evaluate(`window.__pinloadEventCounts['uploads:progress'] = 0; window.__frames = 0`)
  const start = { calls: hubBytes.calls(), bytes: hubBytes.bytes() }
  maxUploading = 0
  const t0 = Date.now()
  await sleep(STORM_MS)
  const elapsed = (Date.now() - t0) / 1000
  const callbacks = hubBytes.calls() - start.calls
  const bytes = hubBytes.bytes() - start.bytes
  hubBytes.restore()
  offTotals()
  const { received, frames } = await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals
    return { received: g.__pinloadEventCounts['uploads:progress'] ?? 0, frames: g.__frames }
  })
  const rowsInDom = await page.locator('.queue-row').count()
  bridge.dispose()
  await page.close()
  await win.close()
  return {
    perSec: received / elapsed,
    callbacksPerSec: callbacks / elapsed,
    fps: frames / elapsed,
    rowsInDom,
    maxUploading,
    mbPerSec: bytes / 1e6 / elapsed,
  }
}

async function main(): Promise<void> {
  const dir = join(repoRoot(), 'out', 'renderer')
  if (!existsSync(join(dir, 'index.html'))) {
    console.log('out/renderer is missing: run `npx electron-vite build` first. Nothing measured.')
    return
  }
  console.log(
    'Real services (tests/e2e/support/real-backend.ts); ProgressHub: src/main/pipeline/progress-hub.ts',
  )
  const server = await serveRenderer(0, dir)
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/index.html`
  const browser = await chromium.launch(CHROMIUM_LAUNCH)
  try {
    await firstRender(browser, url, 100) // warm-up: disk cache, JIT
    const big: FirstRender[] = []
    const small: FirstRender[] = []
    for (let i = 0; i < 3; i++) {
      small.push(await firstRender(browser, url, 100))
      big.push(await firstRender(browser, url, 10_000))
    }
    const report = (label: string, runs: FirstRender[]) => {
      const first = median(runs.map((r) => r.firstRow))
      const list = median(runs.map((r) => r.listAt))
      const own = median(runs.map((r) => r.firstRow - r.listAt))
      console.log(
        `first render, ${label}: ${first.toFixed(0)} ms (median of 3); its first page (${(runs[0]!.listBytes / 1e6).toFixed(2)} MB) reached the page at ${list.toFixed(0)} ms, rows ${own.toFixed(0)} ms later; all ${runs[0]!.pages} pages of the list read by ${median(runs.map((r) => r.allListed)).toFixed(0)} ms`,
      )
      return { first, own }
    }
    const b = report('10,000 items', big)
    const s = report('100 items (peer)', small)
    console.log(
      `  → ratio 10,000 / 100: ${(b.first / s.first).toFixed(2)}× overall, ${(b.own / Math.max(s.own, 1)).toFixed(2)}× for list-to-rows (target < 500 ms overall)`,
    )
    const echo = await bindingRoundTrip(browser, url, big[0]!.listBytes)
    console.log(
      `  transport peer: one Playwright binding round trip of ${(big[0]!.listBytes / 1e6).toFixed(2)} MB takes ${echo.toFixed(0)} ms here`,
    )
    console.log(
      "  (the list travels over Playwright's binding channel here, not Electron IPC: the renderer's own share is list-to-rows)",
    )

    const storm = await progressStorm(browser, url)
    console.log(
      `progress while the real queue uploads ${STORM_VIDEOS} videos of ${STORM_VIDEO_BYTES / 1024 ** 2} MiB (up to ${storm.maxUploading} at once, ${storm.mbPerSec.toFixed(0)} MB/s) for ${STORM_MS / 1000} s: ` +
        `${storm.perSec.toFixed(1)} messages/s received by the page (target ≤ 10)`,
    )
    console.log(
      `byte callbacks the queue fed its hub (peer, uncoalesced): ${storm.callbacksPerSec.toFixed(0)}/s  → ${(storm.callbacksPerSec / Math.max(storm.perSec, 0.001)).toFixed(0)}× fewer messages`,
    )
    console.log(
      `page frame rate during the storm: ${storm.fps.toFixed(0)} frames/s; rows in the DOM: ${storm.rowsInDom}`,
    )
  } finally {
    await browser.close()
    server.close()
  }
}

runBench(main)
