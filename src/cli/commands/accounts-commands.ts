import type { Command } from 'commander'
import { readAccountFile } from '../../main/auth/account-file'
import { knownAccounts, resolveAccount } from '../../main/auth/known-accounts'
import type { CliContext } from '../cli-context'
import {
  browserSignIn,
  parsePort,
  signInService,
  type AuthCommandDeps,
  type BrowserSignInOptions,
} from './auth-commands'

/** Help of `--account`, the option of the commands that send (issue 15). */
export const ACCOUNT_HELP = 'send as this Pinterest account (a username from `pinload accounts list`)'

/** The part of the CLI context the accounts commands use (tests pass just this). */
export type AccountsCliContext = Pick<CliContext, 'dataDir' | 'env' | 'print' | 'warn' | 'json'>

/**
 * Adds `pinload accounts list`, `use <name>`, `add --token` and `remove <name>` (issue 15): the Pinterest accounts Pinload
 * knows, the current one marked. `secrets` is a seam for tests; production uses the keychain.
 */
export function registerAccountsCommands(
  program: Command,
  ctx: AccountsCliContext,
  deps: AuthCommandDeps = {},
): void {
  const service = () => signInService(ctx, deps)
  const accounts = program.command('accounts').description('The Pinterest accounts Pinload knows.')
  const list = async (json: boolean): Promise<void> => {
    const known = knownAccounts(await readAccountFile(ctx.dataDir))
    if (json || ctx.json) {
      ctx.print(JSON.stringify(known))
      return
    }
    if (known.length === 0) {
      ctx.print('No Pinterest account yet. Run `pinload login --app-id <id>`.')
      return
    }
    for (const a of known)
      ctx.print(`${a.current ? '*' : ' '} @${a.username}  ${a.environment}  ${a.status.replaceAll('_', ' ')}`)
  }
  /** An action on the account the user named, then the list as it is now. */
  const onAccount =
    (run: (key: string) => Promise<unknown>) =>
    async (name: string, opts: { json?: boolean }): Promise<void> => {
      await run(resolveAccount(await readAccountFile(ctx.dataDir), name).key)
      await list(Boolean(opts.json))
    }
  accounts
    .command('list')
    .description('List the Pinterest accounts (the current one marked with *).')
    .option('--json', 'print the accounts as JSON')
    .action(async (opts: { json?: boolean }) => list(Boolean(opts.json)))

  accounts
    .command('remove')
    .description("Remove an account: its tokens leave the keychain (its app's secret stays).")
    .argument('<name>', 'username from `pinload accounts list`')
    .option('--json', 'print the accounts as JSON')
    .action(onAccount((key) => service().signOut({ account: key })))

  accounts
    .command('use')
    .description('Make an account the one new batches go to (and the one `--account` defaults to).')
    .argument('<name>', 'username or key from `pinload accounts list`')
    .option('--json', 'print the accounts as JSON')
    .action(onAccount((key) => service().use(key)))

  accounts
    .command('add')
    .description(
      'Add an account: sign in to it in the browser with your Pinterest app (as `pinload login`), or paste its access token. Kept in the system keychain beside the others.',
    )
    .option(
      '--token <token>',
      'an access token of the account (e.g. from your app page), instead of the browser',
    )
    .option('--app-id <id>', 'App ID of your Pinterest app (default: the one saved by `pinload login`)')
    .option('--port <port>', 'loopback port registered on the app', parsePort)
    .option('--sandbox', 'a Pinterest sandbox account')
    .option('--secret-boards', 'also ask for access to secret boards')
    .option('--json', 'print the accounts as JSON')
    .action(async (opts: BrowserSignInOptions & { token?: string }) => {
      const environment = opts.sandbox ? 'sandbox' : 'production'
      if (opts.token !== undefined) await service().useToken({ token: opts.token, environment })
      else {
        const { token: _none, json, ...signIn } = opts
        await browserSignIn(ctx, deps, { ...signIn, json: Boolean(json) || ctx.json })
      }
      await list(Boolean(opts.json))
    })
}
