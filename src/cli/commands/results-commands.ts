import { resolve } from 'node:path'
import { InvalidArgumentError, Option, type Command } from 'commander'
import type { ExportFormat } from '../../main/services/export-results'
import type { CliContext } from '../cli-context'
import { EXIT_ITEMS, EXIT_OK, type SetExitCode } from '../exit-codes'
import { printable } from '../printable'
import { registerPinOpCommands } from './pin-op-commands'
import { ACCOUNT_HELP } from './accounts-commands'

const positiveInt = (v: string) => {
  const n = Number(v)
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive whole number')
  return n
}

/**
 * `verify` and `export` (issue 15): proof of what a batch became on Pinterest, through the same use cases
 * as the window (src/main/services/verify-pins.ts, export-results.ts).
 */
export function registerResultsCommands(program: Command, ctx: CliContext, setExit: SetExitCode): void {
  registerPinOpCommands(program, ctx, setExit)
  program
    .command('verify')
    .description(
      'Read every published Pin back from Pinterest (with its impressions, saves and clicks); exits 1 when any was removed on Pinterest.',
    )
    .option('--batch <id>', 'only this batch', positiveInt)
    .option('--sandbox', 'use the sandbox sign-in')
    .option('--account <username>', ACCOUNT_HELP)
    .option('--json', 'print as JSON')
    .action(async (o: { batch?: number; sandbox?: boolean; account?: string; json?: boolean }) => {
      await ctx.signIn({ sandbox: o.sandbox, account: o.account, required: true })
      const report = await ctx.core().verifyPins.run({ batchId: o.batch })
      const failed = report.missing.length > 0 || report.unchecked.length > 0
      setExit(failed ? EXIT_ITEMS : EXIT_OK)
      if (Boolean(o.json) || ctx.json) {
        ctx.printJson(report)
        return
      }
      if (report.checked === 0 && report.unchecked.length === 0) {
        ctx.print(
          o.batch === undefined ? 'Nothing published to verify.' : `Batch ${o.batch} has nothing published.`,
        )
        return
      }
      for (const m of report.missing)
        ctx.print(printable(`${m.name}: removed on Pinterest (Pin ${m.pinId}).`))
      for (const u of report.unchecked)
        ctx.print(printable(`${u.name}: could not be checked (Pin ${u.pinId}): ${u.message}`))
      ctx.print(
        `${report.found} of ${report.checked + report.unchecked.length} Pins are on Pinterest` +
          (report.missing.length > 0 ? `, ${report.missing.length} removed on Pinterest` : '') +
          (report.unchecked.length > 0 ? `, ${report.unchecked.length} not checked` : '') +
          '.',
      )
    })

  program
    .command('export')
    .description(
      'Write one row per item (file, title, board, state, Pin id and link, created time, error, counts) as CSV or JSON.',
    )
    .addOption(
      new Option('--format <format>', 'csv (UTF-8 with BOM, opens in Excel) or json')
        .choices(['csv', 'json'])
        .default('csv'),
    )
    .option('--batch <id>', 'only this batch', positiveInt)
    .option('--out <file>', 'write to this file instead of the standard output')
    .option('--sandbox', 'use the sandbox sign-in for board names')
    .option('--account <username>', ACCOUNT_HELP)
    .action(
      async (o: {
        format: ExportFormat
        batch?: number
        out?: string
        sandbox?: boolean
        account?: string
      }) => {
        // Board names need the account; without a sign-in the export still lists the board ids.
        await ctx.signIn({ sandbox: o.sandbox, account: o.account })
        const exporter = ctx.core().exportResults
        const sel = { batchId: o.batch }
        if (o.out === undefined) {
          const rows = await exporter.rows(sel)
          if (o.format === 'json') ctx.printJson(rows)
          else ctx.print(exporter.text(rows, 'csv').replace(/\r\n$/, ''))
          return
        }
        const file = resolve(o.out)
        const { rows } = await exporter.write(sel, o.format, file)
        ctx.warn(printable(`Exported ${rows} ${rows === 1 ? 'item' : 'items'} to ${file}.`))
      },
    )
}
