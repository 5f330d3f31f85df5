/**
 * Bootstrap only: one instance, the hardened window, IPC bound to the router, services started and
 * stopped with the app. Everything else runs under plain Node in src/main/app/app-services.ts.
 */
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { app } from 'electron'
import type { BrowserWindow } from 'electron'
import { startApp } from './app/app-services'
import { WindowStateStore } from './shell/window-state-store'
import { createIpcRouter } from './ipc/ipc-router'
import { environmentFor } from './security/dev-switches'
import { isAppUrl } from './security/external-url'
import { DEV_RENDERER_CSP, RENDERER_CSP } from './security/web-preferences'
import { createDesktopPorts } from './shell/electron-desktop-ports'
import { bindIpc, createEventSender } from './shell/ipc-binding'
import { createMainWindow, installGlobalGuards } from './shell/main-window'
import { resolveDataDir } from './db/data-dir'

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  let win: BrowserWindow | null = null
  const rendererUrl = process.env['ELECTRON_RENDERER_URL']
    ? `${process.env['ELECTRON_RENDERER_URL']}/`
    : pathToFileURL(join(__dirname, '../renderer/index.html')).href
  const appOrigin = rendererUrl.startsWith('file:')
    ? pathToFileURL(join(__dirname, '../renderer/')).href
    : rendererUrl

  app.on('second-instance', () => {
    if (win?.isMinimized()) win.restore()
    win?.focus()
  })

  void app.whenReady().then(async () => {
    const dataDir = resolveDataDir(process.env)
    installGlobalGuards(appOrigin, process.env['ELECTRON_RENDERER_URL'] ? DEV_RENDERER_CSP : RENDERER_CSP)
    // The rate-limit override and the other development switches reach the services only when unpackaged.
    const { env, ignored } = environmentFor(process.env, app.isPackaged)
    const running = await startApp({
      dataDir,
      env,
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
    for (const i of ignored) running.logger.warn('environment variable ignored', { name: i.name, why: i.why })
    bindIpc(router)
    const windowState = new WindowStateStore(dataDir)
    win = createMainWindow({
      preloadPath: join(__dirname, '../preload/index.cjs'),
      rendererUrl,
      bounds: windowState.load(),
      onBoundsChanged: (b) => windowState.save(b),
    })
    win.on('closed', () => {
      win = null
    })

    let quitting = false
    app.on('before-quit', (event) => {
      if (quitting) return
      // Park in-flight work before the process goes: an item mid-upload must resume next time.
      event.preventDefault()
      quitting = true
      void running.shutdown().finally(() => app.quit())
    })
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
}
