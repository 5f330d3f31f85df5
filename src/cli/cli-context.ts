import type { Environment, Settings } from '../shared/domain'
import { AppError } from '../shared/ipc/result'
import {
  createAppCore,
  openAppData,
  openLogger,
  type AccountPort,
  type AppCore,
  type AppData,
} from '../main/app/app-core'
import { readAccountFile } from '../main/auth/account-file'
import { resolveAccount } from '../main/auth/known-accounts'
import { commandSenders, type AccountSenders } from '../main/auth/account-senders'
import { envTokenFrom } from '../main/auth/env-token'
import { loadTokenProvider, type LoadedTokenProvider } from '../main/auth/token-source'
import type { Database } from '../main/db/connection'
import { resolveDataDir } from '../main/db/data-dir'
import type { WatchRecord, WatchStore } from '../main/db/watch-repository'
import type { FileLogger } from '../main/logging/logger'
import type { TokenProvider } from '../main/pinterest/api-types'
import type { UploadQueue } from '../main/pipeline/upload-queue'
import { describeHolder, QueueLock } from '../main/platform/queue-lock'
import { startDemoSession, type DemoSession } from '../main/app/demo-session'
import { writesPerMinuteFromEnv } from '../main/pinterest/rate-limits'

const NOT_SIGNED_IN =
  'Not signed in to Pinterest. Set PINLOAD_ACCESS_TOKEN to an access token, or run `pinload login` first.'

/** Where the CLI writes: stdout for results, stderr for diagnostics. */
export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  /** Asks a yes/no question on the terminal; absent when there is no terminal to ask on (scripts, pipes). */
  ask?: (question: string) => Promise<boolean>
  /** Reads one typed line on the terminal (a typed confirmation); absent without a terminal. */
  readLine?: (question: string) => Promise<string>
}

/** `--sandbox`, or `--account <username>` (issue 15): the account `pinload accounts list` names. */
interface SignInOptions {
  sandbox?: boolean | undefined
  account?: string | undefined
}

/** The account a command signed in as. */
interface CliSignIn {
  environment: Environment
  /** The queue's account key for this sign-in. */
  accountKey: string
}

/**
 * What every command gets: the data folder, its log and database (opened on first use), the sign-in, and
 * the same core the app builds (queue and use cases, src/main/app/app-core.ts), plus output helpers that
 * honour `--json`.
 */
export interface CliContext {
  dataDir: string
  env: NodeJS.ProcessEnv
  /** Global `--json` (commands may also take their own). */
  json: boolean
  /** One line of output for the user (stdout). */
  print(line: string): void
  /** A JSON document on stdout. */
  printJson(value: unknown): void
  /** A diagnostic line on stderr. */
  warn(line: string): void
  /** The terminal's yes/no question, or undefined without a terminal. */
  readonly ask: ((question: string) => Promise<boolean>) | undefined
  /** A line typed on the terminal, or undefined without a terminal. */
  readonly readLine: ((question: string) => Promise<string>) | undefined
  db(): Database
  settings(): Settings
  logger(): FileLogger
  /**
   * Signs this command in: PINLOAD_ACCESS_TOKEN, else the keychain sign-in of the saved environment (the
   * sandbox with `sandbox`). Null when there is neither; `required` throws the "not signed in" error instead.
   */
  signIn(opts: SignInOptions & { required: true }): Promise<CliSignIn>
  signIn(opts: SignInOptions & { required?: boolean }): Promise<CliSignIn | null>
  /**
   * The queue and the use cases over this data folder, acting for the sign-in. Built on the first call, with
   * that call's options: a command asks for it once it knows them.
   */
  core(opts?: { watchPolling?: boolean }): AppCore
  /**
   * The queue for this process to run (`concurrency` items at once for this run, default from settings).
   * Throws `conflict` when another process runs this data folder's queue.
   */
  claimQueue(opts?: {
    concurrency?: number | undefined
    keepPhotoMetadata?: boolean | undefined
  }): UploadQueue
  /** Who else runs this data folder's queue now (the app, another command), or null: then this process may. */
  queueRunner(): string | null
  /**
   * `--demo`: from here on this command runs against the built-in stand-in of Pinterest, signed in as its demo
   * user, in a throwaway data folder (src/main/app/demo-session.ts) that `close` removes. Call it before
   * anything opens the data folder.
   */
  enterDemo(): Promise<DemoSession>
  /** The demo this command runs, or null. */
  readonly demo: DemoSession | null
  close(): Promise<void>
}

/** The command's sign-in as the core sees it: nobody until `signIn` found a token. */
class CommandAccount implements AccountPort {
  loaded: LoadedTokenProvider | null = null
  /** The other signed-in accounts (none with an environment token): their queued items go too (issue 15). */
  others: { senders: AccountSenders; dispose(): void } | null = null

  accountKey(): string {
    return this.loaded?.accountKey ?? this.environment()
  }

  environment(): Environment {
    return this.loaded?.environment ?? 'production'
  }

  connected(): boolean {
    return this.loaded !== null
  }

  sends(accountKey: string): boolean {
    if (!this.loaded) return false
    return accountKey === this.loaded.accountKey || (this.others?.senders.sends(accountKey) ?? false)
  }

