import type { Command } from 'commander'
import { readAccountFile } from '../../main/auth/account-file'
import { knownAccounts } from '../../main/auth/known-accounts'
import type { CliContext } from '../cli-context'

/** Help of `--account`, the option of the commands that send (issue 15). */
export const ACCOUNT_HELP = 'send as this Pinterest account (a username from `pinload accounts list`)'

/** Adds `pinload accounts list` (issue 15): the Pinterest accounts Pinload knows, the current one marked. */
export function registerAccountsCommands(
  program: Command,
  ctx: Pick<CliContext, 'dataDir' | 'print' | 'json'>,
): void {
  const accounts = program.command('accounts').description('The Pinterest accounts Pinload knows.')
  accounts
    .command('list')
    .description('List the Pinterest accounts (the current one marked with *).')
    .option('--json', 'print the accounts as JSON')
    .action(async (opts: { json?: boolean }) => {
      const list = knownAccounts(await readAccountFile(ctx.dataDir))
      if (Boolean(opts.json) || ctx.json) {
        ctx.print(JSON.stringify(list))
        return
      }
      if (list.length === 0) {
        ctx.print('No Pinterest account yet. Run `pinload login --app-id <id>`.')
        return
      }
      for (const a of list)
        ctx.print(
          `${a.current ? '*' : ' '} @${a.username}  ${a.environment}  ${a.status.replaceAll('_', ' ')}`,
        )
    })
}
