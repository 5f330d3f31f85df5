import { basename, resolve } from 'node:path'
import type { Command } from 'commander'
import type { AddResult, CsvPreview, ItemView, WatchView } from '../../shared/domain'
import { AppError } from '../../shared/ipc/result'
import { fileInFolder, problemText } from '../../shared/watch-problem-text'
import { createBoardResolver } from '../../main/sources/board-resolver'
import { WatchService } from '../../main/sources/watch-service'
import { ImportService } from '../../main/sources/import-service'
import type { WatchRecord, WatchStore } from '../../main/db/watch-repository'
import type { QueueSink } from '../../main/pipeline/queue-sink'
import type { UploadQueue } from '../../main/pipeline/upload-queue'
import type { CliApi, CliContext } from '../cli-context'
import { formatReport, formatTotals, isSuccess, reportOf } from '../report'
import { NOT_SIGNED_IN } from '../run-queue'

/** Exit codes, as the queue commands use them: 0 all fine; 1 some row or item did not make it. */
const EXIT_OK = 0
const EXIT_ITEMS = 1

export interface SourceCommandOptions {
  /** Receives the exit code of a finished command. */
  setExit?: (code: number) => void
  /** Ends `pinload watch` (tests); Ctrl-C and SIGTERM always do. */
  stopSignal?: AbortSignal
}

/** `pinload watch` watches one folder for this run only: the app's saved watches stay as they are. */
class RunWatchStore implements WatchStore {
  private records: WatchRecord[] = []
  list(): WatchRecord[] {
    return [...this.records]
  }
  add(input: Omit<WatchRecord, 'id'>): WatchRecord {
    const r = { ...input, id: this.records.length + 1 }
    this.records.push(r)
    return r
  }
  remove(id: number): void {
    this.records = this.records.filter((r) => r.id !== id)
  }
}

/** A dry run never queues: the sink is there only to satisfy the service. */
const NO_SINK: QueueSink = {
  enqueue: () => {
    throw new Error('dry run: nothing is queued')
  },
  isKnownFile: () => false,
}

function printPreview(ctx: CliContext, p: CsvPreview): void {
  for (const e of p.fileErrors) ctx.print(`error  ${basename(p.path)}: ${e}`)
  for (const w of p.fileWarnings) ctx.print(`warning ${basename(p.path)}: ${w}`)
  for (const r of p.rows) {
    if (r.draft) {
      const what = r.draft.path ?? r.draft.url ?? ''
      const board = r.draft.meta.boardId ?? `'${r.boardName ?? '?'}' (will be created)`
      ctx.print(
        `ok     line ${r.line}: ${what} → board ${board}${r.draft.meta.title ? ` "${r.draft.meta.title}"` : ''}`,
      )
    } else ctx.print(`error  line ${r.line}: ${r.errors.join('; ')}`)
  }
  ctx.print(
    `${p.validCount} row(s) ready, ${p.errorCount} with errors (${p.format === 'pinterest_bulk' ? "Pinterest's bulk format" : 'Pinload format'}).`,
  )
}

/**
 * What `pinload watch` says as the watch changes: each file's problem once, when it first appears or its
 * message changes, as `skipped <file>: <message>`; and the folder's own trouble (moved, deleted) once.
 * Not the summary: it changes with every new problem and would repeat the older ones each time.
 */
function watchReporter(ctx: CliContext): (views: WatchView[]) => void {
  const said = new Map<string, string>()
  let folderSaid: string | undefined
  return (views) => {
    const v = views[0]
    if (!v) return
    const folderError = v.status === 'error' ? v.lastError : undefined
    if (folderError !== undefined && folderError !== folderSaid) ctx.warn(folderError)
    folderSaid = folderError
    const current = new Set(v.problems.map((p) => p.path))
    // A problem that went (file fixed or removed) is said again if it comes back.
    for (const path of said.keys()) if (!current.has(path)) said.delete(path)
    for (const p of [...v.problems].reverse()) {
      if (said.get(p.path) === p.message) continue
      said.set(p.path, p.message)
      ctx.warn(`skipped ${fileInFolder(v.folder, p.path)}: ${problemText(p)}`)
    }
  }
}

