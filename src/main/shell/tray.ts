import { app, Menu, nativeImage, Tray, type BrowserWindow, type MenuItemConstructorOptions } from 'electron'
import type { RunningApp } from '../app/app-services'
import { TRAY_ICON_DATA_URL } from './tray-icon'
import {
  keepInTray,
  loginItemSettings,
  startsHidden,
  trayMenu,
  trayTooltip,
  type TrayItem,
  type TrayState,
} from './tray-menu'

/** How often the menu's "Next Pin …" and the tooltip are brought up to date. */
const REFRESH_MS = 30_000

/**
 * Pinload in the system tray (issue 14, point 4): closing the window while Pins are to go out or folders are
 * watched hides it instead of quitting; the tray opens it, pauses or resumes, tells the next Pin's time, sets
 * the start at login (hidden, straight to the tray) and quits. The decisions are in tray-menu.ts.
 */
export function installTray(opts: { window: () => BrowserWindow | null; running: RunningApp }): void {
  const { services, logger } = opts.running
  let quitting = false
  app.on('before-quit', () => {
    quitting = true
  })
  let tray: Tray | null = null
  try {
    tray = new Tray(nativeImage.createFromDataURL(TRAY_ICON_DATA_URL))
  } catch (e) {
    // Some Linux desktops have no tray: closing the window then quits, as before.
    logger.warn('no system tray', { error: e })
  }

  const state = (): TrayState => {
    const totals = services.controls.list({ afterId: 0, limit: 0 }).totals
    const by = totals.byState
    const pending =
      (by.scheduled ?? 0) +
      (by.queued ?? 0) +
      (by.validating ?? 0) +
      (by.uploading ?? 0) +
      (by.processing ?? 0) +
      (by.creating ?? 0)
    return {
      pending,
      waitingForSignIn: (totals.waitingAccounts ?? []).reduce((n, w) => n + w.items, 0),
      watchedFolders: services.watchedFolders.list().length,
      paused: totals.paused,
      nextPinAt: services.scheduling.nextPinAt(),
      startAtLogin: process.platform === 'linux' ? 'unsupported' : app.getLoginItemSettings().openAtLogin,
    }
  }
  const open = () => {
    const win = opts.window()
    if (!win) return
    if (win.isMinimized()) win.restore()
    win.show()
    win.focus()
  }
  const act = (item: TrayItem) => {
    if (item.id === 'open') open()
    else if (item.id === 'pause') services.controls.pauseAll('Paused from the tray')
    else if (item.id === 'resume') services.controls.resumeAll()
    else if (item.id === 'login')
      app.setLoginItemSettings(loginItemSettings(!app.getLoginItemSettings().openAtLogin))
    else if (item.id === 'quit') app.quit()
    refresh()
  }
  const refresh = () => {
    if (!tray || tray.isDestroyed()) return
    const s = state()
    const template: MenuItemConstructorOptions[] = trayMenu(s, Date.now()).map((item) =>
      item.id === 'separator'
        ? { type: 'separator' }
        : {
            label: item.label,
            ...(item.enabled === false && { enabled: false }),
            ...(item.checked !== undefined && { type: 'checkbox', checked: item.checked }),
            click: () => act(item),
          },
    )
    tray.setContextMenu(Menu.buildFromTemplate(template))
    tray.setToolTip(trayTooltip(s))
  }
  tray?.on('click', open)
  // macOS: a click on the Dock icon brings back the window the tray hid.
  app.on('activate', open)
  if (tray) {
    refresh()
    setInterval(refresh, REFRESH_MS).unref()
  }

  const win = opts.window()
  if (!win) return
  // Without a tray there is nothing to hide into: the window behaves as it always did.
  if (!tray) return
  if (startsHidden(process.argv, app.getLoginItemSettings().wasOpenedAtLogin))
    win.once('ready-to-show', () => win.hide())
  win.on('close', (event) => {
    if (!keepInTray(state(), quitting, true, process.platform)) return
    event.preventDefault()
    win.hide()
    refresh()
  })
}
