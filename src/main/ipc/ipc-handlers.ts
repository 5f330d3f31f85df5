import { AppError } from '../../shared/ipc/result'
import type { DesktopPorts } from '../app/desktop-ports'
import type { AccountService } from '../auth/account-service'
import type { SettingsStore } from '../db/settings-store'
import { thumbnailDataUrl } from '../media/thumbnails'
import type { ApiRegistry } from '../pinterest/api-registry'
import type { AddPaths } from '../services/add-paths'
import type { CsvImport } from '../services/csv-import'
import type { QueueControls } from '../services/queue-controls'
import type { WatchedFolders } from '../services/watched-folders'
import type { IpcHandlers } from './ipc-router'

/** The services the IPC handlers call; each handler is one line of glue, validation already done. */
export interface HandlerServices {
  account: AccountService
  apis: ApiRegistry
  settings: SettingsStore
  addPaths: AddPaths
  csvImport: CsvImport
  watchedFolders: WatchedFolders
  controls: QueueControls
  desktop: DesktopPorts
  /** The app runs the built-in demo (src/main/app/demo-session.ts). */
  demo: boolean
  /** Local path of a queued item, for its thumbnail. */
  itemPath(itemId: number): string | undefined
}

export function createIpcHandlers(s: HandlerServices): IpcHandlers {
  return {
    'account:get': () => s.account.get(),
    'account:save-app': (input) => s.account.saveApp(input),
    'account:connect': () => s.account.connect(),
    'account:cancel-connect': () => {
      s.account.cancelConnect()
      return null
    },
    'account:use-token': (input) => s.account.useToken(input),
    'account:sign-out': () => s.account.signOut(),

    'boards:list': (input) => s.apis.boards(input.refresh === true),
    'boards:create': async (input) => {
      const board = await s.apis.current().createBoard(input)
      s.apis.rememberBoard(board)
      return board
    },
    'boards:sections': (input) => s.apis.current().listSections(input.boardId),
    'boards:create-section': (input) => s.apis.current().createSection(input.boardId, input.name),

    'uploads:add-paths': async (input) => (await s.addPaths.add({ ...input, origin: 'drop' })).added,
    'uploads:list': (input) => s.controls.list(input),
    'uploads:pause-all': () => s.controls.pauseAll(),
    'uploads:resume-all': () => s.controls.resumeAll(),
    'uploads:cancel': (input) => s.controls.cancel(input),
    'uploads:retry': (input) => s.controls.retry(input),
    'uploads:remove': (input) => {
      s.controls.remove(input.itemId)
      return null
    },
    'uploads:thumbnail': (input) => thumbnailDataUrl(s.itemPath(input.itemId)),

    'import:csv-preview': (input) =>
      s.csvImport.preview(input.path, { createMissingBoards: input.createMissingBoards === true }),
    'import:csv-confirm': (input) => s.csvImport.confirm(input.previewId),

    'watch:list': () => s.watchedFolders.list(),
    'watch:add': (input) => s.watchedFolders.add(input),
    'watch:remove': async (input) => {
      await s.watchedFolders.remove(input.id)
      return null
    },

    'settings:get': () => s.settings.get(),
    'settings:set': (input) => s.settings.set(input),

    'dialog:pick-folder': () => s.desktop.pickFolder(),
    'dialog:pick-csv': () => s.desktop.pickCsv(),
    'shell:open-external': async (input) => {
      try {
        await s.desktop.openExternal(input.url)
      } catch {
        throw new AppError('permission', 'Pinload only opens Pinterest https links in the browser.')
      }
      return null
    },

    'app:mode': () => ({ demo: s.demo }),
    'app:start-demo': () => {
      if (!s.demo) s.desktop.relaunch({ demo: true })
      return null
    },
    'app:leave-demo': () => {
      if (s.demo) s.desktop.relaunch({ demo: false })
      return null
    },
  }
}
