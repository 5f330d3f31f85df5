import { resolve } from 'node:path'
import { type Command, InvalidArgumentError } from 'commander'
import type { BatchDefaults, Environment, ItemView } from '../../shared/domain'
import { AppError } from '../../shared/ipc/result'
import { ItemRepository } from '../../main/db/item-repository'
import { createBoardResolver } from '../../main/sources/board-resolver'
import { resolveScanBoards, scanPaths } from '../../main/sources/folder-scan'
import { UploadQueue } from '../../main/pipeline/upload-queue'
import { RETRYABLE_STATES, TERMINAL_STATES } from '../../shared/item-states'
import type { CliApi, CliContext } from '../cli-context'
import { formatReport, formatTotals, isSuccess, rejectedReport, reportOf, type ItemReport } from '../report'
import { NOT_SIGNED_IN, runToIdle } from '../run-queue'

/** Exit codes: 0 all published or skipped; 1 some item did not make it; 2 usage or setup problem. */
export const EXIT_OK = 0
export const EXIT_ITEMS = 1
export const EXIT_SETUP = 2

export type SetExitCode = (code: number) => void

const positiveInt = (v: string) => {
  const n = Number(v)
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive whole number')
  return n
}

async function signedIn(ctx: CliContext, sandbox?: boolean): Promise<CliApi> {
  const cli = await ctx.api(sandbox ? { environment: 'sandbox' as Environment } : {})
  if (!cli) throw new AppError('auth', NOT_SIGNED_IN)
  return cli
}

/** A queue that runs nothing, for status, cancel and pause (no API needed); shut down before the DB closes. */
async function withIdleQueue<T>(ctx: CliContext, fn: (q: UploadQueue) => T): Promise<T> {
  const q = new UploadQueue({
    db: ctx.db(),
    apiFor: () => null,
    settings: () => ctx.settings(),
    logger: ctx.logger(),
  })
  try {
    return fn(q)
  } finally {
    await q.shutdown()
  }
}

function emit(
  ctx: CliContext,
  json: boolean,
  reports: ItemReport[],
  queue: UploadQueue,
  extra: Record<string, unknown> = {},
): number {
  const totals = queue.list().totals
  const ok = reports.every(isSuccess)
  if (json) ctx.printJson({ ok, results: reports, totals, ...extra })
  else {
    for (const r of reports) ctx.print(formatReport(r))
    ctx.print(formatTotals(totals))
    if (totals.paused)
      ctx.print(
        `The queue is paused${totals.pausedReason ? ` (${totals.pausedReason})` : ''}. Run \`pinload resume\` to continue.`,
      )
  }
  return ok ? EXIT_OK : EXIT_ITEMS
}

const viewsById = (queue: UploadQueue) => new Map(queue.list().items.map((v) => [v.id, v]))

interface UploadOptions {
  board: string
  title?: string
  description?: string
  link?: string
  altText?: string
  concurrency?: number
  json?: boolean
  force?: boolean
  sandbox?: boolean
}

