/**
 * Renderer under a big queue: the built renderer (out/renderer) in Debian's Chromium, fed by the scripted
 * backend through the same page bridge the e2e tests use.
 * 1. First render (navigation start → first queue rows in the DOM) with 10,000 queued items, against the
 *    same with 100 items as the peer (the ratio shows what the queue's size costs). Target < 0.5 s.
 * 2. While main's own ProgressHub (src/main/pipeline/progress-hub.ts) receives byte callbacks for 500
 *    running items for 5 s, the progress messages per second the page receives (target ≤ 10), against the
 *    byte callbacks per second fed to the hub (what an uncoalesced stream would send), and the page's frame rate.
 * Prints figures only; nothing passes or fails on time.
 */
import { existsSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { chromium, type Browser } from 'playwright-core'
import { installBridge } from '../tests/e2e/support/bridge-page'
import { repoRoot } from '../tests/e2e/support/repo-root'
import { ScriptedBackend } from '../tests/e2e/support/scripted-backend'
import { seedQueue } from '../tests/e2e/support/scripted-seed'
import { serveRenderer } from '../tests/e2e/support/static-server'
import { runBench } from './bench-kit'

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
]

/** Records, in the page, when the first queue row enters the DOM (ms since navigation start). */
const FIRST_ROW_PROBE = `new MutationObserver((_, obs) => {
  if (document.querySelector('.queue-row')) { window.__firstRowAt = performance.now(); obs.disconnect() }
}).observe(document, { childList: true, subtree: true })`

/** Records when the uploads:list answer reaches the page, to split the test transport's share from the renderer's. */
const LIST_PROBE = `{ const orig = window.__pinloadInvoke
window.__pinloadInvoke = (c, j) => orig(c, j).then((r) => { if (c === 'uploads:list' && window.__listAt === undefined) { window.__listAt = performance.now(); window.__listBytes = r.length } return r }) }`

interface PageGlobals {
  __firstRowAt?: number
  __listAt: number
  __listBytes: number
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
}

async function firstRender(browser: Browser, url: string, items: number): Promise<FirstRender> {
  const backend = new ScriptedBackend({ connectedAs: 'bench', tickMs: 0 })
  seedQueue(backend.pipeline, items)
  backend.pipeline.hub.flush()
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  const bridge = await installBridge(page, backend)
  await page.addInitScript({ content: FIRST_ROW_PROBE })
  await page.addInitScript({ content: LIST_PROBE })
  await page.goto(url)
  await page.waitForFunction(
    () => (globalThis as unknown as PageGlobals).__firstRowAt !== undefined,
    undefined,
    { timeout: 30_000 },
  )
  const at = await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals
    return { firstRow: g.__firstRowAt!, listAt: g.__listAt, listBytes: g.__listBytes }
  })
  bridge.dispose()
  await page.close()
  await backend.close()
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

async function progressStorm(
  browser: Browser,
  url: string,
): Promise<{ perSec: number; callbacksPerSec: number; fps: number; rowsInDom: number }> {
  const backend = new ScriptedBackend({ connectedAs: 'bench', tickMs: 0 })
  const items = seedQueue(backend.pipeline, 10_000)
  const running = items.slice(0, 500)
  for (const it of running) backend.pipeline.set(it.id, { state: 'uploading', attempts: 1 })
  backend.pipeline.hub.flush()
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  const bridge = await installBridge(page, backend)
  await page.goto(url)
  await page.locator('.queue-row').first().waitFor()
  // A string, not a function: tsx's name helpers would not exist in the page.
  await page.evaluate(`(() => {
    window.__pinloadEventCounts['uploads:progress'] = 0
    window.__frames = 0
    const tick = () => { window.__frames++; requestAnimationFrame(tick) }
    requestAnimationFrame(tick)
  })()`)

  const hub = backend.pipeline.hub
  const sent = new Map<number, number>()
  let callbacks = 0
  const durationMs = 5000
  const t0 = Date.now()
  // A byte callback per running item every 10 ms: what 500 streaming uploads feed the hub.
  await new Promise<void>((done) => {
    const timer = setInterval(() => {
      for (const it of running) {
        const next = Math.min(it.bytesTotal, (sent.get(it.id) ?? 0) + 4096)
        sent.set(it.id, next)
        hub.bytes(it.id, next, it.bytesTotal)
        callbacks++
      }
      if (Date.now() - t0 >= durationMs) {
        clearInterval(timer)
        done()
      }
    }, 10)
  })
  const elapsed = (Date.now() - t0) / 1000
  const { received, frames } = await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals
    return { received: g.__pinloadEventCounts['uploads:progress'] ?? 0, frames: g.__frames }
  })
  const rowsInDom = await page.locator('.queue-row').count()
  bridge.dispose()
  await page.close()
  await backend.close()
  return {
    perSec: received / elapsed,
    callbacksPerSec: callbacks / elapsed,
    fps: frames / elapsed,
    rowsInDom,
  }
}

async function main(): Promise<void> {
  const dir = join(repoRoot(), 'out', 'renderer')
  if (!existsSync(join(dir, 'index.html'))) {
    console.log('out/renderer is missing: run `npx electron-vite build` first. Nothing measured.')
    return
  }
  console.log('ProgressHub: src/main/pipeline/progress-hub.ts (main’s own coalescing)')
  const server = await serveRenderer(0, dir)
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/index.html`
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS })
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
        `first render, ${label}: ${first.toFixed(0)} ms (median of 3); its first page (${(runs[0]!.listBytes / 1e6).toFixed(2)} MB) reached the page at ${list.toFixed(0)} ms, rows ${own.toFixed(0)} ms later`,
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
      `progress for 500 running items over 5 s: ${storm.perSec.toFixed(1)} messages/s received by the page (target ≤ 10)`,
    )
    console.log(
      `byte callbacks fed to the hub (peer, uncoalesced): ${storm.callbacksPerSec.toFixed(0)}/s  → ${(storm.callbacksPerSec / Math.max(storm.perSec, 0.001)).toFixed(0)}× fewer messages`,
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
