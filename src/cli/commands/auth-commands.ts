import { openSystemBrowser } from '../../main/auth/browser-env'
import { createInterface } from 'node:readline'
import type { Command } from 'commander'
import type { AccountView, Environment } from '../../shared/domain'
import { AppError } from '../../shared/ipc/result'
import { DEFAULT_OAUTH_PORT } from '../../shared/limits'
import type { AccountService } from '../../main/auth/account-service'
import type { OpenExternal } from '../../main/auth/oauth-loopback'
import type { SecretStore } from '../../main/secrets/secret-store'
import { readAccountFile } from '../../main/auth/account-file'
import { createSignIn } from '../../main/services/sign-in'
import type { CliContext } from '../cli-context'

/** The part of the CLI context the auth commands use (tests pass just this). */
export type AuthCliContext = Pick<CliContext, 'dataDir' | 'env' | 'print' | 'warn' | 'json'>

/** Seams for tests; production uses the keychain, stdin and the system browser. */
export interface AuthCommandDeps {
  secrets?: SecretStore
  /** Reads the app secret (hidden on a terminal). */
  readSecret?(prompt: string): Promise<string>
  /** Time to approve in the browser, ms. */
  signInTimeoutMs?: number
}

/** Adds `pinload login`, `pinload logout` and `pinload whoami`. Failures are thrown as AppError for the CLI to print. */
export function registerAuthCommands(
  program: Command,
  ctx: AuthCliContext,
  deps: AuthCommandDeps = {},
): void {
  const service = (): AccountService => signInService(ctx, deps)

  program
    .command('login')
    .description('Sign in to Pinterest in the browser with your own Pinterest app (App ID and secret).')
    .option('--app-id <id>', 'App ID of your Pinterest app (saved for next time)')
    .option(
      '--port <port>',
      `loopback port registered on the app as http://localhost:PORT/ (default ${DEFAULT_OAUTH_PORT})`,
      parsePort,
    )
    .option('--sandbox', 'use the Pinterest sandbox instead of production')
    .option('--secret-boards', 'also ask for access to secret boards')
    .option('--json', 'print the account as JSON')
    .action(async (opts: BrowserSignInOptions & { json?: boolean }) => {
      const json = Boolean(opts.json) || ctx.json
      show(ctx, await browserSignIn(ctx, deps, { ...opts, json }), json)
    })

  program
    .command('logout')
    .description('Delete the saved Pinterest tokens from the keychain.')
    .option('--forget-app-secret', 'also delete the app secret')
    .option('--json', 'print the account as JSON')
    .action(async (opts: { forgetAppSecret?: boolean; json?: boolean }) => {
      const view = await service().signOut({ forgetAppSecret: Boolean(opts.forgetAppSecret) })
      show(ctx, view, Boolean(opts.json) || ctx.json)
    })

  program
    .command('whoami')
    .description('Show the Pinterest account Pinload uses (checked with Pinterest).')
    .option('--json', 'print the account as JSON')
    .action(async (opts: { json?: boolean }) => {
      const accounts = service()
      let view = await accounts.get()
      if (view.status === 'connected') view = await accounts.whoami()
      show(ctx, view, Boolean(opts.json) || ctx.json)
      // A non-zero exit lets scripts test `pinload whoami` before an upload.
      if (view.status !== 'connected')
        throw new AppError('auth', `Not signed in to Pinterest (${view.status}).`)
    })
}

function show(ctx: AuthCliContext, view: AccountView, json: boolean): void {
  if (json) {
    ctx.print(JSON.stringify(view))
    return
  }
  if (view.status === 'connected') {
    const who = view.username ? `@${view.username}` : 'an unknown account'
    ctx.print(
      `Connected as ${who} (${view.environment}${view.accountType ? `, ${view.accountType}` : ''}, token: ${view.tokenSource ?? 'oauth'}).`,
    )
  } else if (view.status === 'needs_sign_in') {
    ctx.print(`Pinterest needs a new sign-in (${view.environment}). Run \`pinload login\`.`)
  } else if (view.status === 'signed_out') {
    ctx.print(
      `Not signed in (${view.environment}). Run \`pinload login --app-id <id>\`, or set PINLOAD_ACCESS_TOKEN.`,
    )
  }
  if (view.message) ctx.print(view.message)
  for (const warning of view.warnings) ctx.print(`Warning: ${warning}`)
}

/**
 * The same sign-in the window uses (src/main/services/sign-in.ts), for every command that signs in or out; only
 * opening the browser differs: the address is printed with `say` and handed to the system's browser.
 */