/** Adds upload, run, status, retry, cancel, pause and resume. */
export function registerQueueCommands(program: Command, ctx: CliContext, setExit: SetExitCode): void {
  program
    .command('upload')
    .description(
      'Publish files and folders (scanned recursively) as Pins, running to the end; resumes unfinished work first.',
    )
    .argument('<paths...>', 'files or folders')
    .requiredOption('--board <id or name>', 'board to publish to (ID, exact name, or name in any case)')
    .option('--title <template>', 'title; {name} file name, {folder} parent folder, {index} position')
    .option('--description <text>', 'description')
    .option('--link <url>', 'destination link')
    .option('--alt-text <text>', 'alt text')
    .option('--concurrency <n>', 'items at once for this run (default from settings: 3)', positiveInt)
    .option('--force', 'post even if the same file is already on the board')
    .option('--sandbox', 'use the Pinterest sandbox')
    .option('--json', 'print results as JSON')
    .action(async (paths: string[], o: UploadOptions) => {
      const json = Boolean(o.json) || ctx.json
      const cli = await signedIn(ctx, o.sandbox)
      const resolver = createBoardResolver(cli.api, { createMissing: false })
      const board = await resolver.resolve(o.board)
      if ('error' in board) throw new AppError('not_found', board.error)
      const defaults: BatchDefaults = {
        boardId: board.id,
        ...(o.title !== undefined && { titleTemplate: o.title }),
        ...(o.description !== undefined && { description: o.description }),
        ...(o.link !== undefined && { link: o.link }),
        ...(o.altText !== undefined && { altText: o.altText }),
      }
      const scan = await resolveScanBoards(
        await scanPaths(
          paths.map((p) => resolve(p)),
          defaults,
        ),
        resolver,
      )
      const drafts = o.force ? scan.drafts.map((d) => ({ ...d, force: true })) : scan.drafts
      const queue = await runToIdle(ctx, cli, {
        ...(o.concurrency !== undefined && { concurrency: o.concurrency }),
        prepare: (q) => {
          if (drafts.length > 0) q.enqueue(drafts, { kind: 'cli', label: paths.join(', ').slice(0, 200) })
        },
      })
      const repo = new ItemRepository(ctx.db())
      const views = viewsById(queue)
      const reports: ItemReport[] = drafts.map((d) => {
        const row = repo.latestFor(
          { ...(d.path !== undefined && { path: d.path }), ...(d.url !== undefined && { url: d.url }) },
          d.meta.boardId ?? null,
        )
        const v = row && views.get(row.id)
        return v ? reportOf(v) : { ...(d.path !== undefined && { path: d.path }), state: 'queued' as const }
      })
      reports.push(...scan.problems.map(rejectedReport))
      setExit(emit(ctx, json, reports, queue))
    })

  program
    .command('run')
    .description('Resume whatever is unfinished in the queue and run it to the end.')
    .option('--concurrency <n>', 'items at once for this run', positiveInt)
    .option('--sandbox', 'use the Pinterest sandbox')
    .option('--json', 'print results as JSON')
    .action(async (o: { concurrency?: number; sandbox?: boolean; json?: boolean }) => {
      setExit(await runAndReport(ctx, Boolean(o.json) || ctx.json, o, () => []))
    })

  program
    .command('status')
    .description('List queued items and their states.')
    .option('--batch <id>', 'only this batch', positiveInt)
    .option('--json', 'print as JSON')
    .action(async (o: { batch?: number; json?: boolean }) => {
      const { items, totals } = await withIdleQueue(ctx, (q) => q.list())
      const shown = items.filter((v) => o.batch === undefined || v.batchId === o.batch)
      if (Boolean(o.json) || ctx.json) ctx.printJson({ items: shown.map(reportOf), totals })
      else {
        for (const v of shown) ctx.print(formatReport(reportOf(v)))
        ctx.print(formatTotals(totals))
      }
    })

  program
    .command('cancel')
    .description('Cancel an item or a batch (a Pin being created is never cancelled).')
    .option('--item <id>', 'item id (see `pinload status`)', positiveInt)
    .option('--batch <id>', 'batch id', positiveInt)
    .action(async (o: { item?: number; batch?: number }) => {
      if (o.item === undefined && o.batch === undefined)
        throw new AppError('validation', 'Pass --item <id> or --batch <id>.')
      const sel = {
        ...(o.item !== undefined && { itemId: o.item }),
        ...(o.batch !== undefined && { batchId: o.batch }),
      }
      const n = await withIdleQueue(ctx, (q) => q.cancel(sel))
      ctx.print(`Cancelled ${n} item(s).`)
    })

  program
    .command('retry')
    .description('Retry failed, cancelled, skipped or needs-attention items, then run the queue to the end.')
    .option('--item <id>', 'item id', positiveInt)
    .option('--batch <id>', 'batch id', positiveInt)
    .option('--all', 'every failed, cancelled and needs-attention item')
    .option('--force', 'post again even if a duplicate or a Pin may exist')
    .option('--sandbox', 'use the Pinterest sandbox')
    .option('--json', 'print results as JSON')
    .action(
      async (o: {
        item?: number
        batch?: number
        all?: boolean
        force?: boolean
        sandbox?: boolean
        json?: boolean
      }) => {
        if (o.item === undefined && o.batch === undefined && !o.all)
          throw new AppError('validation', 'Pass --item <id>, --batch <id> or --all.')
        const code = await runAndReport(ctx, Boolean(o.json) || ctx.json, o, (q) => {
          const sel = o.all
            ? q
                .list()
                .items.filter((v) => RETRYABLE_STATES.includes(v.state) && (v.state !== 'skipped' || o.force))
            : q
                .list()
                .items.filter(
                  (v) =>
                    (o.item === undefined || v.id === o.item) &&
                    (o.batch === undefined || v.batchId === o.batch),
                )
          for (const v of sel) q.retry({ itemId: v.id, ...(o.force && { force: true }) })
          return sel.map((v) => v.id)
        })
        setExit(code)
      },
    )

  program
    .command('pause')
    .description('Pause the queue (kept across restarts of the app and the command).')
    .option('--reason <text>', 'shown with the paused state')
    .action(async (o: { reason?: string }) => {
      const totals = await withIdleQueue(ctx, (q) => q.pauseAll(o.reason))
      ctx.print(`Paused. ${formatTotals(totals)}`)
    })

  program
    .command('resume')
    .description('Resume a paused queue and run it to the end.')
    .option('--concurrency <n>', 'items at once for this run', positiveInt)
    .option('--sandbox', 'use the Pinterest sandbox')
    .option('--json', 'print results as JSON')
    .action(async (o: { concurrency?: number; sandbox?: boolean; json?: boolean }) => {
      const runner = ctx.queueRunner()
      if (runner) {
        // That process picks the resume up within a second and runs the queue; this one only clears the flag.
        const totals = await withIdleQueue(ctx, (q) => q.resumeAll())
        ctx.print(`Resumed: ${runner} and carries on from here. ${formatTotals(totals)}`)
        return
      }
      const code = await runAndReport(ctx, Boolean(o.json) || ctx.json, o, (q) => {
        q.resumeAll()
        return []
      })
      setExit(code)
    })
}

/** Runs the queue to idle and reports the items that were unfinished at start plus those `prepare` names. */
async function runAndReport(
  ctx: CliContext,
  json: boolean,
  o: { concurrency?: number; sandbox?: boolean },
  prepare: (q: UploadQueue) => number[],
): Promise<number> {
  const cli = await signedIn(ctx, o.sandbox)
  let ids: number[] = []
  const queue = await runToIdle(ctx, cli, {
    ...(o.concurrency !== undefined && { concurrency: o.concurrency }),
    prepare: (q) => {
      const picked = prepare(q)
      const unfinished = q.list().items.filter((v: ItemView) => !TERMINAL_STATES.includes(v.state))
      ids = [...new Set([...picked, ...unfinished.map((v) => v.id)])]
    },
  })
  const views = viewsById(queue)
  const reports = ids.flatMap((id) => {
    const v = views.get(id)
    return v ? [reportOf(v)] : []
  })
  return emit(ctx, json, reports, queue)
}
