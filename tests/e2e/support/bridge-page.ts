import type { Page } from '@playwright/test'
import type { BridgeBackend } from './backend-types'

/**
 * The page side of the test bridge, as a plain script (it runs before the app's own code in every
 * document). It defines `window.api` with the preload's shape: `invoke` goes to the test's Node process
 * through Playwright's binding channel, so the page's CSP stays exactly as shipped (docs/architecture.md,
 * "Testing the renderer without Electron");
 * push events arrive through `__pinloadEmit`, which the test side calls with `page.evaluate`.
 * Dropped files map to paths through a WeakMap the drop helper fills (Electron's getPathForFile in the
 * preload), and are granted over the preload-only channel `paths:grant-dropped`.
 * Payloads cross as JSON text: Playwright's structured serializer takes seconds for a 10,000-item list,
 * JSON.parse milliseconds (Electron's structured clone is as fast); the data is JSON-shaped either way.
 */
const PAGE_SCRIPT = `(() => {
  const listeners = new Map()
  const filePaths = new WeakMap()
  const counts = Object.create(null)
  window.__pinloadFilePaths = filePaths
  window.__pinloadEventCounts = counts
  window.__pinloadEmit = (event, json) => {
    counts[event] = (counts[event] || 0) + 1
    const payload = JSON.parse(json)
    for (const l of [...(listeners.get(event) || [])]) {
      try { l(payload) } catch (e) { console.error('listener for ' + event + ' threw', e) }
    }
  }
  const api = {
    invoke: (channel, input) => window.__pinloadInvoke(channel, JSON.stringify(input)).then((json) => JSON.parse(json)),
    on: (event, listener) => {
      let set = listeners.get(event)
      if (!set) { set = new Set(); listeners.set(event, set) }
      set.add(listener)
      return () => { set.delete(listener) }
    },
    // The preload's grantDroppedFiles: paths of files the drop helper made, sent on the preload-only channel.
    grantDroppedFiles: (files) => {
      const paths = Array.from(files, (f) => filePaths.get(f) || '').filter((p) => p !== '')
      if (paths.length === 0) return Promise.resolve({ ok: true, value: [] })
      return window.__pinloadInvoke('paths:grant-dropped', JSON.stringify({ paths })).then((json) => JSON.parse(json))
    },
  }
  Object.defineProperty(window, 'api', { value: Object.freeze(api), writable: false, configurable: false })
})()`

/** What the page-side globals look like, for `page.evaluate` callbacks typed under the Node lib. */
interface BridgePageGlobals {
  __pinloadEmit(event: string, json: string): void
  __pinloadEventCounts: Record<string, number>
  __pinloadFilePaths: WeakMap<object, string>
}

export interface InstalledBridge {
  /** Events sent to the page so far, by name (Node side). */
  readonly sent: Record<string, number>
  dispose(): void
}

/**
 * Connects `page` to `backend`: call before `page.goto`. Events are forwarded in order; an event that
 * arrives while the page is navigating is dropped (the app reloads the list on start, like in Electron).
 */
export async function installBridge(
  page: Page,
  backend: Pick<BridgeBackend, 'invoke' | 'onEvent'>,
): Promise<InstalledBridge> {
  await page.exposeBinding('__pinloadInvoke', async (source, channel: string, json: string) =>
    JSON.stringify(await backend.invoke(channel, JSON.parse(json) as unknown, source.frame.url())),
  )
  await page.addInitScript({ content: PAGE_SCRIPT })
  const sent: Record<string, number> = {}
  const off = backend.onEvent((event, payload) => {
    sent[event] = (sent[event] ?? 0) + 1
    page
      .evaluate(([e, p]) => (globalThis as unknown as BridgePageGlobals).__pinloadEmit(e, p), [
        event,
        JSON.stringify(payload),
      ] as const)
      .catch(() => undefined)
  })
  return { sent, dispose: off }
}

/**
 * Drops files on `selector` the way a desktop drag does: a DataTransfer of File objects whose paths the
 * bridge's getPathForFile returns (Electron's webUtils does the same for real drops).
 */
export async function dropPaths(page: Page, selector: string, paths: readonly string[]): Promise<void> {
  const dataTransfer = await page.evaluateHandle((list) => {
    const g = globalThis as unknown as BridgePageGlobals & {
      DataTransfer: new () => { items: { add(f: unknown): void } }
      File: new (parts: unknown[], name: string) => object
    }
    const dt = new g.DataTransfer()
    for (const p of list) {
      const file = new g.File([''], p.split(/[\\/]/).pop() ?? p)
      g.__pinloadFilePaths.set(file, p)
      dt.items.add(file)
    }
    return dt
  }, paths)
  await page.dispatchEvent(selector, 'dragover', { dataTransfer })
  await page.dispatchEvent(selector, 'drop', { dataTransfer })
  await dataTransfer.dispose()
}
