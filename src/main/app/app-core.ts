import { environmentOfKey } from '../../shared/account-key'
import { graceFromEnv } from '../pipeline/queue-types'
import type { ProxyResolver } from '../pinterest/proxy-dispatch'
import { existsSync, mkdirSync } from 'node:fs'
import type { Board, Environment, Settings } from '../../shared/domain'
import { openDatabase, type Database } from '../db/connection'
import { readAccountFile } from '../auth/account-file'
import { migrationContext } from '../services/sign-in'

import { knownAccounts } from '../auth/known-accounts'
import { ItemRepository } from '../db/item-repository'
import { SettingsStore, WriteJournal } from '../db/settings-store'
import { WatchRepository, type WatchStore } from '../db/watch-repository'
import { createLogger, type FileLogger } from '../logging/logger'
import { ApiRegistry } from '../pinterest/api-registry'
import type { TokenProvider } from '../pinterest/api-types'
import { RateGovernor } from '../pinterest/rate-governor'
import { UploadQueue } from '../pipeline/upload-queue'
import { PaceStore } from '../db/pace-store'
import { PaceGate } from '../pipeline/pace-gate'
import { Scheduling } from '../services/scheduling'
import { createBoardResolver } from '../sources/board-resolver'
import type { BoardResolver } from '../sources/source-types'
import { WatchService } from '../sources/watch-service'
import { AddPaths } from '../services/add-paths'
import { CsvImport } from '../services/csv-import'
import { QueueControls } from '../services/queue-controls'
import { RateBudget } from '../services/rate-budget'
import { PlanItems } from '../services/plan-items'
import { MakeCarousel } from '../services/make-carousel'
import { WatchedFolders } from '../services/watched-folders'
import { ExportResults } from '../services/export-results'
import { VerifyPins } from '../services/verify-pins'
import { PinOperations } from '../services/pin-operations'
import { PinOperationRunner } from '../pipeline/pin-op-runner'

/** A data folder opened: its log, database and the stores on it. The app and the command open it the same way. */
export interface AppData {
  dataDir: string
  logger: FileLogger
  db: Database
  settings: SettingsStore
  items: ItemRepository
  /** Closes the database, and the log when this opened it. */
  close(): void
}

export interface OpenAppDataOptions {
  dataDir: string
  env: NodeJS.ProcessEnv
  /** better-sqlite3 built for Electron, used when the file exists and we run inside Electron. */
  nativeBinding?: string
  /** A log already open on this folder (the command opens it before anything else); it stays open. */
  logger?: FileLogger
}

/** The log of a data folder; `PINLOAD_LOG_STDERR=1` mirrors it to stderr. */
export function openLogger(dataDir: string, env: NodeJS.ProcessEnv): FileLogger {
  return createLogger({ dataDir, stderr: env.PINLOAD_LOG_STDERR === '1' })
}

export function openAppData(opts: OpenAppDataOptions): AppData {
  mkdirSync(opts.dataDir, { recursive: true })
  const logger = opts.logger ?? openLogger(opts.dataDir, opts.env)
  const inElectron = Boolean(process.versions.electron)
  const db = openDatabase({
    dataDir: opts.dataDir,
    // The queue's rows move from environment to account keys once (migration 0010, issue 15).
    migration: migrationContext(opts.dataDir),
    ...(inElectron &&
      opts.nativeBinding &&
      existsSync(opts.nativeBinding) && { nativeBinding: opts.nativeBinding }),
  })
  return {
    dataDir: opts.dataDir,
    logger,
    db,
    settings: new SettingsStore(db, opts.dataDir),
    items: new ItemRepository(db),
    close() {
      db.close()
      if (!opts.logger) logger.close()
    },
  }
}

/** Who the API clients act for: the app's account service, or the command's sign-in. */
export interface AccountPort {
  /** The queue's account key: `<environment>:<username>` of the account in use (issue 15), or the environment alone. */
  accountKey(): string
  /** The environment of the account in use. */
  environment(): Environment
  /** One account's own tokens (its keychain sign-in, or the environment token), whichever account is in use. */
  tokensFor(accountKey: string): TokenProvider
  /** Whether an account's items may be sent now: every signed-in account's are (issue 15), not only the current one's. */
  sends(accountKey: string): boolean
  /** False when nobody is signed in here, so board names cannot be looked up (default: true). */
  connected?(): boolean
}

