import { join } from 'node:path'
import type { EventChannel, EventPayload } from '../../shared/ipc/contract'
import { ACCOUNT_FILE_NAME } from '../auth/account-file'
import { createIpcHandlers, type HandlerServices } from '../ipc/ipc-handlers'
import type { IpcHandlers } from '../ipc/ipc-router'
import type { FileLogger } from '../logging/logger'
import { resolveApiBase } from '../pinterest/pinterest-client'
import type { UploadQueue } from '../pipeline/upload-queue'
import { MemorySecretStore, type SecretStore } from '../secrets/secret-store'
import type { WatchService } from '../sources/watch-service'
import { AccountSwitch } from '../services/account-switch'
import { createSignIn, rekeyNamedUser } from '../services/sign-in'
import { PathGrants } from '../services/path-grants'
import { ScanRuns } from '../services/scan-runs'
import { thumbnailService, videoSource } from '../services/thumbnail-source'
import { watchFileStamp } from '../platform/file-stamp-watch'
import { describeHolder, QueueLock } from '../platform/queue-lock'
import { createAppCore, openAppData } from './app-core'
import type { DesktopPorts } from './desktop-ports'
import { startDemoSession, withoutPinLink, type DemoSession } from './demo-session'

/** `to`: the sender id (webContents) the event is for; absent = the window. */
type EmitEvent = <E extends EventChannel>(event: E, payload: EventPayload<E>, to?: number) => void

export interface StartAppOptions {
  dataDir: string
  env: NodeJS.ProcessEnv
  desktop: DesktopPorts
  /** Pushes an event to the window (the shell's sender, or a test bridge). */
  emit: EmitEvent
  /** A log already open on the data folder (the shell's start-up log): one writer per process. */
  logger?: FileLogger
  /** better-sqlite3 built for Electron, used when the file exists and we run inside Electron. */
  nativeBinding?: string
  /** The keychain; tests pass one with their own service name. */
  secrets?: SecretStore
  /** Watch folders by polling (network drives; tests). */
  watchPolling?: boolean
  signInTimeoutMs?: number
  /** The system's proxy answer for a URL (the shell: Electron's `session.resolveProxy`). */
  resolveProxy?: (url: string) => Promise<string>
  /**
   * Runs the built-in demo (src/main/app/demo-session.ts): signed in at once as the stand-in's demo user, in a
   * fresh temporary data folder (`RunningApp.dataDir`) that shutdown removes, with an in-memory keychain;
   * `dataDir` and `secrets` are not used then.
   */
  demo?: boolean
}

/** What the handlers call, plus the queue and the watches under them (tests and the e2e bridge reach in). */
type AppServices = HandlerServices & { queue: UploadQueue; watches: WatchService }

export interface RunningApp {
  handlers: IpcHandlers
  services: AppServices
  logger: FileLogger
  /** The data folder in use: the given one, or the demo's. */
  dataDir: string
  demo: boolean
  /** The video file of an item the window may play (`app://pinload/media/<id>`), or undefined. */
  mediaFile(itemId: number): Promise<{ path: string; mime: string } | undefined>
  /**
   * Opens the watched folders: the shell calls it once the window shows (issue 11, finding 6: "start watches
   * after the window shows"), so a start never scans folders before anything is on screen. Once only.
   */
  startWatches(): Promise<void>
  /** Stops taking work, parks in-flight items, closes watchers, connections and the database. */
  shutdown(): Promise<void>
}

/**
 * The composition root: every main-process service, built and connected under plain Node. The Electron
 * shell (src/main/index.ts), the e2e bridge and the integration tests all start the app through here.
 */
export async function startApp(opts: StartAppOptions): Promise<RunningApp> {
  if (!opts.demo) return startServices(opts, null)
  const demo = await startDemoSession(opts.env)
  try {
    return await startServices(
      { ...opts, dataDir: demo.dataDir, env: demo.env, secrets: new MemorySecretStore() },
      demo,
    )
  } catch (e) {
    await demo.close()
    throw e
  }
}