  tokensFor(accountKey: string): TokenProvider {
    const active = () => {
      if (!this.loaded) throw new AppError('auth', NOT_SIGNED_IN)
      if (accountKey === this.loaded.accountKey || !this.others) return this.loaded.provider
      return this.others.senders.tokensFor(accountKey)
    }
    return {
      getAccessToken: async () => active().getAccessToken(),
      refreshAccessToken: async () => active().refreshAccessToken(),
    }
  }
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

export function createCliContext(opts: { env?: NodeJS.ProcessEnv; io: CliIo; json?: boolean }): CliContext {
  // Both change once, when `--demo` enters the demo before anything opened the data folder.
  let env = opts.env ?? process.env
  let dataDir = resolveDataDir(env)
  let demo: DemoSession | null = null
  const account = new CommandAccount()
  let log: FileLogger | null = null
  let data: AppData | null = null
  let core: AppCore | null = null
  let lock: QueueLock | null = null
  let concurrency: number | undefined
  let keepPhotoMetadata: boolean | undefined
  const openData = () => (data ??= openAppData({ dataDir, env, logger: ctx.logger() }))

  async function signIn(o: SignInOptions & { required?: boolean }): Promise<CliSignIn | null> {
    const named =
      o.account === undefined
        ? null
        : resolveAccount(await readAccountFile(dataDir), o.account, o.sandbox ? 'sandbox' : undefined)
    if (named && o.sandbox && named.environment !== 'sandbox')
      throw new AppError(
        'validation',
        `@${named.username} is a ${named.environment} account: drop --sandbox.`,
      )
    const environment = named?.environment ?? (o.sandbox ? 'sandbox' : undefined)
    const loaded = await loadTokenProvider({
      dataDir,
      env,
      logger: ctx.logger(),
      ...(environment && { environment }),
      ...(named && { account: named.key }),
    })
    account.loaded = loaded
    account.others?.dispose()
    account.others =
      loaded && !envTokenFrom(env) ? await commandSenders({ dataDir, env, logger: ctx.logger() }) : null
    if (!loaded && o.required) throw new AppError('auth', NOT_SIGNED_IN)
    return loaded && { environment: loaded.environment, accountKey: loaded.accountKey }
  }

  const ctx: CliContext = {
    get dataDir() {
      return dataDir
    },
    get env() {
      return env
    },
    get demo() {
      return demo
    },
    json: opts.json ?? false,
    print: (line) => opts.io.stdout(`${line}\n`),
    printJson: (value) => opts.io.stdout(`${JSON.stringify(value, null, 2)}\n`),
    warn: (line) => opts.io.stderr(`${line}\n`),
    ask: opts.io.ask,
    readLine: opts.io.readLine,
    db: () => openData().db,
    settings: () => openData().settings.get(),
    logger: () => (log ??= openLogger(dataDir, env)),
    signIn: signIn as CliContext['signIn'],
    core: (o = {}) => {
      if (core) return core
      // A bad PINLOAD_WRITES_PER_MINUTE stops the command here (exit 2), before anything is sent.
      const writesPerMinute = writesPerMinuteFromEnv(env)
      return (core = createAppCore({
        data: openData(),
        env,
        account,
        watchStore: new RunWatchStore(),
        ...(o.watchPolling && { watchPolling: { intervalMs: 1000 } }),
        runSettings: (saved) => {
          const run = {
            ...saved,
            ...(concurrency && { concurrency }),
            ...(keepPhotoMetadata !== undefined && { keepPhotoMetadata }),
          }
          return writesPerMinute === undefined ? run : { ...run, writesPerMinute }
        },
      }))
    },
    queueRunner() {
      // Asking takes the lock when it is free: this process is about to run the queue anyway.
      lock ??= new QueueLock(dataDir, 'cli')
      const holder = lock.tryAcquire()
      return holder ? describeHolder(holder) : null
    },
    claimQueue(o = {}) {
      // Only one process runs a data folder's queue: two schedulers could both create the same Pin.
      const runner = ctx.queueRunner()
      if (runner) throw new AppError('conflict', `${runner}. Let it finish, or close it and run this again.`)
      concurrency = o.concurrency
      keepPhotoMetadata = o.keepPhotoMetadata
      return ctx.core().queue
    },
    async enterDemo() {
      if (demo) return demo
      if (log || data || lock) throw new Error('the demo must start before the data folder is opened')
      demo = await startDemoSession(env)
      env = demo.env
      dataDir = demo.dataDir
      return demo
    },
    async close() {
      // Every step runs even when one fails: the lock must be released and the demo's folder removed regardless.
      const steps: (() => unknown)[] = [
        () => core?.close(),
        () => account.others?.dispose(),
        () => lock?.release(),
        () => data?.close(),
        () => log?.close(),
        () => demo?.close(),
      ]
      const failures: unknown[] = []
      for (const step of steps) {
        try {
          await step()
        } catch (e) {
          failures.push(e)
        }
      }
      core = null
      data = null
      log = null
      demo = null
      if (failures.length > 0) throw failures[0]
    },
  }
  return ctx
}