export interface AppCoreOptions {
  data: AppData
  env: NodeJS.ProcessEnv
  account: AccountPort
  /** Where watched folders are kept: by default the database (the app); the command keeps one for its run. */
  watchStore?: WatchStore
  /** Watch folders by polling at this interval (network drives; tests), not by file-system events. */
  watchPolling?: { intervalMs: number }
  /** The settings the queue runs with, from the saved ones (the command's `--concurrency`). */
  runSettings?: (saved: Settings) => Settings
  /** The system's proxy for a URL (the desktop's settings); the command follows HTTPS_PROXY and friends instead. */
  resolveProxy?: ProxyResolver
  /**
   * The app's terms for sending Pin updates and removals: only while it holds the queue lock, and again later
   * after a passing problem (src/main/pipeline/pin-op-runner.ts). The command holds the lock when it sends.
   */
  pinOps?: { maySend: () => boolean; retryLater: boolean }
}

/** The API clients, the queue and the use cases over one data folder and one account. */
export interface AppCore {
  apis: ApiRegistry
  queue: UploadQueue
  watches: WatchService
  addPaths: AddPaths
  csvImport: CsvImport
  watchedFolders: WatchedFolders
  controls: QueueControls
  /** What the write limit leaves now (issue 14): `rate:write-budget`, `pinload status`. */
  rateBudget: RateBudget
  /** Reads published Pins back with their counts (issue 15): `pinload verify`, `results:verify`. */
  verifyPins: VerifyPins
  /** One row per item to CSV or JSON (issue 15): `pinload export`, `results:export`. */
  exportResults: ExportResults
  /** Updates and removals of published Pins (issue 15): `pinload update`, `pinload unpublish`, `results:*`. */
  pinOps: PinOperations
  /** The pacing rules in front of each create (issue 14); `bypass` is `--no-pacing` for one command. */
  pacing: PaceGate
  /** Schedules, late items and pacing rules for the window and the command (issue 14). */
  scheduling: Scheduling
  /** Drafts, edits and publishing them (issue 13): `items:edit`, `items:publish`, `pinload edit`, `pinload publish`. */
  planItems: PlanItems
  /** Joins 2–5 image items into one carousel item (issue 13): `pinload carousel`, the review screen. */
  makeCarousel: MakeCarousel
  /** A board resolver for the account in use; null when nobody is signed in. */
  resolverFor(createMissing: boolean): BoardResolver | null
  /** Stops the watches, parks the queue's items and closes the API clients; the data stays open. */
  close(): Promise<void>
}

/**
 * The client-side rate limits of the chosen profile. `PINLOAD_RATE_LIMITS=off` lifts them, but only when
 * PINLOAD_API_BASE points at a server other than Pinterest's (the fake, a local proxy): against Pinterest
 * the documented limits always apply (docs/architecture.md, "Rate limits").
 */
function governorFor(
  env: NodeJS.ProcessEnv,
  profile: 'standard' | 'trial',
  rate: { writesPerMinute: number | undefined; journal: WriteJournal; onSlowdown: () => void },
): RateGovernor {
  const off =
    env.PINLOAD_RATE_LIMITS === 'off' &&
    Boolean(env.PINLOAD_API_BASE) &&
    !/\.pinterest\.com/i.test(env.PINLOAD_API_BASE ?? '')
  if (!off) return new RateGovernor({ profile, ...rate })
  const unlimited = { perWindow: 1_000_000_000, windowMs: 60_000, burst: 1_000_000_000 }
  return new RateGovernor({ limits: { org_read: unlimited, org_write: unlimited } })
}

/**
 * What the app's composition root (app-services.ts) and the `pinload` command (src/cli/cli-context.ts)
 * both build on, so the window and the command run the same queue and the same use cases.
 */