export function signInService(
  ctx: Pick<AuthCliContext, 'dataDir' | 'env' | 'print'>,
  deps: AuthCommandDeps,
  say: (line: string) => void = ctx.print,
): AccountService {
  return createSignIn({
    dataDir: ctx.dataDir,
    env: ctx.env,
    openAuthorizePage: cliOpenExternal({ print: say, env: ctx.env }),
    ...(deps.secrets && { secrets: deps.secrets }),
    ...(deps.signInTimeoutMs !== undefined && { signInTimeoutMs: deps.signInTimeoutMs }),
  })
}

/** What `pinload login` and `pinload accounts add` without `--token` take. */
export interface BrowserSignInOptions {
  appId?: string
  port?: number
  sandbox?: boolean
  secretBoards?: boolean
  json?: boolean
}

/**
 * Signs in through the browser with the user's Pinterest app: the App ID (remembered per environment), the
 * secret asked once, the loopback port. Whoever is signed in to pinterest.com in the browser is the account
 * added (issue 15: a second brand signs in the same way and is kept beside the first).
 */
export async function browserSignIn(
  ctx: AuthCliContext,
  deps: AuthCommandDeps,
  opts: BrowserSignInOptions,
): Promise<AccountView> {
  // With --json, stdout carries only the JSON document; the instructions go to stderr.
  const say = opts.json === true ? ctx.warn : ctx.print
  const accounts = signInService(ctx, deps, say)
  const environment: Environment = opts.sandbox ? 'sandbox' : 'production'
  const before = await accounts.get()
  const same = before.environment === environment
  const appId = opts.appId ?? (same ? before.appId : undefined)
  if (!appId)
    throw new AppError(
      'validation',
      'Pass --app-id with the App ID of your Pinterest app (developers.pinterest.com/apps).',
    )
  const port = opts.port ?? (same ? portOf(before.redirectUri) : DEFAULT_OAUTH_PORT)
  let appSecret = ctx.env.PINLOAD_APP_SECRET?.trim() || undefined
  const changedApp = appId !== before.appId
  if (appSecret === undefined && (!same || changedApp || !before.hasAppSecret)) {
    appSecret = (await (deps.readSecret ?? readSecretFromStdin)('App secret of your Pinterest app: ')).trim()
    if (!appSecret)
      throw new AppError('validation', 'The app secret is needed once; it is kept in the system keychain.')
  }
  const saved = await accounts.saveApp({
    appId,
    ...(appSecret === undefined ? {} : { appSecret }),
    port,
    environment,
    // Not named: as saved for the app (a second account added keeps the first one's choice).
    secretBoards:
      opts.secretBoards ?? (await readAccountFile(ctx.dataDir)).apps[environment]?.secretBoards ?? false,
  })
  say(`Redirect URI to register on your Pinterest app: ${saved.redirectUri}`)
  return accounts.connect()
}

export function parsePort(value: string): number {
  const port = Number(value)
  if (!Number.isInteger(port) || port < 1024 || port > 65535) {
    throw new AppError('validation', `--port must be a whole number from 1024 to 65535, not "${value}".`)
  }
  return port
}

function portOf(redirectUri: string): number {
  const port = Number(new URL(redirectUri).port)
  return Number.isInteger(port) && port > 0 ? port : DEFAULT_OAUTH_PORT
}

/** Prints the address (the user may be on another machine's browser) and tries the system opener, unless PINLOAD_NO_BROWSER. */
function cliOpenExternal(ctx: Pick<AuthCliContext, 'print' | 'env'>): OpenExternal {
  return (url) => {
    ctx.print('Open this address in your browser to sign in to Pinterest (waiting for the answer):')
    ctx.print(url)
    if (ctx.env.PINLOAD_NO_BROWSER === '1') return
    // The browser keeps the environment it is started with: none of the command's PINLOAD_ secrets.
    openSystemBrowser(url, ctx.env)
  }
}

/** Reads one line from stdin; on a terminal the typed characters are not echoed. */
async function readSecretFromStdin(prompt: string): Promise<string> {
  const input = process.stdin
  if (!input.isTTY) {
    const rl = createInterface({ input })
    try {
      for await (const line of rl) return line
      return ''
    } finally {
      rl.close()
    }
  }
  process.stderr.write(prompt)
  return new Promise((resolve, reject) => {
    let value = ''
    input.setRawMode(true)
    input.resume()
    input.setEncoding('utf8')
    const done = (error?: Error): void => {
      input.setRawMode(false)
      input.pause()
      input.off('data', onData)
      process.stderr.write('\n')
      if (error) reject(error)
      else resolve(value)
    }
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done()
        if (ch === '\u0003') return done(new AppError('cancelled', 'Cancelled.'))
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1)
        else value += ch
      }
    }
    input.on('data', onData)
  })
}
