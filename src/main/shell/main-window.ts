import { release } from 'node:os'
import { app, BrowserWindow, nativeTheme, session, shell } from 'electron'
import type { WebContents } from 'electron'
import type { ThemeChoice } from '../../shared/domain'
import { backgroundFor, hasMica, pageUrl, windowChrome } from './window-look'
import type { WindowBounds } from './window-state-store'
import { MIN_SIZE } from './window-state-store'
import { isAppUrl, isSafeExternalUrl } from '../security/external-url'
import { hardenedWebPreferences, RENDERER_CSP } from '../security/web-preferences'

export interface MainWindowOptions {
  preloadPath: string
  /** Dev server URL (development) or app://pinload/index.html (src/main/security/app-scheme.ts). */
  rendererUrl: string
  bounds: WindowBounds
  /** Settings → Appearance: the native parts (menus, dialogs, scroll bars) and the background follow it. */
  theme: ThemeChoice
  onBoundsChanged(bounds: WindowBounds): void
}

/** Applies the appearance setting to the native theme and the window's background (no flash on start). */
export function applyWindowTheme(win: BrowserWindow | null, theme: ThemeChoice): void {
  nativeTheme.themeSource = theme
  paintBackground(win)
}

/** Whether this machine draws Mica under the window (Windows 11 22H2 and later: window-look.ts). */
const MICA = hasMica(process.platform, release())

/** The window's background for the theme in force now (nativeTheme.themeSource holds the setting). */
function paintBackground(win: BrowserWindow | null): void {
  if (!win || win.isDestroyed()) return
  win.setBackgroundColor(backgroundFor(nativeTheme.themeSource, nativeTheme.shouldUseDarkColors, MICA))
}

/**
 * Every webContents the app ever creates gets the same guards: no navigation away from the app page,
 * no pop-ups (allowed Pinterest links go to the system browser), no <webview>, no permissions.
 */
export function installGlobalGuards(appOrigin: string, csp: string = RENDERER_CSP): void {
  app.on('web-contents-created', (_e, contents) => guardContents(contents, appOrigin))
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)
  // The dev server serves index.html over http: give it the same CSP as the meta tag in production.
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } })
  })
}

function guardContents(contents: WebContents, appOrigin: string): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, appOrigin)) event.preventDefault()
  })
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, appOrigin)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
}

export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  nativeTheme.themeSource = opts.theme
  const win = new BrowserWindow({
    ...windowChrome(process.platform, release()),
    ...opts.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Pinload',
    backgroundColor: backgroundFor(opts.theme, nativeTheme.shouldUseDarkColors, MICA),
    webPreferences: hardenedWebPreferences(opts.preloadPath),
  })
  if (opts.bounds.maximized) win.maximize()
  win.once('ready-to-show', () => win.show())
  const remember = () => {
    if (win.isDestroyed() || win.isMinimized()) return
    opts.onBoundsChanged({ ...win.getNormalBounds(), maximized: win.isMaximized() })
  }
  win.on('resized', remember)
  win.on('moved', remember)
  win.on('close', remember)
  // With System chosen, the system switching to dark (or back) repaints what shows before the page does.
  const followSystem = () => paintBackground(win)
  nativeTheme.on('updated', followSystem)
  win.on('closed', () => nativeTheme.off('updated', followSystem))
  void win.loadURL(pageUrl(opts.rendererUrl, MICA))
  return win
}
