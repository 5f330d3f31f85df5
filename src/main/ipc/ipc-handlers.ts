import { basename } from 'node:path'
import type { AddResult, BatchDefaults, InputProblem, ItemDraft } from '../../shared/domain'
import { AppError } from '../../shared/ipc/result'
import type { ApiRegistry } from '../pinterest/api-registry'
import type { DesktopPorts } from '../app/desktop-ports'
import { thumbnailDataUrl } from '../media/thumbnails'
import type { AccountService } from '../auth/account-service'
import type { SettingsStore } from '../db/settings-store'
import type { UploadQueue } from '../pipeline/upload-queue'
import { createBoardResolver } from '../sources/board-resolver'
import { resolveScanBoards, scanPaths } from '../sources/folder-scan'
import type { WatchService } from '../sources/watch-service'
import type { ImportService } from '../sources/import-service'
import type { IpcHandlers } from './ipc-router'

/** The services the IPC handlers call; each handler is one line of glue, validation already done. */
export interface HandlerServices {
  account: AccountService
  apis: ApiRegistry
  queue: UploadQueue
  settings: SettingsStore
  imports: ImportService
  watches: WatchService
  desktop: DesktopPorts
  /** Local path of a queued item, for its thumbnail. */
  itemPath(itemId: number): string | undefined
}

const needsBoard = (d: ItemDraft) => !d.meta.boardId && !d.meta.adAccountId

/** Scans dropped or picked paths, resolves sidecar board names and queues the result as one batch. */
export async function addPaths(
  s: HandlerServices,
  paths: string[],
  defaults: BatchDefaults,
): Promise<AddResult> {
  const scanned = await scanPaths(paths, defaults)
  const resolved = await resolveScanBoards(
    scanned,
    scanned.boardNames?.some(Boolean)
      ? createBoardResolver(s.apis.current(), { createMissing: false })
      : null,
  )
  const problems: InputProblem[] = [...resolved.problems]
  const drafts = resolved.drafts.filter((d) => {
    if (!needsBoard(d)) return true
    problems.push({
      where: d.path ?? d.url ?? '',
      message: `No board chosen for ${basename(d.path ?? d.url ?? '')}`,
      fix: 'Pick a board for the batch, or name one in a sidecar file.',
    })
    return false
  })
  if (drafts.length === 0) return { queued: 0, duplicates: 0, problems }
  const label = paths.length === 1 ? basename(paths[0]!) : `${paths.length} items`
  const { batchId, queued, duplicates } = s.queue.enqueue(drafts, { kind: 'drop', label })
  return { batchId, queued, duplicates, problems }
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

    'uploads:add-paths': (input) => addPaths(s, input.paths, input.defaults),
    'uploads:list': (input) => s.queue.list(input),
    'uploads:pause-all': () => s.queue.pauseAll(),
    'uploads:resume-all': () => s.queue.resumeAll(),
    'uploads:cancel': (input) => s.queue.cancel(input),
    'uploads:retry': (input) => s.queue.retry(input),
    'uploads:remove': (input) => {
      s.queue.remove(input.itemId)
      return null
    },
    'uploads:thumbnail': (input) => thumbnailDataUrl(s.itemPath(input.itemId)),

    'import:csv-preview': (input) =>
      s.imports.preview(input.path, { createMissingBoards: input.createMissingBoards === true }),
    'import:csv-confirm': (input) => s.imports.confirm(input.previewId),

    'watch:list': () => s.watches.list(),
    'watch:add': (input) => s.watches.add(input),
    'watch:remove': async (input) => {
      await s.watches.remove(input.id)
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
  }
}
