import type { Environment, Settings } from '../shared/domain'
import { loadTokenProvider } from '../main/auth/token-source'
import { openDatabase, type Database } from '../main/db/connection'
import { resolveDataDir } from '../main/db/data-dir'
import { SettingsStore } from '../main/db/settings-store'
import { createLogger, type FileLogger } from '../main/logging/logger'
import {
  createPinterestClient,
  resolveApiBase,
  type PinterestClient,
} from '../main/pinterest/pinterest-client'
import { RateGovernor } from '../main/pinterest/rate-governor'
import type { PinterestApi } from '../main/pinterest/api-types'
import { UploadQueue } from '../main/pipeline/upload-queue'
import { describeHolder, QueueLock } from '../main/platform/queue-lock'
import { AppError } from '../shared/ipc/result'

/** Where the CLI writes: stdout for results, stderr for diagnostics. */
export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
}

/** A signed-in API for the chosen environment. */
export interface CliApi {
  api: PinterestClient
  environment: Environment
  /** The queue's account key for this sign-in. */
  accountKey: string
}

/**
 * What every command gets: the data dir and its database (opened on first use), an API factory, a queue
 * factory over the same database the app uses, and output helpers that honour `--json`.
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
  db(): Database
  settings(): Settings
  logger(): FileLogger
  /** The API for `environment` (default: the saved or env one); null when not signed in. */
  api(opts?: { environment?: Environment }): Promise<CliApi | null>
  /** A queue over the database whose items of `accountKey` run on `api`. */
  openQueue(opts: { api: PinterestApi; accountKey: string; concurrency?: number }): UploadQueue
  /** Who else runs this data folder's queue now (the app, another command), or null: then this process may. */
  queueRunner(): string | null
  close(): Promise<void>
}

export function createCliContext(opts: { env?: NodeJS.ProcessEnv; io: CliIo; json?: boolean }): CliContext {
  const env = opts.env ?? process.env
  const dataDir = resolveDataDir(env)
  let db: Database | null = null
  let log: FileLogger | null = null
  let lock: QueueLock | null = null
  const clients: PinterestClient[] = []
  const ctx: CliContext = {
    dataDir,
    env,
    json: opts.json ?? false,
    print: (line) => opts.io.stdout(`${line}\n`),
    printJson: (value) => opts.io.stdout(`${JSON.stringify(value, null, 2)}\n`),
    warn: (line) => opts.io.stderr(`${line}\n`),
    db: () => (db ??= openDatabase({ dataDir })),
    settings: () => new SettingsStore(ctx.db(), dataDir).get(),
    logger: () => (log ??= createLogger({ dataDir, stderr: env.PINLOAD_LOG_STDERR === '1' })),
    async api(o = {}) {
      const loaded = await loadTokenProvider({
        dataDir,
        env,
        logger: ctx.logger(),
        ...(o.environment && { environment: o.environment }),
      })
      if (!loaded) return null
      const apiBase = resolveApiBase(loaded.environment, env)
      const client = createPinterestClient({
        apiBase,
        tokens: loaded.provider,
        governor: governorFor(env, ctx.settings()),
      })
      clients.push(client)
      return { api: client, environment: loaded.environment, accountKey: loaded.accountKey }
    },
    queueRunner() {
      // Asking takes the lock when it is free: this process is about to run the queue anyway.
      lock ??= new QueueLock(dataDir, 'cli')
      const holder = lock.tryAcquire()
      return holder ? describeHolder(holder) : null
    },
    openQueue(o) {
      // Only one process runs a data folder's queue: two schedulers could both create the same Pin.
      const runner = ctx.queueRunner()
      if (runner) throw new AppError('conflict', `${runner}. Let it finish, or close it and run this again.`)
      const base = ctx.settings()
      const settings: Settings = o.concurrency ? { ...base, concurrency: o.concurrency } : base
      return new UploadQueue({
        db: ctx.db(),
        apiFor: (key) => (key === o.accountKey ? o.api : null),
        accountKeyFor: () => o.accountKey,
        settings: () => settings,
        logger: ctx.logger(),
      })
    },
    async close() {
      await Promise.allSettled(clients.map((c) => c.close()))
      lock?.release()
      db?.close()
      db = null
      log?.close()
      log = null
    },
  }
  return ctx
}

/**
 * The client-side rate limits of the chosen profile. `PINLOAD_RATE_LIMITS=off` lifts them, but only when
 * PINLOAD_API_BASE points at a server other than Pinterest's (the fake, a local proxy): against Pinterest
 * the documented limits always apply.
 */
function governorFor(env: NodeJS.ProcessEnv, settings: Settings): RateGovernor {
  const off =
    env.PINLOAD_RATE_LIMITS === 'off' &&
    Boolean(env.PINLOAD_API_BASE) &&
    !/\.pinterest\.com/i.test(env.PINLOAD_API_BASE ?? '')
  if (!off) return new RateGovernor({ profile: settings.rateProfile })
  const unlimited = { perWindow: 1_000_000_000, windowMs: 60_000, burst: 1_000_000_000 }
  return new RateGovernor({ limits: { org_read: unlimited, org_write: unlimited } })
}
