import { refusalWithoutTerminal } from '../../shared/confirm-rules'
import { DEFAULT_TITLE_TEMPLATE } from '../../shared/batch-defaults'
import { type Command, InvalidArgumentError } from 'commander'
import type { BatchDefaults, ItemDraft, QueueTotals } from '../../shared/domain'
import { AppError } from '../../shared/ipc/result'
import { ItemRepository } from '../../main/db/item-repository'
import { DEMO_NOTICE, withoutPinLink } from '../../main/app/demo-session'
import type { UploadQueue } from '../../main/pipeline/upload-queue'
import type { QueueControls } from '../../main/services/queue-controls'
import { readAccountFile } from '../../main/auth/account-file'
import { formatWriteBudget } from '../../main/services/rate-budget'
import type { CliContext } from '../cli-context'
import { EXIT_ITEMS, EXIT_OK, EXIT_SETUP, type SetExitCode } from '../exit-codes'
import {
  formatReport,
  formatTotals,
  isSuccess,
  rejectedReport,
  reportOf,
  waitingAccountLines,
  withWaitingFromFile,
  type ItemReport,
} from '../report'
import { runQueue } from '../run-queue'
import { ACCOUNT_HELP } from './accounts-commands'
import { sendLeftOperations } from './pin-op-commands'
import { boardFlag, draftHint, intervalFlag } from './plan-commands'
import {
  applyPacingFlags,
  firstPinLine,
  scheduleFrom,
  untilDone,
  type PacingFlags,
  type ScheduleFlags,
} from './schedule-flags'
import { AD_ACCOUNT_HELP, AD_ONLY_HELP, pinFlagDefaults, UTM_HELP, type PinFlags } from './pin-flags'

const positiveInt = (v: string) => {
  const n = Number(v)
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive whole number')
  return n
}

/** The queue's controls without running the queue: status, cancel and pause need no sign-in. */
const controls = (ctx: CliContext): QueueControls => ctx.core().controls

function emit(
  ctx: CliContext,
  json: boolean,
  reports: ItemReport[],
  extra: Record<string, unknown> = {},
): number {
  const totals = controls(ctx).list().totals
  const ok = reports.every(isSuccess)
  if (json) ctx.printJson({ ok, results: reports, totals, ...extra })
  else {
    for (const r of reports) ctx.print(formatReport(r))
    ctx.print(formatTotals(totals))
    if (totals.paused)
      ctx.print(
        `The queue is paused${totals.pausedReason ? ` (${totals.pausedReason})` : ''}. Run \`pinload resume\` to continue.`,
      )
    printPausedBatches(ctx, totals)
    for (const line of waitingAccountLines(totals)) ctx.print(line)
  }
  return ok ? EXIT_OK : EXIT_ITEMS
}

/** One line per batch held by `pinload pause --batch`, with the way to send it. */
function printPausedBatches(ctx: CliContext, totals: QueueTotals): void {
  for (const b of totals.pausedBatches ?? [])
    ctx.print(`Batch ${b} is paused. Run \`pinload resume --batch ${b}\` to send it.`)
}

const viewsById = (ctx: CliContext) =>
  new Map(
    controls(ctx)
      .list()
      .items.map((v) => [v.id, v]),
  )

/** One report per file the upload named: its item (new, or the one queued or published before). */
function draftReports(ctx: CliContext, drafts: ItemDraft[]): ItemReport[] {
  const repo = new ItemRepository(ctx.db())
  const views = viewsById(ctx)
  return drafts.map((d) => {
    const row = repo.latestFor(
      { ...(d.path !== undefined && { path: d.path }), ...(d.url !== undefined && { url: d.url }) },
      d.meta.boardId ?? null,
    )
    const v = row && views.get(row.id)
    return v ? reportOf(v) : { ...(d.path !== undefined && { path: d.path }), state: 'queued' as const }
  })
}

interface UploadOptions extends ScheduleFlags, PinFlags {
  /** Every `--board` given, in order: one Pin per board for each file. */
  board?: string[]
  /** `--interval`: ms between one file's Pins on successive boards. */
  interval?: number
  draft?: boolean
  title?: string
  description?: string
  link?: string
  altText?: string
  concurrency?: number
  keepPhotoMetadata?: boolean
  json?: boolean
  force?: boolean
  yes?: boolean
  sandbox?: boolean
  account?: string
  demo?: boolean
}

