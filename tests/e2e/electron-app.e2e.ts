import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron as electron, expect, test } from '@playwright/test'
import { repoRoot } from './support/repo-root'
import type { BridgeApi } from '../../src/shared/ipc/bridge-api'

// The packaged-app path: the real Electron binary running the built app (main, preload, renderer). The
// binary is fetched by `npm start` on a machine with internet (scripts/prepare-electron.mjs); where it
// is absent, as on machines without internet, this spec skips and says so. Everything else about the
// app is covered without Electron by the other specs and the shell smoke test.
const root = repoRoot()
const pathFile = join(root, 'node_modules/electron/path.txt')
const binary = existsSync(pathFile)
  ? join(root, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim())
  : null
const nativeSqlite = join(root, 'native/electron/better_sqlite3.node')
const missing =
  !binary || !existsSync(binary)
    ? 'no Electron binary (it is downloaded by `npm start` on a machine with internet)'
    : !existsSync(nativeSqlite)
      ? 'better-sqlite3 is not built for Electron yet (`npm start` builds it into native/electron/)'
      : null

test('the real app opens its hardened window on the queue', async () => {
  test.skip(missing !== null, `Electron app not runnable here: ${missing}`)
  const dataDir = mkdtempSync(join(tmpdir(), 'pinload-electron-'))
  const app = await electron.launch({
    executablePath: binary!,
    args: [root],
    env: { ...process.env, PINLOAD_DATA_DIR: dataDir },
  })
  try {
    const page = await app.firstWindow()
    await expect(page).toHaveTitle('Pinload')
    await expect(page.getByRole('heading', { name: 'Queue' })).toBeVisible()
    // The renderer sees only the preload's narrow API: no Node, no ipcRenderer.
    expect(
      await page.evaluate(() => [
        typeof (globalThis as unknown as { require?: unknown }).require,
        Object.keys((globalThis as unknown as { api: object }).api).sort(),
      ]),
    ).toEqual(['undefined', ['grantDroppedFiles', 'invoke', 'on']])
    // Page script cannot turn a path string into a grant (issue 11, finding 2): the preload-only channel is
    // refused through invoke, and a File made by script has no path on disk, so nothing is granted.
    const forged = await page.evaluate(async () => {
      const api = (globalThis as unknown as { api: BridgeApi }).api
      const viaInvoke = await (api.invoke as (c: string, i: unknown) => Promise<unknown>)(
        'paths:grant-dropped',
        {
          paths: ['/etc/passwd'],
        },
      )
      const viaFile = await api.grantDroppedFiles([new File(['x'], 'id_rsa')])
      return { viaInvoke, viaFile }
    })
    expect(forged.viaInvoke).toMatchObject({ ok: false, error: { kind: 'validation' } })
    expect(forged.viaFile).toEqual({ ok: true, value: [] })
  } finally {
    await app.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
})
