import { InvalidArgumentError, type Command } from 'commander'
import { AppError } from '../../shared/ipc/result'
import type { PinUpdate } from '../../main/pinterest/api-types'
import type { PinOpsReport } from '../../main/services/pin-operations'
import type { CliContext } from '../cli-context'
import { EXIT_ITEMS, EXIT_OK, type SetExitCode } from '../exit-codes'
import { printable } from '../printable'
import { ACCOUNT_HELP } from './accounts-commands'

const positiveInt = (v: string) => {
  const n = Number(v)
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive whole number')
  return n
}

/** Exit code after Ctrl-C or SIGTERM stopped a run (128 + SIGINT), as shells expect. */
const EXIT_INTERRUPTED = 130

/**
 * Sends the queued operations until done; Ctrl-C or SIGTERM stops between requests (what is left is sent by
 * the next run), exiting 130. The caller holds the queue's lock (`claimQueue`), as a run of the queue does.
 */
async function send(ctx: CliContext, opIds: number[], noun: string): Promise<PinOpsReport> {
  const ac = new AbortController()
  const onSignal = () => {
    ctx.warn(`Stopping: the ${noun} not sent yet wait for the next run…`)
    ac.abort(new Error('interrupted'))
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  try {
    return await ctx.core().pinOps.run(opIds, ac.signal)
  } catch (e) {
    if (ac.signal.aborted) process.exit(EXIT_INTERRUPTED)
    throw e
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}

function printReport(ctx: CliContext, r: PinOpsReport, did: string, json: boolean): number {
  if (json) ctx.printJson(r)
  else {
    for (const f of r.failed) ctx.print(printable(`${f.name}: ${f.message}`))
    ctx.print(
      `${did} ${r.done} ${r.done === 1 ? 'Pin' : 'Pins'}` +
        (r.failed.length > 0 ? `; ${r.failed.length} failed` : '') +
        (r.waiting > 0
          ? `; ${r.waiting} wait for the next run (${r.waitingWhy ?? 'sign in to their account'})`
          : '') +
        '.',
    )
  }
  return r.failed.length > 0 || r.waiting > 0 ? EXIT_ITEMS : EXIT_OK
}

/**
 * `pinload run`'s part: sends the Pin updates and removals an earlier run left (the caller holds the queue lock),
 * says what became of them unless `json` (the run's own report is the JSON), and returns the exit code.
 */
export async function sendLeftOperations(ctx: CliContext, json: boolean): Promise<number> {
  const left = ctx.core().pinOps.openIds()
  if (left.length === 0) return EXIT_OK
  const report = await send(ctx, left, 'updates and removals')
  if (json) return report.failed.length > 0 || report.waiting > 0 ? EXIT_ITEMS : EXIT_OK
  return printReport(ctx, report, 'Sent what an earlier run left unsent for', false)
}

/** `unpublish` and `update` (issue 15): undo or fix a published batch through the same use case as the window. */
export function registerPinOpCommands(program: Command, ctx: CliContext, setExit: SetExitCode): void {
  program
    .command('unpublish')
    .description('Remove the Pins of a published batch from Pinterest (asks you to type the count first).')
    .requiredOption('--batch <id>', 'the batch', positiveInt)
    .option('--yes', 'remove without asking')
    .option('--sandbox', 'use the sandbox sign-in')
    .option('--account <username>', ACCOUNT_HELP)
    .option('--json', 'print as JSON')
    .action(
      async (o: { batch: number; yes?: boolean; sandbox?: boolean; account?: string; json?: boolean }) => {
        await ctx.signIn({ sandbox: o.sandbox, account: o.account, required: true })
        const pinOps = ctx.core().pinOps
        const sel = { batchId: o.batch }
        const count = pinOps.onPinterest(sel).length
        // Removals an earlier run queued but did not finish (stopped, killed) are sent now, without asking again.
        const left = pinOps.open(sel, 'delete')
        if (count === 0 && left.length === 0) {
          ctx.print(`Batch ${o.batch} has nothing published on Pinterest: nothing to remove.`)
          return
        }
        if (count > 0 && !o.yes) {
          if (!ctx.readLine)
            throw new AppError(
              'validation',
              `This removes ${count} Pins of batch ${o.batch} from Pinterest and cannot be undone: add --yes to go ahead.`,
            )
          const typed = await ctx.readLine(
            `This removes ${count} Pins of batch ${o.batch} from Pinterest and cannot be undone. Type ${count} to go ahead:`,
          )
          if (typed !== String(count)) {
            ctx.print('Nothing removed.')
            return
          }
        }
        // Taken before anything is queued: with the app running this folder's queue, nothing is.
        ctx.claimQueue()
        const ids = [...left, ...pinOps.unpublish(sel)]
        setExit(printReport(ctx, await send(ctx, ids, 'removals'), 'Removed', Boolean(o.json) || ctx.json))
      },
    )

  program
    .command('update')
    .description('Change the title, description, link or board of the published Pins of a batch.')
    .requiredOption('--batch <id>', 'the batch', positiveInt)
    .option('--title <text>', 'new title ("" clears it)')
    .option('--description <text>', 'new description ("" clears it)')
    .option('--link <url>', 'new link ("" clears it)')
    .option('--board <id>', 'move to this board (its id)')
    .option('--sandbox', 'use the sandbox sign-in')
    .option('--account <username>', ACCOUNT_HELP)
    .option('--json', 'print as JSON')
    .action(
      async (o: {
        batch: number
        title?: string
        description?: string
        link?: string
        board?: string
        sandbox?: boolean
        account?: string
        json?: boolean
      }) => {
        if (o.board !== undefined && !/^\d+$/.test(o.board))
          throw new AppError('validation', '--board takes the board id (digits).')
        await ctx.signIn({ sandbox: o.sandbox, account: o.account, required: true })
        const patch: PinUpdate = {
          ...(o.title !== undefined && { title: o.title === '' ? null : o.title }),
          ...(o.description !== undefined && { description: o.description === '' ? null : o.description }),
          ...(o.link !== undefined && { link: o.link === '' ? null : o.link }),
          ...(o.board !== undefined && { boardId: o.board }),
        }
        const pinOps = ctx.core().pinOps
        ctx.claimQueue()
        const ids = pinOps.update({ batchId: o.batch }, patch)
        if (ids.length === 0) {
          ctx.print(`Batch ${o.batch} has nothing published on Pinterest: nothing to change.`)
          return
        }
        setExit(printReport(ctx, await send(ctx, ids, 'changes'), 'Updated', Boolean(o.json) || ctx.json))
      },
    )
}
