import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RENDERER_CSP } from '../../src/main/security/web-preferences'
import { INVOKE_CHANNEL_NAMES, IPC_PREFIX, PRELOAD_CHANNEL_NAMES } from '../../src/shared/ipc/channels'

// Loads the *built* main bundle under plain Node with a stand-in `electron` module
// (tests/support/electron-stand-in.cjs) and checks what the shell wires up. `npm test` builds first.
const root = join(import.meta.dirname, '../..')
const bundle = join(root, 'out/main/index.js')

interface SmokeReport {
  windows: {
    options: {
      webPreferences: Record<string, unknown>
      minWidth: number
      minHeight: number
      backgroundColor?: string
    }
  }[]
  menuSet: boolean
  /** Background colours set when the stand-in said the system theme changed. */
  themeUpdated?: string[]
  themeSet?: { ok: boolean; themeSource: string; backgrounds: string[] }
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
  schemes: { scheme: string; privileges: Record<string, boolean> }[]
  scheme: Record<
    string,
    { status: number; contentType: string | null; csp: string | null; body: string } | null
  >
  dialogs: { message: string; detail: string; buttons: string[] }[]
  relaunched: boolean
  relaunchArgs: string[] | null
  userData: string | null
  exitCode?: number
}

let report: SmokeReport
let dataDir: string
let stderr = ''

