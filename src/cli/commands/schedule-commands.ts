import { type Command, InvalidArgumentError } from 'commander'
import { parseDuration } from '../../shared/schedule/plan-spec'
import type { PaceRules } from '../../shared/schedule/pacing'
import type { CliContext } from '../cli-context'
import { ACCOUNT_HELP } from './accounts-commands'

/** "2h", "1d", or "off"/"0" → ms (0 = off). */
const spacing = (v: string): number => {
  if (/^(off|0)$/i.test(v.trim())) return 0
  const ms = parseDuration(v)
  if (ms === null) throw new InvalidArgumentError('expected a duration like 30m, 2h or 1d, or off')
  return ms
}
const cap = (v: string): number => {
  const n = Number(v)
  if (!Number.isInteger(n) || n < 0 || n > 10_000)
    throw new InvalidArgumentError('expected a whole number from 0 (no cap) to 10000')
  return n
}

const words = (ms: number) =>
  ms === 0
    ? 'off'
    : ms % 86_400_000 === 0
      ? `${ms / 86_400_000}d`
      : ms % 3_600_000 === 0
        ? `${ms / 3_600_000}h`
        : `${Math.round(ms / 60_000)}m`

interface PacingOptions {
  dailyCap?: number
  linkSpacing?: number
  sameFileSpacing?: number
  lateAfter?: number
  json?: boolean
}

/** Adds `pinload pacing`: shows or changes the signed-in account's pacing rules (the window's Pacing panel). */
export function registerScheduleCommands(program: Command, ctx: CliContext): void {
  program
    .command('pacing')
    .description("Show or change this account's pacing rules (kept with the account, shared with the app).")
    .option(
      '--daily-cap <n>',
      'at most this many Pins a day, from local midnight (0: no cap, the default)',
      cap,
    )
    .option(
      '--link-spacing <duration>',
      'least time between Pins with the same link (off by default)',
      spacing,
    )
    .option(
      '--same-file-spacing <duration>',
      'least time between one file on different boards (default 1d)',
      spacing,
    )
    .option(
      '--late-after <duration>',
      'Pins later than this past their time wait for `run --catch-up` (default 24h)',
      spacing,
    )
    .option('--sandbox', 'the sandbox account')
    .option('--account <username>', ACCOUNT_HELP)
    .option('--json', 'print the rules as JSON')
    .action(async (o: PacingOptions & { sandbox?: boolean; account?: string }) => {
      await ctx.signIn({ sandbox: o.sandbox, account: o.account, required: true })
      const patch: Partial<PaceRules> = {
        ...(o.dailyCap !== undefined && { dailyCap: o.dailyCap }),
        ...(o.linkSpacing !== undefined && { linkSpacingMs: o.linkSpacing }),
        ...(o.sameFileSpacing !== undefined && { sameFileSpacingMs: o.sameFileSpacing }),
        ...(o.lateAfter !== undefined && { lateAfterMs: o.lateAfter }),
      }
      // The same use case as the window's Pacing panel (src/main/services/scheduling.ts).
      const s = ctx.core().scheduling
      const rules = Object.keys(patch).length > 0 ? s.setRules(patch) : s.rules()
      if (Boolean(o.json) || ctx.json) return ctx.printJson(rules)
      ctx.print(`daily cap          ${rules.dailyCap === 0 ? 'none' : rules.dailyCap}`)
      ctx.print(`link spacing       ${words(rules.linkSpacingMs)}`)
      ctx.print(`same file, boards  ${words(rules.sameFileSpacingMs)}`)
      ctx.print(`ask when late by   ${words(rules.lateAfterMs)}`)
    })
}
