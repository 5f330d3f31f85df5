import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { EventChannel, EventPayload } from '../../shared/ipc/contract'
import { TERMINAL_STATES } from '../../shared/item-states'
import { AccountService } from '../auth/account-service'
import { ACCOUNT_FILE_NAME } from '../auth/account-file'
import { resolveOAuthBase } from '../auth/oauth-loopback'
import { openDatabase } from '../db/connection'
import { ItemRepository } from '../db/item-repository'
import { SettingsStore } from '../db/settings-store'
import { WatchRepository } from '../db/watch-repository'
import { createIpcHandlers, type HandlerServices } from '../ipc/ipc-handlers'
import type { IpcHandlers } from '../ipc/ipc-router'
import { createLogger, type FileLogger } from '../logging/logger'
import { resolveApiBase } from '../pinterest/pinterest-client'
import { UploadQueue } from '../pipeline/upload-queue'
import { KeyringSecretStore, type SecretStore } from '../secrets/secret-store'
import { createBoardResolver } from '../sources/board-resolver'
import { WatchService } from '../sources/watch-service'
import { ImportService } from '../sources/import-service'
import { ApiRegistry } from '../pinterest/api-registry'
import { watchFileStamp } from '../platform/file-stamp-watch'
import { describeHolder, QueueLock } from '../platform/queue-lock'
import type { DesktopPorts } from './desktop-ports'

export type EmitEvent = <E extends EventChannel>(event: E, payload: EventPayload<E>) => void

export interface StartAppOptions {
  dataDir: string
  env: NodeJS.ProcessEnv
  desktop: DesktopPorts
  /** Pushes an event to the window (the shell's sender, or a test bridge). */
  emit: EmitEvent
  /** better-sqlite3 built for Electron, used when the file exists and we run inside Electron. */
  nativeBinding?: string
  /** The keychain; tests pass one with their own service name. */
  secrets?: SecretStore
  /** Watch folders by polling (network drives; tests). */
  watchPolling?: boolean
  signInTimeoutMs?: number
}

export interface RunningApp {
  handlers: IpcHandlers
  services: HandlerServices
  logger: FileLogger
  /** Stops taking work, parks in-flight items, closes watchers, connections and the database. */
  shutdown(): Promise<void>
}

/**
 * The composition root: every main-process service, built and connected under plain Node. The Electron
 * shell (src/main/index.ts), the e2e bridge and the integration tests all start the app through here.
 */
export async function startApp(opts: StartAppOptions): Promise<RunningApp> {
  mkdirSync(opts.dataDir, { recursive: true })
  const logger = createLogger({ dataDir: opts.dataDir })
  const inElectron = Boolean(process.versions.electron)
  const db = openDatabase({
    dataDir: opts.dataDir,
    ...(inElectron &&
      opts.nativeBinding &&
      existsSync(opts.nativeBinding) && { nativeBinding: opts.nativeBinding }),
  })
  const settings = new SettingsStore(db, opts.dataDir)
  const account = new AccountService({
    logger,
    dataDir: opts.dataDir,
    secrets: opts.secrets ?? new KeyringSecretStore(),
    env: opts.env,
    openExternal: (url) => opts.desktop.openAuthorizePage(url),
    apiBaseFor: (environment) => resolveApiBase(environment, opts.env),
    oauthBase: resolveOAuthBase(opts.env),
    ...(opts.signInTimeoutMs !== undefined && { signInTimeoutMs: opts.signInTimeoutMs }),
  })
  const apis = new ApiRegistry({
    env: opts.env,
    tokens: account.tokenProvider(),
    current: () => account.accountKey(),
    profile: () => settings.get().rateProfile,
  })
  const queue = new UploadQueue({
    db,
    apiFor: (key) => apis.apiFor(key),
    accountKeyFor: () => account.accountKey(),
    settings: () => settings.get(),
    logger,
  })
  const resolverFor = (createMissing: boolean) => createBoardResolver(apis.current(), { createMissing })
  const imports = new ImportService({ sink: queue, resolverFor })
  const watches = new WatchService({
    store: new WatchRepository(db),
    sink: queue,
    resolver: { create: () => resolverFor(false), key: () => account.accountKey() },
    stableMs: settings.get().stableMs,
    ...(opts.watchPolling && { usePolling: true, pollIntervalMs: 200 }),
  })
  const items = new ItemRepository(db)

  // Wiring: account changes reach the window and release a paused account; queue progress reaches the
  // window and the taskbar; finished watched files move to done/ or failed/ when asked.
  const unsubscribe = [
    account.onChange((view) => {
      opts.emit('account:changed', view)
      apis.forgetBoards()
      // Another user in the same environment has other boards under the same names.
      watches.forgetBoards()
      if (view.status === 'connected') queue.resumeAccount(account.accountKey())
    }),
    queue.onProgress((event) => {
      opts.emit('uploads:progress', event)
      opts.desktop.showProgress(event.totals)
      for (const item of event.items) {
        if (
          !item.path ||
          !TERMINAL_STATES.includes(item.state) ||
          item.state === 'cancelled' ||
          item.state === 'skipped'
        )
          continue
        const outcome = item.state === 'published' ? 'published' : 'failed'
        void watches
          .onItemFinished(item.path, outcome, item.error?.message)
          .catch((e: unknown) => logger.warn('moving a finished file failed', { error: e }))
      }
    }),
    queue.onBatchDone((e) => {
      opts.emit('uploads:batch-done', e)
      opts.desktop.notify('Pinload: batch finished', `${e.published} published, ${e.failed} failed`)
    }),
    watches.onChange((views) => opts.emit('watch:changed', views)),
  ]

  account.startRefreshTimer()
  // A sign-in or sign-out by the `pinload` command reaches the window (and resumes a paused account) at once.
  const stopAccountWatch = watchFileStamp(join(opts.dataDir, ACCOUNT_FILE_NAME), () => {
    account.reload().catch((e: unknown) => logger.warn('reading the account again failed', { error: e }))
  })
  // One process runs a data folder's queue at a time (a `pinload` command may be running it): until the
  // lock is ours, items are queued here and the other process runs them; then this one takes over.
  const lock = new QueueLock(opts.dataDir, 'app')
  let lockTimer: NodeJS.Timeout | undefined
  const startWhenFree = () => {
    const holder = lock.tryAcquire()
    if (!holder) {
      queue.start()
      return
    }
    logger.warn('queue held by another process', { holder: describeHolder(holder) })
    lockTimer = setTimeout(startWhenFree, 2000)
    lockTimer.unref()
  }
  startWhenFree()
  await watches.start()
  logger.info('pinload started', {
    dataDir: opts.dataDir,
    environment: account.accountKey(),
    apiBase: resolveApiBase(account.accountKey(), opts.env),
  })

  const services: HandlerServices = {
    account,
    apis,
    queue,
    settings,
    imports,
    watches,
    desktop: opts.desktop,
    itemPath: (id) => items.get(id)?.source_path ?? undefined,
  }
  return {
    handlers: createIpcHandlers(services),
    services,
    logger,
    async shutdown() {
      for (const u of unsubscribe) u()
      stopAccountWatch()
      account.dispose()
      await watches.stop()
      clearTimeout(lockTimer)
      await queue.shutdown()
      lock.release()
      await apis.closeAll()
      db.close()
      logger.info('pinload stopped')
      logger.close()
    },
  }
}
