import { basename } from 'node:path'
import { isSafeExternalUrl } from '../security/external-url'
import { AppError } from '../../shared/ipc/result'
import type { DesktopPorts } from '../app/desktop-ports'
import type { AccountService } from '../auth/account-service'
import type { SettingsStore } from '../db/settings-store'
import type { ApiRegistry } from '../pinterest/api-registry'
import type { AccountSwitch } from '../services/account-switch'
import type { AddPaths } from '../services/add-paths'
import type { CsvImport } from '../services/csv-import'
import type { PathGrants } from '../services/path-grants'
import type { ScanRuns } from '../services/scan-runs'
import type { ScanProgress } from '../sources/folder-walk'
import { writeCsvTemplate } from '../sources/csv-template'
import type { QueueControls } from '../services/queue-controls'
import type { RateBudget } from '../services/rate-budget'
import type { PlanItems } from '../services/plan-items'
import type { MakeCarousel } from '../services/make-carousel'
import type { Scheduling } from '../services/scheduling'
import { checkPlan } from '../services/schedule-plan'
import type { ExportResults } from '../services/export-results'
import type { VerifyPins } from '../services/verify-pins'
import type { PinOperations } from '../services/pin-operations'
import type { WatchedFolders } from '../services/watched-folders'
import type { IpcHandlers } from './ipc-router'

/** The services the IPC handlers call; each handler is one line of glue, validation already done. */
export interface HandlerServices {
  account: AccountService
  /** Sign-in and pasted token, asking first in a native dialog when that would switch a queue's account. */
  accountSwitch: AccountSwitch
  apis: ApiRegistry
  settings: SettingsStore
  addPaths: AddPaths
  csvImport: CsvImport
  watchedFolders: WatchedFolders
  controls: QueueControls
  /** What the write limit leaves now (issue 14). */
  rateBudget: RateBudget
  planItems: PlanItems
  /** Image items joined into one carousel item (issue 13). */
  makeCarousel: MakeCarousel
  /** Schedules, late items and pacing rules (issue 14). */
  scheduling: Scheduling
  /** The process environment: a schedule's shortest spacing depends on the API in use (schedule-plan.ts). */
  env: NodeJS.ProcessEnv
  /** Read-back of published Pins and their counts (issue 15). */
  verifyPins: VerifyPins
  /** One row per item to a file the user picks in main's save dialog (issue 15). */
  exportResults: ExportResults
  /** Updates and removals of published Pins (issue 15). */
  pinOps: PinOperations
  desktop: DesktopPorts
  /** The app runs the built-in demo (src/main/app/demo-session.ts). */
  demo: boolean
  /** An item's thumbnail as a data: URL, once it passed pre-flight (services/thumbnail-source.ts). */
  thumbnail(itemId: number): Promise<string | null>
  /** The paths each window was granted (its dialogs, its drops); requests name files by grant only. */
  grants: PathGrants
  /** Each window's running scan, for its Cancel. */
  scans: ScanRuns
  /** Tells the window that asked (`to`, its sender id) how far its scan has got (`uploads:scan-progress`). */
  scanProgress(p: ScanProgress, to: number): void
}

const OPEN_LINK_REFUSAL = 'Pinload only opens Pinterest https links in the browser.'

