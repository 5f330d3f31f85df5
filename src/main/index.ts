/**
 * Bootstrap only: one instance, the hardened window, IPC bound to the router, services started and
 * stopped with the app. Everything else runs under plain Node in src/main/app/app-services.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { app, session } from 'electron'
import type { BrowserWindow } from 'electron'
import { startApp } from './app/app-services'
import { DEMO_SWITCH } from './app/demo-session'
import { WindowStateStore } from './shell/window-state-store'
import { createIpcRouter } from './ipc/ipc-router'
import { describeStartupFailure, moveDatabaseAside } from './db/startup-failure'
import { createLogger } from './logging/logger'
import { APP_INDEX_URL, APP_ORIGIN } from './security/app-scheme'
import { environmentFor } from './security/dev-switches'
import { isAppUrl } from './security/external-url'
import { DEV_RENDERER_CSP, RENDERER_CSP } from './security/web-preferences'
import { handleAppScheme, registerAppScheme, type MediaFileOf } from './shell/app-protocol'
import { createDesktopPorts } from './shell/electron-desktop-ports'
import { bindIpc, createEventSender } from './shell/ipc-binding'
import { applyWindowTheme, createMainWindow, installGlobalGuards } from './shell/main-window'
import { installTray } from './shell/tray'
import { installAppMenu } from './shell/app-menu'
import { MOVE_ASIDE_SWITCH, showMovedAside, showStartupFailure } from './shell/startup-dialog'
import { resolveDataDir } from './db/data-dir'

// Before anything is ready: the window's own scheme needs its privileges registered first.
registerAppScheme()

// The demo (README.md, "Try it without a Pinterest account") talks only to its stand-in on 127.0.0.1, so it is
// offered packaged or not. Electron keys its single-instance lock and its own files on userData: a folder of
// the demo's own lets it run beside the usual instance and leaves nothing in the user's folders.
const demo = process.argv.includes(DEMO_SWITCH)
const demoShellDir = demo ? mkdtempSync(join(tmpdir(), 'pinload-demo-shell-')) : null
if (demoShellDir) {
  app.setPath('userData', demoShellDir)
  process.once('exit', () => {
    try {
      rmSync(demoShellDir, { recursive: true, force: true })
    } catch {
      // Chromium may still hold a file there (Windows): the OS's temp folder cleaning takes what is left.
    }
  })
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  let win: BrowserWindow | null = null
  // The development switches (a dev-server renderer URL above all) count only when unpackaged.
  const { env, ignored } = environmentFor(process.env, app.isPackaged)
  const devServer = env['ELECTRON_RENDERER_URL']
  // Served from app://pinload, never file://: under file:// the CSP's 'self' would match every local file.
  const rendererUrl = devServer ? `${devServer}/` : APP_INDEX_URL
  const appOrigin = devServer ? rendererUrl : APP_ORIGIN
  // The demo's services run in a temporary data folder of their own (startApp); the boot log and the window's
  // size go to the demo's shell folder, never to the user's data folder.
  const dataDir = demoShellDir ?? resolveDataDir(env)
  // Never throws (src/main/logging/logger.ts): it may record a start that fails.
  const bootLog = createLogger({ dataDir })
  process.on('unhandledRejection', (reason) => bootLog.error('unhandled rejection', { error: reason }))

  app.on('second-instance', () => {
    if (win?.isMinimized()) win.restore()
    // Kept in the tray (src/main/shell/tray.ts): a second start brings the window back.
    win?.show()
    win?.focus()
  })

  const start = async () => {
    // The user chose "Move it aside" after a failed start: done here, before anything opens the database.
    const movedAside = process.argv.includes(MOVE_ASIDE_SWITCH) && !demo ? moveDatabaseAside(dataDir) : null
    installGlobalGuards(appOrigin, devServer ? DEV_RENDERER_CSP : RENDERER_CSP)
    // Queued videos are served once the services run; until then (and after a failed start) none is.
    let mediaFile: MediaFileOf = () => Promise.resolve(undefined)
    handleAppScheme(join(__dirname, '../renderer'), (id) => mediaFile(id))
    const running = await startApp({
      dataDir,
      env,
      demo,
      logger: bootLog,
      // The system's proxy settings (PAC, WPAD, manual), as Chromium itself would use them.
      resolveProxy: (url) => session.defaultSession.resolveProxy(url),
      desktop: createDesktopPorts(() => win),
      emit: createEventSender(() => win),
      // better-sqlite3 built for Electron's ABI by scripts/prepare-electron.mjs (docs/architecture.md,
      // "Two native ABIs").
      nativeBinding: join(
        app.isPackaged ? process.resourcesPath : app.getAppPath(),
        'native/electron/better_sqlite3.node',
      ),
    })
    const router = createIpcRouter({
      handlers: running.handlers,
      isTrustedSender: (sender) =>
        win !== null && sender.id === win.webContents.id && isAppUrl(sender.frameUrl, appOrigin),
      checkOutputs: !app.isPackaged,
      onError: (channel, e) => running.logger.error('ipc handler failed', { channel, error: String(e) }),
    })
    mediaFile = (id) => running.mediaFile(id)
    for (const i of ignored) running.logger.warn('environment variable ignored', { name: i.name, why: i.why })
    bindIpc(router)
    // Settings → Appearance reaches the native theme and the window's background at once (issue 18).
    const setSettings = running.handlers['settings:set']
    running.handlers['settings:set'] = async (input, sender) => {
      const saved = await setSettings(input, sender)
      applyWindowTheme(win, saved.theme ?? 'system')
      return saved
    }
    // The menu's items and shortcuts run in the window, as its command palette does.
    const sendToWindow = createEventSender(() => win)
    installAppMenu((command) => sendToWindow('app:command', command))
    const windowState = new WindowStateStore(dataDir)
    win = createMainWindow({
      preloadPath: join(__dirname, '../preload/index.cjs'),
      rendererUrl,
      bounds: windowState.load(),
      theme: running.services.settings.get().theme ?? 'system',
      onBoundsChanged: (b) => windowState.save(b),
    })
    if (movedAside) showMovedAside(movedAside)
    win.on('closed', () => {
      win = null
    })
    // Closing the window while Pins are to go out keeps Pinload in the tray (issue 14).
    installTray({ window: () => win, running })
    // Watched folders are scanned only once the window is on screen (issue 11, finding 6).
    win.once('ready-to-show', () => {
      running
        .startWatches()
        .catch((e: unknown) => running.logger.error('opening watched folders failed', { error: e }))
    })

    let quitting = false
    app.on('before-quit', (event) => {
      if (quitting) return
      // Park in-flight work before the process goes: an item mid-upload must resume next time.
      event.preventDefault()
      quitting = true
      void running.shutdown().finally(() => app.quit())
    })
  }

  // A failed start (a damaged or newer database, a read-only or full data folder) is told in a dialog with the
  // ways out; the process never lingers without a window while holding the single-instance lock.
  app
    .whenReady()
    .then(start)
    .catch(async (e: unknown) => {
      bootLog.error('start failed', { error: e })
      await showStartupFailure(describeStartupFailure(e, dataDir), dataDir)
    })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
}