/** Runs the built bundle under the stand-in with a data folder, and reads back what it reported. */
async function runBundle(
  dir: string,
  extraEnv: Record<string, string> = {},
  args: string[] = [],
): Promise<SmokeReport> {
  const reportFile = join(dir, 'smoke-report.json')
  const child = spawn(
    process.execPath,
    ['--require', join(root, 'tests/support/electron-stand-in.cjs'), bundle, ...args],
    {
      cwd: root,
      env: {
        ...process.env,
        PINLOAD_DATA_DIR: dir,
        PINLOAD_SMOKE_REPORT: reportFile,
        // The smoke test needs no keychain: nothing is signed in.
        PINLOAD_API_BASE: 'http://127.0.0.1:9/v5',
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
  if (!existsSync(reportFile)) throw new Error(`the bundle wrote no report (exit ${code}):\n${stderr}`)
  return JSON.parse(readFileSync(reportFile, 'utf8')) as SmokeReport
}

beforeAll(async () => {
  if (!existsSync(bundle))
    throw new Error(`${bundle} is missing: run \`npm run build\` first (npm test does).`)
  dataDir = mkdtempSync(join(tmpdir(), 'pinload-smoke-'))
  report = await runBundle(dataDir)
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

  it('sets the application menu, and paints the window in the theme the settings hold before the page does', () => {
    expect(report.menuSet).toBe(true)
    // System theme (the default) on a light system: tokens.css's light --color-bg.
    expect(report.windows[0]!.options.backgroundColor).toBe('#f4f5f7')
    // The system turning dark meanwhile repaints it in the dark theme's --color-bg (nativeTheme 'updated').
    expect(report.themeUpdated).toEqual(['#15171a'])
    // Settings → Appearance → Dark reaches Electron's native theme (menus, dialogs) and the window at once.
    expect(report.themeSet).toEqual({ ok: true, themeSource: 'dark', backgrounds: ['#15171a'] })
  })

  it("registers every contract channel (the page's and the preload's own), and nothing else", () => {
    expect([...report.handlers].sort()).toEqual(
      [...INVOKE_CHANNEL_NAMES, ...PRELOAD_CHANNEL_NAMES].map((c) => IPC_PREFIX + c).sort(),
    )
  })

  it('loads the built renderer from its own app:// scheme, never file://', () => {
    expect(report.loadedUrls).toEqual(['app://pinload/index.html'])
    expect(report.schemes).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) as unknown },
    ])
  })

  it('serves index.html and its assets with the CSP intact, and nothing outside the renderer folder', () => {
    const index = report.scheme['index']!
    expect(index).toMatchObject({ status: 200, contentType: 'text/html; charset=utf-8', csp: RENDERER_CSP })
    expect(index.body).toContain(`http-equiv="Content-Security-Policy"`)
    expect(index.body).toContain(`default-src 'none'`)
    expect(report.scheme['script']).toMatchObject({
      status: 200,
      contentType: 'text/javascript; charset=utf-8',
    })
    expect(report.scheme['media']).toMatchObject({ status: 404 })
    for (const name of ['passwd', 'encoded', 'preload']) {
      expect(report.scheme[name]!.status, name).toBeGreaterThanOrEqual(400)
      expect(report.scheme[name]!.body, name).not.toContain('root:')
    }
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

describe('the demo (--demo)', () => {
  it('runs on the stand-in in folders of its own, signed in as the demo user, and leaves nothing behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pinload-smoke-demo-'))
    const temp = join(dir, 'tmp')
    mkdirSync(temp)
    try {
      const demo = await runBundle(dir, { TMPDIR: temp }, ['--demo'])
      expect(demo.errors).toEqual([])
      expect(demo.userData).toMatch(/pinload-demo-shell-/)
      expect(demo.dispatch['mode']).toEqual({ ok: true, value: { demo: true } })
      expect(demo.dispatch['trustedAccount']).toMatchObject({
        ok: true,
        value: { status: 'connected', username: 'pinload-demo' },
      })
      const settings = demo.dispatch['trustedSettings'] as { value: { dataDir: string } }
      expect(settings.value.dataDir.startsWith(join(temp, 'pinload-demo-'))).toBe(true)
      // "Leave demo" starts the app again with the same arguments, without the switch.
      expect(demo.dispatch['leaveDemo']).toEqual({ ok: true, value: null })
      expect(demo.relaunchArgs).toEqual([bundle])
      // The data folder the environment names was not used; the demo's folders are gone.
      expect(readdirSync(dir).sort()).toEqual(['smoke-report.json', 'tmp'])
      expect(readdirSync(temp)).toEqual([])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 60_000)
})

describe('a start that fails', () => {
  it('shows a dialog naming the data folder and the ways out, exits non-zero and keeps the database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pinload-smoke-bad-'))
    try {
      const damaged = Buffer.from('not a database '.repeat(100))
      writeFileSync(join(dir, 'pinload.db'), damaged)
      writeFileSync(join(dir, 'pinload.db-wal'), 'wal bytes')
      const failed = await runBundle(dir)
      expect(failed.windows).toEqual([])
      expect(failed.exitCode).toBe(1)
      expect(failed.dialogs).toHaveLength(1)
      expect(failed.dialogs[0]!.message).toMatch(/damaged/)
      expect(failed.dialogs[0]!.detail).toContain(dir)
      expect(failed.dialogs[0]!.buttons).toEqual([
        'Quit',
        'Open the data folder',
        'Move it aside and start fresh',
      ])
      expect(readFileSync(join(dir, 'pinload.db'))).toEqual(damaged)

      // "Move it aside" relaunches: this process holds the file, so a fresh one moves it before opening anything.
      const chose = await runBundle(dir, { PINLOAD_SMOKE_DIALOG_RESPONSE: '2' })
      expect(chose.relaunched).toBeTruthy()
      expect(chose.exitCode).toBe(0)
      expect(readFileSync(join(dir, 'pinload.db'))).toEqual(damaged)
      expect(readFileSync(join(dir, 'pinload.db-wal'), 'utf8')).toBe('wal bytes')

      const fresh = await runBundle(dir, {}, ['--move-database-aside'])
      expect(fresh.errors).toEqual([])
      expect(fresh.windows).toHaveLength(1)
      expect(fresh.dialogs.map((d) => d.message)).toContain('The database was moved aside')
      const kept = readdirSync(dir).find((f) => /^pinload\.db\.damaged-\d{8}-\d{6}$/.test(f))
      expect(kept).toBeDefined()
      expect(readFileSync(join(dir, kept!))).toEqual(damaged)
      expect(readFileSync(join(dir, `${kept!}-wal`), 'utf8')).toBe('wal bytes')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 60_000)
})
