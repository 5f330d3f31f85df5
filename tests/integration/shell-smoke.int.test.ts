import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { INVOKE_CHANNEL_NAMES, IPC_PREFIX } from '../../src/shared/ipc/channels'

// Loads the *built* main bundle under plain Node with a stand-in `electron` module
// (tests/support/electron-stand-in.cjs) and checks what the shell wires up. `npm test` builds first.
const root = join(import.meta.dirname, '../..')
const bundle = join(root, 'out/main/index.js')

interface SmokeReport {
  windows: { options: { webPreferences: Record<string, unknown>; minWidth: number; minHeight: number } }[]
  handlers: string[]
  loadedUrls: string[]
  guards: {
    navigationBlocked?: boolean
    webviewBlocked?: boolean
    popup?: { action: string }
    permissionHandler?: boolean
    cspHeader?: boolean
  }
  dispatch: Record<string, { ok: boolean; value?: unknown; error?: { kind: string; message: string } }>
  errors: string[]
}

let report: SmokeReport
let dataDir: string
let stderr = ''

beforeAll(async () => {
  if (!existsSync(bundle))
    throw new Error(`${bundle} is missing: run \`npm run build\` first (npm test does).`)
  dataDir = mkdtempSync(join(tmpdir(), 'pinload-smoke-'))
  const reportFile = join(dataDir, 'smoke-report.json')
  const child = spawn(
    process.execPath,
    ['--require', join(root, 'tests/support/electron-stand-in.cjs'), bundle],
    {
      cwd: root,
      env: {
        ...process.env,
        PINLOAD_DATA_DIR: dataDir,
        PINLOAD_SMOKE_REPORT: reportFile,
        // The smoke test needs no keychain: nothing is signed in.
        PINLOAD_API_BASE: 'http://127.0.0.1:9/v5',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
  if (!existsSync(reportFile)) throw new Error(`the bundle wrote no report (exit ${code}):\n${stderr}`)
  report = JSON.parse(readFileSync(reportFile, 'utf8')) as SmokeReport
}, 60_000)

afterAll(() => {
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

describe('the built main bundle under a stand-in electron', () => {
  it('starts without errors', () => {
    expect(report.errors).toEqual([])
  })

  it('creates one window with the hardened preferences', () => {
    expect(report.windows).toHaveLength(1)
    const { webPreferences, minWidth, minHeight } = report.windows[0]!.options
    expect(webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
    })
    expect(String(webPreferences['preload'])).toMatch(/out\/preload\/index\.cjs$/)
    expect(existsSync(String(webPreferences['preload']))).toBe(true)
    expect([minWidth, minHeight]).toEqual([900, 600])
  })

  it('registers every contract channel, and nothing else', () => {
    expect([...report.handlers].sort()).toEqual(INVOKE_CHANNEL_NAMES.map((c) => IPC_PREFIX + c).sort())
  })

  it('loads the built renderer', () => {
    expect(report.loadedUrls).toHaveLength(1)
    expect(report.loadedUrls[0]).toMatch(/^file:\/\/.*\/out\/renderer\/index\.html$/)
  })

  it('answers the window through the real services', () => {
    expect(report.dispatch['trustedSettings']).toMatchObject({ ok: true, value: { concurrency: 3, dataDir } })
    expect(report.dispatch['trustedAccount']).toMatchObject({
      ok: true,
      value: { redirectUri: 'http://localhost:8085/' },
    })
  })

  it('refuses foreign senders, sub-frames and malformed requests', () => {
    expect(report.dispatch['foreignOrigin']).toMatchObject({ ok: false, error: { kind: 'permission' } })
    expect(report.dispatch['subFrame']).toMatchObject({ ok: false, error: { kind: 'permission' } })
    expect(report.dispatch['malformed']).toMatchObject({ ok: false, error: { kind: 'validation' } })
  })

  it('blocks navigation, webviews, pop-ups and permission requests', () => {
    expect(report.guards).toMatchObject({
      navigationBlocked: true,
      webviewBlocked: true,
      popup: { action: 'deny' },
      permissionHandler: true,
      cspHeader: true,
    })
  })
})
