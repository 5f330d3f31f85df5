import { app, dialog, Notification, shell } from 'electron'
import type { BrowserWindow, FileFilter } from 'electron'
import type { QueueTotals } from '../../shared/domain'
import { DEMO_SWITCH } from '../app/demo-session'
import { taskbarProgress, type DesktopPorts } from '../app/desktop-ports'
import { isSafeExternalUrl } from '../security/external-url'

/** Electron's implementations of what services need from the desktop: dialogs, links, progress, notices. */
export function createDesktopPorts(getWindow: () => BrowserWindow | null): DesktopPorts {
  /** One file of the kinds `filters` name, over the window when there is one; null when cancelled. */
  const pickOne = async (filters: FileFilter[]): Promise<string | null> => {
    const win = getWindow()
    const options = { properties: ['openFile'] as 'openFile'[], filters }
    const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options)
    return r.canceled ? null : (r.filePaths[0] ?? null)
  }
  return {
    async pickFolder() {
      const win = getWindow()
      const options = {
        properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[],
      }
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options)
      return r.canceled ? null : (r.filePaths[0] ?? null)
    },
    pickCsv: () => pickOne([{ name: 'CSV files', extensions: ['csv', 'tsv', 'txt'] }]),
    async pickFiles() {
      const win = getWindow()
      const options = {
        properties: ['openFile', 'multiSelections'] as ('openFile' | 'multiSelections')[],
        filters: [
          {
            name: 'Images and videos',
            extensions: ['jpg', 'jpeg', 'png', 'heic', 'gif', 'webp', 'mp4', 'mov', 'm4v'],
          },
          { name: 'All files', extensions: ['*'] },
        ],
      }
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options)
      return r.canceled ? [] : r.filePaths
    },
    pickImage: () =>
      pickOne([
        {
          name: 'Images',
          extensions: ['jpg', 'jpeg', 'png', 'heic', 'heif', 'webp', 'gif', 'tif', 'tiff', 'bmp', 'avif'],
        },
        { name: 'All files', extensions: ['*'] },
      ]),
    async openExternal(url) {
      if (!isSafeExternalUrl(url))
        throw new Error('Refused to open a link that is not a Pinterest https page.')
      await shell.openExternal(url)
    },
    /** Used by sign-in only: the authorize page lives on Pinterest (or PINLOAD_OAUTH_BASE in development). */
    async openAuthorizePage(url) {
      await shell.openExternal(url)
    },
    showProgress(totals: QueueTotals) {
      const win = getWindow()
      if (!win || win.isDestroyed()) return
      const { value, mode } = taskbarProgress(totals)
      win.setProgressBar(value, { mode })
    },
    notify(title, body) {
      if (!Notification.isSupported()) return
      new Notification({ title, body, silent: false }).show()
      if (process.platform === 'darwin') app.dock?.bounce('informational')
    },
    async confirm(message, detail, buttons) {
      const win = getWindow()
      const options = {
        type: 'question' as const,
        message,
        detail,
        buttons: [...buttons],
        defaultId: 1,
        cancelId: 1,
      }
      const r = win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options)
      return r.response === 0
    },
    async revealFolder(path) {
      // openPath answers an error message, or '' when the folder opened.
      const problem = await shell.openPath(path)
      if (problem !== '') throw new Error(problem)
    },
    async pickSaveFile({ defaultName, format }) {
      const win = getWindow()
      const options = {
        defaultPath: defaultName,
        filters: [
          format === 'csv'
            ? { name: 'CSV (Excel, Numbers, Sheets)', extensions: ['csv'] }
            : { name: 'JSON', extensions: ['json'] },
        ],
      }
      const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options)
      return r.canceled || !r.filePath ? null : r.filePath
    },
    relaunch({ demo }) {
      const args = process.argv.slice(1).filter((a) => a !== DEMO_SWITCH)
      app.relaunch({ args: demo ? [...args, DEMO_SWITCH] : args })
      // quit, not exit: before-quit parks the queue and closes the demo first (src/main/index.ts); the
      // handler that asked answers before the window goes.
      setImmediate(() => app.quit())
    },
  }
}
