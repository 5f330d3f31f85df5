import { basename, resolve } from 'node:path'
import type { Command } from 'commander'
import type { AddResult, CsvPreview, WatchView } from '../../shared/domain'
import { CONFIRM_ABOVE_FILES, csvConfirmation, refusalWithoutTerminal } from '../../shared/confirm-rules'
import { AppError } from '../../shared/ipc/result'
import { fileInFolder, problemText } from '../../shared/watch-problem-text'
import type { CliContext } from '../cli-context'
import { EXIT_ITEMS, EXIT_OK, EXIT_SETUP, type SetExitCode } from '../exit-codes'
import { formatReport, formatTotals, isSuccess, reportOf } from '../report'
import { runQueue } from '../run-queue'
import { writeCsvTemplate } from '../../main/sources/csv-template'
import { ACCOUNT_HELP } from './accounts-commands'

export interface SourceCommandOptions {
  /** Receives the exit code of a finished command. */
  setExit?: SetExitCode
  /** Ends `pinload watch` (tests); Ctrl-C and SIGTERM always do. */
  stopSignal?: AbortSignal
}

function printPreview(ctx: CliContext, p: CsvPreview): void {
  for (const e of p.fileErrors) ctx.print(`error  ${basename(p.path)}: ${e}`)
  for (const w of p.fileWarnings) ctx.print(`warning ${basename(p.path)}: ${w}`)
  for (const r of p.rows) {
    if (r.draft) {
      const what = r.draft.path ?? r.draft.url ?? ''
      const board = r.draft.meta.adOnly
        ? 'ad-only (no board)'
        : (r.draft.meta.boardId ?? `'${r.boardName ?? '?'}' (will be created)`)
      ctx.print(
        `ok     line ${r.line}: ${what} → board ${board}${r.draft.meta.title ? ` "${r.draft.meta.title}"` : ''}`,
      )
    } else if (r.errors.length > 0) ctx.print(`error  line ${r.line}: ${r.errors.join('; ')}`)
    // A carousel's later rows: their image went into the carousel of its first row.
    else ctx.print(`ok     line ${r.line}: ${(r.warnings ?? []).join('; ')}`)
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

/** Adds `pinload import <file.csv>` and `pinload watch <folder>`. */
export function registerSourceCommands(
  program: Command,
  ctx: CliContext,
  opts: SourceCommandOptions = {},
): void {
  const setExit = opts.setExit ?? (() => undefined)

  program
    .command('csv-template')
    .description('Write a CSV to start an import from: the columns Pinload reads and two example rows.')
    .argument('<file.csv>', 'where to write it')
    .action(async (file: string) => {
      // The same template the window's "Download template" saves (src/main/sources/csv-template.ts).
      await writeCsvTemplate(resolve(file))
      ctx.print(`Wrote ${resolve(file)}: one row per Pin; run pinload import on it when filled in.`)
      setExit(EXIT_OK)
    })

  program
    .command('import')
    .description(
      'Import a CSV of Pins (Pinload columns or Pinterest bulk-create format): preview every row, then queue and publish the valid ones.',
    )
    .argument('<file.csv>', 'the CSV file')
    .option('--dry-run', 'only check the rows; queue nothing')
    .option('--create-boards', 'create boards (and sections) the CSV names that do not exist yet')
    .option('--draft', 'add the rows as drafts: nothing publishes until pinload publish')
    .option('--yes', `import more than ${CONFIRM_ABOVE_FILES} rows without asking`)
    .option('--sandbox', 'use the Pinterest sandbox')
    .option('--account <username>', ACCOUNT_HELP)
    .option('--json', 'print the preview and results as JSON')
    .action(
      async (
        file: string,
        o: {
          dryRun?: boolean
          createBoards?: boolean
          draft?: boolean
          yes?: boolean
          sandbox?: boolean
          account?: string
          json?: boolean
        },
      ) => {
        const json = Boolean(o.json) || ctx.json
        // A dry run needs no sign-in (rows naming boards then say so); queueing does, and the queue.
        await ctx.signIn({ sandbox: o.sandbox, account: o.account, required: !o.dryRun })
        const queue = o.dryRun ? null : ctx.claimQueue()
        // The same use case as the window's CSV import (src/main/services/csv-import.ts).
        const csv = ctx.core().csvImport
        const preview = await csv.preview(resolve(file), { createMissingBoards: Boolean(o.createBoards) })
        const clean = preview.fileErrors.length === 0 && preview.errorCount === 0
        if (!queue) {
          if (json) ctx.printJson({ ok: clean, preview })
          else printPreview(ctx, preview)
          return setExit(clean ? EXIT_OK : EXIT_ITEMS)
        }
        if (!json) printPreview(ctx, preview)
        // Hundreds of Pins at once ask first, as `pinload upload` does (src/shared/confirm-rules.ts): --yes answers.
        const asked = csvConfirmation(preview.validCount, o.draft === true)
        if (asked.needed && o.yes !== true) {
          const yes = ctx.ask ? await ctx.ask(asked.question) : null
          if (yes !== true) {
            if (yes === null) ctx.warn(`pinload: ${refusalWithoutTerminal(asked)}`)
            else ctx.print('Nothing was queued.')
            await queue.shutdown()
            return setExit(yes === null ? EXIT_SETUP : EXIT_ITEMS)
          }
        }
        const added: AddResult = await csv.confirm(preview.previewId, { asDrafts: o.draft === true })
        if (!json)
          ctx.print(
            `${added.drafts ? 'Added' : 'Queued'} ${added.queued} item(s)${added.duplicates ? `, ${added.duplicates} already queued or published` : ''}${added.drafts && added.batchId !== undefined ? ` as drafts in batch ${added.batchId}: nothing is published until \`pinload publish --batch ${added.batchId}\`` : ''}.`,
          )
        // Drafts wait for `pinload publish`: running the queue would only send other batches' items.
        if (added.queued > 0 && added.drafts !== true) await runQueue(ctx, queue)
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
    .command('carousel')
    .description(
      'Join 2 to 5 image items not yet sent (see `pinload status`) into one carousel Pin: they are cancelled and the carousel takes their place (a draft stays a draft).',
    )
    .argument('<items...>', "item ids, in the carousel's order")
    .option('--json', 'print the result as JSON')
    .action(async (items: string[], o: { json?: boolean }) => {
      const ids = items.map((s) => {
        if (!/^\d+$/.test(s))
          throw new AppError('validation', `'${s}' is not an item id (see pinload status).`)
        return Number(s)
      })
      // The same use case as the review screen's "make a carousel" (src/main/services/make-carousel.ts).
      const made = await ctx.core().makeCarousel.make(ids, { queueElsewhere: ctx.queueRunner() !== null })
      if (Boolean(o.json) || ctx.json) ctx.printJson({ ok: true, ...made })
      else ctx.print(`Carousel item #${made.itemId} made of items ${ids.join(', ')}.`)
      setExit(EXIT_OK)
    })

  program
    .command('watch')
    .description('Watch a folder and publish each new file once it has finished writing; runs until Ctrl-C.')
    .argument('<folder>', 'the folder to watch (files already in it are published too, unless already done)')
    .option('--board <id or name>', 'board for the files (required unless --subfolder-boards)')
    .option('--subfolder-boards', 'use each first-level subfolder name as the board name')
    .option('--move-done', 'move published files to done/ and failed ones to failed/ (with a .reason.txt)')
    .option('--poll', 'poll instead of file-system events (network drives)')
    .option('--sandbox', 'use the Pinterest sandbox')
    .option('--account <username>', ACCOUNT_HELP)
    .action(
      async (
        folder: string,
        o: {
          board?: string
          subfolderBoards?: boolean
          moveDone?: boolean
          poll?: boolean
          sandbox?: boolean
          account?: string
        },
      ) => {
        if (!o.board && !o.subfolderBoards)
          throw new AppError('validation', 'Pass --board <id or name>, or --subfolder-boards.')
        await ctx.signIn({ sandbox: o.sandbox, account: o.account, required: true })
        const core = ctx.core({ watchPolling: Boolean(o.poll) })
        const queue = ctx.claimQueue()
        const reported = new Set<number>()
        core.watches.onQueued((q) => {
          for (const p of q.paths) ctx.print(`queued  ${p}`)
        })
        core.watches.onChange(watchReporter(ctx))
        queue.onProgress((e) => {
          for (const v of e.items) {
            if ((v.state !== 'published' && v.state !== 'failed') || reported.has(v.id)) continue
            reported.add(v.id)
            ctx.print(formatReport(reportOf(v)))
          }
          void core.watchedFolders.itemsChanged(e.items)
        })
        await core.watches.start()
        // The same use case as the window's "watch a folder" (src/main/services/watched-folders.ts).
        const view = await core.watchedFolders.add({
          folder: resolve(folder),
          ...(o.board !== undefined && { board: o.board }),
          subfolderBoards: Boolean(o.subfolderBoards),
          moveDone: Boolean(o.moveDone),
        })
        ctx.print(
          `Watching ${view.folder}${view.boardId ? ` → board ${view.boardId}` : ' (subfolder = board)'}. Press Ctrl-C to stop.`,
        )
        const aborted = new Promise<void>((r) => {
          if (opts.stopSignal?.aborted) r()
          opts.stopSignal?.addEventListener('abort', () => r(), { once: true })
        })
        try {
          await runQueue(ctx, queue, { until: aborted })
        } finally {
          await core.watches.stop()
        }
        ctx.print(formatTotals(queue.list().totals))
        setExit(EXIT_OK)
      },
    )
}