async function startServices(opts: StartAppOptions, demo: DemoSession | null): Promise<RunningApp> {
  const data = openAppData({
    dataDir: opts.dataDir,
    env: opts.env,
    ...(opts.nativeBinding !== undefined && { nativeBinding: opts.nativeBinding }),
    // The demo's folder is its own: the shell's log stays with the user's folder.
    ...(opts.logger && !demo && { logger: opts.logger }),
  })
  const { logger } = data
  const account = createSignIn({
    dataDir: opts.dataDir,
    env: opts.env,
    logger,
    openAuthorizePage: (url) => opts.desktop.openAuthorizePage(url),
    ...(opts.secrets && { secrets: opts.secrets }),
    ...(opts.signInTimeoutMs !== undefined && { signInTimeoutMs: opts.signInTimeoutMs }),
    // The user of an environment is known now: its rows move to that user's key, and they go on under it.
    // The old key's pause goes too: items queued before anyone signed in paused it, and no row holds it now.
    onUserNamed: (from, to) => {
      queue.showItems(rekeyNamedUser(data.db, from, to))
      queue.resumeAccount(from)
      queue.resumeAccount(to)
    },
  })
  /** This process holds the data folder's queue lock (set below, once taken). */
  let holdsQueue = false
  const core = createAppCore({
    data,
    env: opts.env,
    account,
    ...(opts.watchPolling && { watchPolling: { intervalMs: 200 } }),
    // The demo talks only to its stand-in on 127.0.0.1: no proxy.
    ...(opts.resolveProxy && !opts.demo && { resolveProxy: opts.resolveProxy }),
    // Pin updates and removals go only while this process runs the queue (see the lock below).
    pinOps: { maySend: () => holdsQueue, retryLater: true },
  })
  const { apis, queue, watches } = core

  // Wiring: account changes reach the window and release a paused account; queue progress reaches the
  // window and the taskbar; finished watched files move to done/ or failed/ when asked.
  const unsubscribe = [
    account.onChange((view) => {
      opts.emit('account:changed', view)
      apis.forgetBoards()
      // Another user in the same environment has other boards under the same names.
      watches.forgetBoards()
      // Every signed-in account sends (issue 15): one signed in again, here or by the command, goes on.
      for (const key of account.sendingAccounts()) queue.resumeAccount(key)
    }),
    queue.onProgress((event) => {
      opts.emit('uploads:progress', demo ? { ...event, items: event.items.map(withoutPinLink) } : event)
      opts.desktop.showProgress(event.totals)
      void core.watchedFolders.itemsChanged(event.items)
    }),
    queue.onBatchDone((e) => {
      opts.emit('uploads:batch-done', e)
      opts.desktop.notify('Pinload: batch finished', `${e.published} published, ${e.failed} failed`)
    }),
    watches.onChange((views) => opts.emit('watch:changed', views)),
  ]

  account.startRefreshTimer()
  // A sign-in from before issue 15 whose user was never named: Pinterest names it now (its rows move, above).
  if (!demo)
    account.nameUnnamed().catch((e: unknown) => logger.warn('asking who is signed in failed', { error: e }))
  // The demo's account is its stand-in's user from the first screen on (a pasted token learns its name the
  // same way).
  if (demo) await account.whoami()
  // A sign-in or sign-out by the `pinload` command reaches the window (and resumes a paused account) at once.
  const stopAccountWatch = watchFileStamp(join(opts.dataDir, ACCOUNT_FILE_NAME), () => {
    account.reload().catch((e: unknown) => logger.warn('reading the account again failed', { error: e }))
  })
  // One process runs a data folder's queue at a time (a `pinload` command may be running it): until the
  // lock is ours, items are queued here and the other process runs them; then this one takes over.
  const lock = new QueueLock(opts.dataDir, 'app')
  // Stops the Pin operations between requests at shutdown: what is left stays queued for the next start.
  const pinOpsStop = new AbortController()
  let lockTimer: NodeJS.Timeout | undefined
  const startWhenFree = () => {
    const holder = lock.tryAcquire()
    if (!holder) {
      holdsQueue = true
      queue.start()
      // Updates and removals of Pins a killed run left unsent go now (src/main/pipeline/pin-op-runner.ts).
      core.pinOps.run([], pinOpsStop.signal).catch((e: unknown) => {
        if (!pinOpsStop.signal.aborted) logger.warn('resuming Pin operations failed', { error: e })
      })
      return
    }
    logger.warn('queue held by another process', { holder: describeHolder(holder) })
    lockTimer = setTimeout(startWhenFree, 2000)
    lockTimer.unref()
  }
  startWhenFree()
  logger.info('pinload started', {
    dataDir: opts.dataDir,
    environment: account.environment(),
    apiBase: resolveApiBase(account.environment(), opts.env),
  })

  const services: AppServices = {
    account,
    accountSwitch: new AccountSwitch({
      account,
      dataDir: opts.dataDir,
      unfinished: () => core.controls.unfinished().length,
      confirm: (message, detail, buttons) => opts.desktop.confirm(message, detail, buttons),
    }),
    apis,
    settings: data.settings,
    addPaths: core.addPaths,
    csvImport: core.csvImport,
    watchedFolders: core.watchedFolders,
    controls: core.controls,
    rateBudget: core.rateBudget,
    planItems: core.planItems,
    makeCarousel: core.makeCarousel,
    scheduling: core.scheduling,
    env: opts.env,
    verifyPins: core.verifyPins,
    exportResults: core.exportResults,
    pinOps: core.pinOps,
    queue,
    watches,
    desktop: opts.desktop,
    demo: demo !== null,
    thumbnail: thumbnailService(data.items, join(opts.dataDir, 'thumbnails')),
    grants: new PathGrants(),
    scans: new ScanRuns(),
    scanProgress: (p, to) => opts.emit('uploads:scan-progress', p, to),
  }
  const handlers = createIpcHandlers(services)
  if (demo) {
    // The demo's Pins live on the stand-in only: no "Open Pin" to a pinterest.com page that does not exist.
    const list = handlers['uploads:list']
    handlers['uploads:list'] = async (input, sender) => {
      const page = await list(input, sender)
      return { ...page, items: page.items.map(withoutPinLink) }
    }
  }
  return {
    handlers,
    services,
    logger,
    dataDir: opts.dataDir,
    demo: demo !== null,
    mediaFile: (itemId) => videoSource(data.items.get(itemId)),
    startWatches: () => watches.start(),
    async shutdown() {
      pinOpsStop.abort()
      core.pinOps.stop()
      for (const u of unsubscribe) u()
      stopAccountWatch()
      account.dispose()
      clearTimeout(lockTimer)
      await core.close()
      lock.release()
      logger.info('pinload stopped')
      data.close()
      await demo?.close()
    },
  }
}