export function createIpcHandlers(s: HandlerServices): IpcHandlers {
  return {
    'account:get': () => s.account.get(),
    'account:save-app': (input) => s.account.saveApp(input),
    'account:connect': () => s.accountSwitch.connect(),
    'account:cancel-connect': () => {
      s.account.cancelConnect()
      return null
    },
    'account:use-token': (input) => s.accountSwitch.useToken(input),
    'account:sign-out': () => s.accountSwitch.signOut(),
    'accounts:list': () => s.accountSwitch.list(),
    'accounts:use': (input) => s.accountSwitch.use(input.key),

    'boards:list': (input) => s.apis.boards(input.refresh === true),
    'boards:create': async (input) => {
      const board = await s.apis.current().createBoard(input)
      s.apis.rememberBoard(board)
      return board
    },
    'boards:sections': (input) => s.apis.current().listSections(input.boardId),
    'boards:create-section': (input) => s.apis.current().createSection(input.boardId, input.name),

    'uploads:add-paths': (input, sender) => {
      const paths = s.grants.resolve(sender.id, input.grants)
      // A bad schedule is refused before anything is scanned (a validation error naming the field).
      const schedule = input.schedule ? checkPlan(input.schedule, s.env) : null
      return s.scans.run(sender.id, async (signal) => {
        const out = await s.addPaths.add(
          {
            paths,
            defaults: input.defaults,
            origin: 'drop',
            confirmed: false,
            ...(input.draft !== undefined && { draft: input.draft }),
            ...(input.boards && {
              boards: input.boards.map((b) => ({
                board: b.boardId,
                ...(b.sectionId !== undefined && { sectionId: b.sectionId }),
              })),
            }),
            ...(input.intervalMs !== undefined && { intervalMs: input.intervalMs }),
            ...(schedule && { schedule }),
          },
          { signal, onProgress: (p) => s.scanProgress(p, sender.id) },
        )
        if (!out.confirmation) return { added: out.added }
        const { decision, ...asked } = out.confirmation
        return { confirm: { ...asked, question: decision.question } }
      })
    },
    'uploads:confirm-add': (input) => s.addPaths.confirm(input.scanId, input.draft).added,
    'uploads:cancel-scan': (_input, sender) => s.scans.cancel(sender.id),
    'uploads:list': (input) => s.controls.list(input),
    'uploads:pause-all': () => s.controls.pauseAll(),
    'uploads:resume-all': () => s.controls.resumeAll(),
    'uploads:pause-batch': ({ batchId, paused }) =>
      paused ? s.controls.pauseBatch(batchId) : s.controls.resumeBatch(batchId),
    'uploads:cancel': (input) => s.controls.cancel(input),
    'uploads:retry': (input) => s.controls.retry(input),
    'uploads:remove': (input) => {
      s.controls.remove(input.itemId)
      return null
    },
    'uploads:retry-ids': (input) => s.controls.retryIds(input.ids),
    'uploads:remove-ids': (input) => s.controls.removeIds(input.ids),
    'uploads:thumbnail': (input) => s.thumbnail(input.itemId),
    'items:edit': (input, sender) => {
      const { coverImage, ...patch } = input.patch
      return s.planItems.edit(input.ids, {
        ...patch,
        ...(coverImage !== undefined && {
          coverImagePath: coverImage === null ? null : s.grants.resolveOne(sender.id, coverImage),
        }),
      })
    },
    'items:publish': (input) => s.planItems.publish(input),
    'items:make-carousel': (input) => s.makeCarousel.make(input.ids),
    'schedule:apply': (input) => s.scheduling.apply(input, input.plan, input.publish === true),
    'schedule:unschedule': (input) => s.scheduling.unschedule(input.ids),
    'schedule:late': () => s.scheduling.late(),
    'schedule:catch-up': (input) => s.scheduling.catchUp(input.ids),
    'pacing:get': () => s.scheduling.rules(),
    'pacing:set': (input) => s.scheduling.setRules(input),

    'import:csv-preview': (input, sender) =>
      s.csvImport.preview(s.grants.resolveOne(sender.id, input.grant), {
        createMissingBoards: input.createMissingBoards === true,
        ...(input.boardMatches && { boardMatches: input.boardMatches }),
      }),
    'import:csv-confirm': (input) => s.csvImport.confirm(input.previewId, { asDrafts: input.draft === true }),
    'import:save-template': async () => {
      const file = await s.desktop.pickSaveFile({ defaultName: 'pinload-template.csv', format: 'csv' })
      if (file === null) return { saved: false }
      await writeCsvTemplate(file)
      return { saved: true, fileName: basename(file) }
    },

    'watch:list': () => s.watchedFolders.list(),
    'watch:add': ({ grant, ...rest }, sender) =>
      s.watchedFolders.add({ ...rest, folder: s.grants.resolveOne(sender.id, grant) }),
    'watch:remove': async (input) => {
      await s.watchedFolders.remove(input.id)
      return null
    },

    'settings:get': () => s.settings.get(),
    'settings:set': (input) => s.settings.set(input),
    'rate:write-budget': () => s.rateBudget.writes(),

    'dialog:pick-folder': async (_input, sender) => {
      const folder = await s.desktop.pickFolder()
      return folder === null ? null : s.grants.grant(sender.id, folder)
    },
    'dialog:pick-csv': async (_input, sender) => {
      const file = await s.desktop.pickCsv()
      return file === null ? null : s.grants.grant(sender.id, file)
    },
    'dialog:pick-image': async (_input, sender) => {
      const file = await s.desktop.pickImage()
      return file === null ? null : s.grants.grant(sender.id, file)
    },
    'dialog:pick-files': async (_input, sender) =>
      (await s.desktop.pickFiles()).map((f) => s.grants.grant(sender.id, f)),
    'results:export': async ({ format, ...sel }) => {
      const file = await s.desktop.pickSaveFile({ defaultName: `pinload-results.${format}`, format })
      if (file === null) return { saved: false, rows: 0 }
      const { rows } = await s.exportResults.write(sel, format, file)
      return { saved: true, rows, fileName: basename(file) }
    },
    'results:verify': (sel) => s.verifyPins.run(sel),
    'results:pin-facts': ({ itemId }) => s.verifyPins.facts(itemId),
    'results:unpublish': ({ confirmCount, ...sel }) => s.pinOps.unpublishConfirmed(sel, confirmCount),
    'results:update': ({ patch, ...sel }) => s.pinOps.updateAndSend(sel, patch),
    'paths:grant-dropped': (input, sender) => input.paths.map((p) => s.grants.grant(sender.id, p)),
    'shell:open-external': async (input) => {
      // Checked here, before any desktop port: the Electron port checks again as its last line of defence.
      if (!isSafeExternalUrl(input.url)) throw new AppError('permission', OPEN_LINK_REFUSAL)
      try {
        await s.desktop.openExternal(input.url)
      } catch {
        throw new AppError('permission', OPEN_LINK_REFUSAL)
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
    'app:reveal-data-folder': async () => {
      await s.desktop.revealFolder(s.settings.get().dataDir)
      return null
    },
  }
}