/** Starts the queue and waits until it is idle or `until` resolves; Ctrl-C parks items safely first. */
async function runQueue(ctx: CliContext, queue: UploadQueue, until?: Promise<void>): Promise<void> {
  let stop!: () => void
  const stopped = new Promise<void>((r) => (stop = r))
  const onSignal = () => {
    ctx.warn('Stopping: parking items so the next run resumes them…')
    stop()
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  try {
    queue.start()
    await Promise.race([until ? Promise.race([until, stopped]) : queue.whenIdle(), stopped])
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
    await queue.shutdown()
  }
}

async function signedIn(ctx: CliContext, sandbox: boolean | undefined): Promise<CliApi | null> {
  return ctx.api(sandbox ? { environment: 'sandbox' } : {})
}

/** Adds `pinload import <file.csv>` and `pinload watch <folder>`. */
export function registerSourceCommands(
  program: Command,
  ctx: CliContext,
  opts: SourceCommandOptions = {},
): void {
  const setExit = opts.setExit ?? (() => undefined)

  program
    .command('import')
    .description(
      'Import a CSV of Pins (Pinload columns or Pinterest bulk-create format): preview every row, then queue and publish the valid ones.',
    )
    .argument('<file.csv>', 'the CSV file')
    .option('--dry-run', 'only check the rows; queue nothing')
    .option('--create-boards', 'create boards (and sections) the CSV names that do not exist yet')
    .option('--sandbox', 'use the Pinterest sandbox')
    .option('--json', 'print the preview and results as JSON')
    .action(
      async (
        file: string,
        o: { dryRun?: boolean; createBoards?: boolean; sandbox?: boolean; json?: boolean },
      ) => {
        const json = Boolean(o.json) || ctx.json
        const cli = await signedIn(ctx, o.sandbox)
        if (!cli && !o.dryRun) throw new AppError('auth', NOT_SIGNED_IN)
        const queue = cli && !o.dryRun ? ctx.openQueue({ api: cli.api, accountKey: cli.accountKey }) : null
        const service = new ImportService({
          sink: queue ?? NO_SINK,
          resolverFor: (createMissing) => (cli ? createBoardResolver(cli.api, { createMissing }) : null),
        })
        const preview = await service.preview(resolve(file), { createMissingBoards: Boolean(o.createBoards) })
        const clean = preview.fileErrors.length === 0 && preview.errorCount === 0
        if (!queue) {
          if (json) ctx.printJson({ ok: clean, preview })
          else printPreview(ctx, preview)
          return setExit(clean ? EXIT_OK : EXIT_ITEMS)
        }
        if (!json) printPreview(ctx, preview)
        const added: AddResult = await service.confirm(preview.previewId)
        if (!json)
          ctx.print(
            `Queued ${added.queued} item(s)${added.duplicates ? `, ${added.duplicates} already queued or published` : ''}.`,
          )
        if (added.queued > 0) await runQueue(ctx, queue)
        else await queue.shutdown()
        const { items, totals } = queue.list()
        const reports = items
          .filter((v) => added.batchId !== undefined && v.batchId === added.batchId)
          .map(reportOf)
        const ok = clean && added.problems.length === 0 && reports.every(isSuccess)
        if (json) ctx.printJson({ ok, preview, added, results: reports, totals })
        else {
          for (const r of reports) ctx.print(formatReport(r))
          ctx.print(formatTotals(totals))
        }
        setExit(ok ? EXIT_OK : EXIT_ITEMS)
      },
    )

  program
    .command('watch')
    .description('Watch a folder and publish each new file once it has finished writing; runs until Ctrl-C.')
    .argument('<folder>', 'the folder to watch (files already in it are published too, unless already done)')
    .option('--board <id or name>', 'board for the files (required unless --subfolder-boards)')
    .option('--subfolder-boards', 'use each first-level subfolder name as the board name')
    .option('--move-done', 'move published files to done/ and failed ones to failed/ (with a .reason.txt)')
    .option('--poll', 'poll instead of file-system events (network drives)')
    .option('--sandbox', 'use the Pinterest sandbox')
    .action(
      async (
        folder: string,
        o: {
          board?: string
          subfolderBoards?: boolean
          moveDone?: boolean
          poll?: boolean
          sandbox?: boolean
        },
      ) => {
        if (!o.board && !o.subfolderBoards)
          throw new AppError('validation', 'Pass --board <id or name>, or --subfolder-boards.')
        const cli = await signedIn(ctx, o.sandbox)
        if (!cli) throw new AppError('auth', NOT_SIGNED_IN)
        const resolver = createBoardResolver(cli.api, { createMissing: false })
        let boardId: string | undefined
        if (o.board) {
          const found = await resolver.resolve(o.board)
          if ('error' in found) throw new AppError('not_found', found.error)
          boardId = found.id
        }
        const queue = ctx.openQueue({ api: cli.api, accountKey: cli.accountKey })
        const watcher = new WatchService({
          store: new RunWatchStore(),
          sink: queue,
          resolver,
          stableMs: ctx.settings().stableMs,
          usePolling: Boolean(o.poll),
        })
        const reported = new Set<number>()
        watcher.onQueued((q) => {
          for (const p of q.paths) ctx.print(`queued  ${p}`)
        })
        watcher.onChange(watchReporter(ctx))
        queue.onProgress((e) => {
          for (const v of e.items) void finished(v)
        })
        const finished = async (v: ItemView) => {
          if ((v.state !== 'published' && v.state !== 'failed') || reported.has(v.id)) return
          reported.add(v.id)
          ctx.print(formatReport(reportOf(v)))
          if (o.moveDone && v.path) await watcher.onItemFinished(v.path, v.state, v.error?.message)
        }
        await watcher.start()
        const view = await watcher.add({
          folder: resolve(folder),
          ...(boardId && { boardId }),
          subfolderBoards: Boolean(o.subfolderBoards),
          moveDone: Boolean(o.moveDone),
        })
        ctx.print(
          `Watching ${view.folder}${boardId ? ` → board ${boardId}` : ' (subfolder = board)'}. Press Ctrl-C to stop.`,
        )
        const aborted = new Promise<void>((r) => {
          if (opts.stopSignal?.aborted) r()
          opts.stopSignal?.addEventListener('abort', () => r(), { once: true })
        })
        try {
          await runQueue(ctx, queue, aborted)
        } finally {
          await watcher.stop()
        }
        ctx.print(formatTotals(queue.list().totals))
        setExit(EXIT_OK)
      },
    )
}