/** What `upload --demo` adds to its output: the stand-in's Pins have no page on pinterest.com. */
const DEMO_RESULT = `${DEMO_NOTICE} Nothing was posted to Pinterest.`

interface RunOptions extends PacingFlags {
  concurrency?: number
  sandbox?: boolean
  account?: string
  json?: boolean
  /** `run --wait`: keep running until the scheduled items are published too. */
  wait?: boolean
}

/** Adds upload, run, status, retry, cancel, pause and resume. */
export function registerQueueCommands(program: Command, ctx: CliContext, setExit: SetExitCode): void {
  program
    .command('upload')
    .description(
      'Publish files and folders (scanned recursively) as Pins, running to the end; resumes unfinished work first.',
    )
    .argument('<paths...>', 'files or folders')
    .option(
      '--board <id or name>',
      'board to publish to (ID, exact name, or name in any case); required unless --demo; repeat it for one Pin per board',
      boardFlag,
    )
    .option(
      '--title <template>',
      'title; {name} file name (the default), {folder} parent folder, {index} position, {date} file date, {board} board name; "" for none',
    )
    .option('--description <text>', 'description (the same placeholders as --title)')
    .option('--link <url>', 'destination link (the same placeholders)')
    .option('--alt-text <text>', 'alt text (the same placeholders)')
    .option('--utm <campaign>', UTM_HELP)
    .option('--ad-only', AD_ONLY_HELP)
    .option('--ad-account <id>', AD_ACCOUNT_HELP)
    .option('--concurrency <n>', 'items at once for this run (default from settings: 3)', positiveInt)
    .option(
      '--interval <duration>',
      "with several --board: the next board's Pin this much later (90m, 2h, 3d)",
      intervalFlag,
    )
    .option('--draft', 'add as drafts: nothing is published until `pinload publish`')
    .option(
      '--keep-photo-metadata',
      "send JPEGs with their GPS location and camera details (default: removed, or the window's setting)",
    )
    .option('--force', 'post even if the same file is already on the board')
    .option('--yes', 'go ahead without asking (more than 500 files, or a first post to a public board)')
    .option('--sandbox', 'use the Pinterest sandbox')
    .option('--account <username>', ACCOUNT_HELP)
    .option('--json', 'print results as JSON')
    .option(
      '--demo',
      'publish to a built-in stand-in of Pinterest on this computer (no token, no network, a throwaway data folder; the first sample board unless --board)',
    )
    // Schedule flags (src/shared/schedule/plan-spec.ts): checked before anything is queued.
    .option(
      '--start <date-time>',
      'first Pin at or after this ISO 8601 time (read in --tz without an offset)',
    )
    .option('--every <duration>', 'one Pin every 15m, 2h, 1d… (whole days keep the time of day)')
    .option('--per-day <n>', 'this many Pins a day, spread evenly over --window')
    .option('--window <HH:MM-HH:MM>', 'daily window for --per-day (default: the whole day)')
    .option('--jitter <duration>', 'move each time later by up to this much, at random')
    .option('--tz <zone>', "time zone of --start and --window, an IANA name (default: the system's)")
    .option('--wait', 'keep running until the last scheduled Pin is published')
    .option('--no-pacing', 'skip the pacing rules (daily cap, spacing) for this command')
    .action(async (paths: string[], o: UploadOptions) => {
      const json = Boolean(o.json) || ctx.json
      const schedule = scheduleFrom(o, ctx)
      const pinDefaults = pinFlagDefaults(o)
      const demo = o.demo ? await ctx.enterDemo() : null
      const board = o.board?.[0] ?? (pinDefaults.adOnly ? undefined : demo?.defaultBoardId)
      if (o.interval !== undefined && (o.board?.length ?? 0) < 2)
        throw new AppError(
          'validation',
          '--interval spaces the Pins of several boards: pass --board two or more times.',
        )
      if (board === undefined && !pinDefaults.adOnly)
        throw new AppError(
          'validation',
          'Pass --board <id or name>: the board to publish to (or --demo to try the demo).',
        )
      // The demo's stand-in has one environment; its token is production's.
      await ctx.signIn({
        sandbox: o.sandbox === true && !demo,
        account: demo ? undefined : o.account,
        required: true,
      })
      const queue = ctx.claimQueue({ concurrency: o.concurrency, keepPhotoMetadata: o.keepPhotoMetadata })
      applyPacingFlags(ctx, { ...o, catchUp: false })
      const defaults: BatchDefaults = {
        // The window's default: an empty --title sends none.
        titleTemplate: o.title ?? DEFAULT_TITLE_TEMPLATE,
        ...(o.description !== undefined && { description: o.description }),
        ...(o.link !== undefined && { link: o.link }),
        ...(o.altText !== undefined && { altText: o.altText }),
        ...pinDefaults,
      }
      // The same use case as the window's drop (src/main/services/add-paths.ts), asking first as the window does
      // (more than 500 files, a first post to a public board): --yes answers; without a terminal it refuses.
      let outcome = await ctx.core().addPaths.add({
        paths,
        defaults,
        ...(board !== undefined && { board }),
        ...(o.force && { force: true }),
        ...(o.board && o.board.length > 1 && { boards: o.board.map((b) => ({ board: b })) }),
        ...(o.interval !== undefined && { intervalMs: o.interval }),
        ...(o.draft && { draft: true }),
        origin: 'cli',
        confirmed: o.yes === true || demo !== null,
        ...(schedule && { schedule }),
      })
      if (outcome.confirmation) {
        const { decision, scanId } = outcome.confirmation
        if (!ctx.ask) {
          ctx.warn(`pinload: ${refusalWithoutTerminal(decision)}`)
          return setExit(EXIT_SETUP)
        }
        if (!(await ctx.ask(decision.question))) {
          ctx.print('Nothing was queued.')
          return setExit(EXIT_ITEMS)
        }
        outcome = ctx.core().addPaths.confirm(scanId)
      }
      const { drafts, added } = outcome
      const batch = added.batchId
      await runQueue(ctx, queue, {
        exitOnSignal: true,
        ...(batch !== undefined && { until: untilDone(queue, (v) => v.batchId === batch, o.wait === true) }),
      })
      const reports = [...draftReports(ctx, drafts), ...added.problems.map(rejectedReport)]
      const first = schedule && firstPinLine(queue.list().items, schedule.timeZone, Date.now())
      if (first && !json) ctx.print(first)
      if (o.draft && !json && added.batchId !== undefined) ctx.print(draftHint(added.batchId))
      if (!demo) return setExit(emit(ctx, json, reports))
      setExit(emit(ctx, json, reports.map(withoutPinLink), { demo: true, notice: DEMO_RESULT }))
      if (!json) ctx.print(DEMO_RESULT)
    })

  program
    .command('run')
    .description('Resume whatever is unfinished in the queue and run it to the end.')
    .option('--concurrency <n>', 'items at once for this run', positiveInt)
    .option('--sandbox', 'use the Pinterest sandbox')
    .option('--account <username>', ACCOUNT_HELP)
    .option('--json', 'print results as JSON')
    .option('--wait', 'keep running until every scheduled Pin is published')
    .option('--no-pacing', 'skip the pacing rules (daily cap, spacing) for this command')
    .option('--catch-up', "publish the Pins that missed their time by too much (at the pacing rules' pace)")
    .action(async (o: RunOptions) => {
      const code = await runAndReport(ctx, o, () => undefined)
      // Updates and removals of Pins that an earlier run left unsent (stopped, killed) go too, under the lock
      // this run holds (src/main/pipeline/pin-op-runner.ts).
      const ops = await sendLeftOperations(ctx, Boolean(o.json) || ctx.json)
      setExit(Math.max(code, ops))
    })

  program
    .command('status')
    .description('List queued items and their states.')
    .option('--batch <id>', 'only this batch', positiveInt)
    .option('--json', 'print as JSON')
    .action(async (o: { batch?: number; json?: boolean }) => {
      const listed = controls(ctx).list()
      const { users } = await readAccountFile(ctx.dataDir)
      const { items } = listed
      const totals = withWaitingFromFile(listed.totals, items, (k) => users[k]?.status === 'connected')
      const shown = items.filter((v) => o.batch === undefined || v.batchId === o.batch)
      const writeBudget = ctx.core().rateBudget.writes()
      if (Boolean(o.json) || ctx.json) ctx.printJson({ items: shown.map(reportOf), totals, writeBudget })
      else {
        for (const v of shown) ctx.print(formatReport(reportOf(v)))
        ctx.print(formatTotals(totals))
        printPausedBatches(ctx, totals)
        for (const line of waitingAccountLines(totals)) ctx.print(line)
        ctx.print(formatWriteBudget(writeBudget))
      }
    })

  program
    .command('cancel')
    .description('Cancel an item or a batch (a Pin being created is never cancelled).')
    .option('--item <id>', 'item id (see `pinload status`)', positiveInt)
    .option('--batch <id>', 'batch id', positiveInt)
    .action((o: { item?: number; batch?: number }) => {
      if (o.item === undefined && o.batch === undefined)
        throw new AppError('validation', 'Pass --item <id> or --batch <id>.')
      const n = controls(ctx).cancel({
        ...(o.item !== undefined && { itemId: o.item }),
        ...(o.batch !== undefined && { batchId: o.batch }),
      })
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
    .action(async (o: RunOptions & { item?: number; batch?: number; all?: boolean; force?: boolean }) => {
      if (o.item === undefined && o.batch === undefined && !o.all)
        throw new AppError('validation', 'Pass --item <id>, --batch <id> or --all.')
      const code = await runAndReport(ctx, o, (c) => {
        c.retry({
          ...(o.item !== undefined && { itemId: o.item }),
          ...(o.batch !== undefined && { batchId: o.batch }),
          ...(o.all && { all: true }),
          ...(o.force && { force: true }),
        })
      })
      setExit(code)
    })

  program
    .command('pause')
    .description('Pause the queue, or one batch (kept across restarts of the app and the command).')
    .option('--reason <text>', 'shown with the paused state')
    .option('--batch <id>', 'pause only this batch: its items not started yet wait', positiveInt)
    .action((o: { reason?: string; batch?: number }) => {
      if (o.batch !== undefined) {
        if (o.reason !== undefined)
          throw new AppError('validation', '--reason goes with a pause of the whole queue, not with --batch.')
        const totals = controls(ctx).pauseBatch(o.batch)
        ctx.print(`Paused batch ${o.batch}: items already moving finish. ${formatTotals(totals)}`)
        return
      }
      const totals = controls(ctx).pauseAll(o.reason)
      ctx.print(`Paused. ${formatTotals(totals)}`)
    })

  program
    .command('resume')
    .description('Resume a paused queue (or one paused batch) and run it to the end.')
    .option('--batch <id>', 'resume only this batch', positiveInt)
    .option('--concurrency <n>', 'items at once for this run', positiveInt)
    .option('--sandbox', 'use the Pinterest sandbox')
    .option('--json', 'print results as JSON')
    .action(async (o: RunOptions & { batch?: number }) => {
      const { batch } = o
      const resume = (c: QueueControls) => (batch === undefined ? c.resumeAll() : c.resumeBatch(batch))
      const runner = ctx.queueRunner()
      if (runner) {
        // That process picks the resume up within a second and runs the queue; this one only clears the flag.
        const totals = resume(controls(ctx))
        ctx.print(`Resumed: ${runner} and carries on from here. ${formatTotals(totals)}`)
        return
      }
      setExit(await runAndReport(ctx, o, (c) => void resume(c)))
    })
}

/**
 * Signs in, takes the queue, applies `prepare` (a retry, a resume), runs the queue to idle and reports the
 * items that were unfinished once `prepare` was applied.
 */
async function runAndReport(
  ctx: CliContext,
  o: RunOptions,
  prepare: (c: QueueControls) => void,
): Promise<number> {
  await ctx.signIn({ sandbox: o.sandbox, account: o.account, required: true })
  const queue: UploadQueue = ctx.claimQueue({ concurrency: o.concurrency })
  applyPacingFlags(ctx, o)
  prepare(controls(ctx))
  const ids = controls(ctx)
    .unfinished()
    .map((v) => v.id)
  await runQueue(ctx, queue, {
    exitOnSignal: true,
    until: untilDone(queue, (v) => ids.includes(v.id), o.wait === true),
  })
  const views = viewsById(ctx)
  const reports = ids.flatMap((id) => {
    const v = views.get(id)
    return v ? [reportOf(v)] : []
  })
  return emit(ctx, Boolean(o.json) || ctx.json, reports)
}