export function createAppCore(opts: AppCoreOptions): AppCore {
  const { data, account } = opts
  // The writes-per-minute limit in force: the command's PINLOAD_WRITES_PER_MINUTE comes through runSettings.
  const writesPerMinute = () =>
    (opts.runSettings ?? ((s: Settings) => s))(data.settings.get()).writesPerMinute
  const apis = new ApiRegistry({
    env: opts.env,
    tokensFor: (key) => account.tokensFor(key),
    sends: (key) => account.sends(key),
    current: () => account.accountKey(),
    environmentOf: environmentOfKey,
    profile: () => data.settings.get().rateProfile,
    rateKey: () => String(writesPerMinute() ?? ''),
    governor: (profile, accountKey) =>
      governorFor(opts.env, profile, {
        writesPerMinute: writesPerMinute(),
        journal: new WriteJournal(data.db, accountKey),
        // The window learns at once why nothing moves (the queue exists by the time a request waits).
        onSlowdown: () => queue.refreshTotals(),
      }),
    ...(opts.resolveProxy && { resolveProxy: opts.resolveProxy }),
  })
  const runSettings = opts.runSettings ?? ((s: Settings) => s)
  const createGraceMs = graceFromEnv(opts.env)
  const paceStore = new PaceStore(data.db)
  const pacing = new PaceGate(paceStore)
  const queue = new UploadQueue({
    pace: (row, facts, now) => pacing.decide(row, facts, now),
    holdUntil: () => paceStore.latestHold(),
    slowdown: () => apis.slowdown(),
    db: data.db,
    apiFor: (key) => apis.apiFor(key),
    accountKeyFor: () => account.accountKey(),
    settings: () => runSettings(data.settings.get()),
    logger: data.logger,
    ...(createGraceMs !== undefined && { createGraceMs }),
  })
  // `accountKey`: another account than the one in use (a CSV row's `account` cell), with its own client.
  const resolverFor = (createMissing: boolean, accountKey?: string) => {
    if (accountKey !== undefined && accountKey !== account.accountKey()) {
      const api = apis.apiFor(accountKey)
      return api ? createBoardResolver(api, { createMissing }) : null
    }
    return account.connected?.() === false ? null : createBoardResolver(apis.current(), { createMissing })
  }
  const watches = new WatchService({
    store: opts.watchStore ?? new WatchRepository(data.db),
    sink: queue,
    resolver: {
      // A folder added under an account looks its subfolders' boards up on that account (issue 15).
      create: (key) =>
        createBoardResolver(apis.forAccount(key ?? account.accountKey()), { createMissing: false }),
      key: (key) => key ?? account.accountKey(),
    },
    stableMs: data.settings.get().stableMs,
    ...(opts.watchPolling && { usePolling: true, pollIntervalMs: opts.watchPolling.intervalMs }),
  })
  return {
    apis,
    queue,
    watches,
    addPaths: new AddPaths({
      sink: queue,
      resolver: () => resolverFor(false),
      // Names and privacy for the question an add may ask (src/shared/confirm-rules.ts).
      boardsById: async (ids) => {
        if (account.connected?.() === false) return []
        const known = (all: Board[]) => all.filter((b) => ids.includes(b.id))
        const cached = known(await apis.boards())
        // A board made since the list was kept (on pinterest.com): list again rather than call it unknown.
        return cached.length === ids.length ? cached : known(await apis.boards(true))
      },
    }),
    csvImport: new CsvImport({
      sink: queue,
      resolverFor,
      accounts: async () => ({
        list: knownAccounts(await readAccountFile(data.dataDir)),
        resolver: (key) => resolverFor(false, key),
      }),
      accountKey: () => account.accountKey(),
    }),
    watchedFolders: new WatchedFolders({
      watches,
      resolver: () => resolverFor(false),
      accountKey: () => account.accountKey(),
      logger: data.logger,
    }),
    controls: new QueueControls(queue),
    rateBudget: new RateBudget({
      settings: () => runSettings(data.settings.get()),
      journal: () => new WriteJournal(data.db, account.accountKey()),
    }),
    verifyPins: new VerifyPins({
      db: data.db,
      items: data.items,
      apiFor: (key) => apis.apiFor(key ?? account.accountKey()),
      onChanged: (ids) => queue.showItems(ids),
    }),
    pinOps: new PinOperations({
      db: data.db,
      items: data.items,
      runner: new PinOperationRunner({
        db: data.db,
        items: data.items,
        apiFor: (key) => apis.apiFor(key ?? account.accountKey()),
        logger: data.logger,
        onItemsChanged: (ids) => queue.showItems(ids),
        ...opts.pinOps,
      }),
    }),
    exportResults: new ExportResults({
      db: data.db,
      items: data.items,
      boardNames: async (keys) => {
        // Names are a nicety of the export: without them (offline) the board ids still say where each Pin is.
        const current = account.accountKey()
        const lists = await Promise.all([
          account.connected?.() === false ? [] : apis.boards().catch(() => []),
          ...keys
            .filter((k) => k !== current)
            .map(
              (k) =>
                apis
                  .apiFor(k)
                  ?.listBoards()
                  .catch(() => []) ?? [],
            ),
        ])
        return new Map(lists.flat().map((b) => [b.id, b.name]))
      },
    }),
    pacing,
    scheduling: new Scheduling({
      queue,
      pace: paceStore,
      accountKey: () => account.accountKey(),
      env: opts.env,
    }),
    planItems: new PlanItems(queue),
    makeCarousel: new MakeCarousel(queue),
    resolverFor,
    async close() {
      await watches.stop()
      await queue.shutdown()
      await apis.closeAll()
    },
  }
}
