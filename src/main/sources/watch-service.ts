import { stat } from 'node:fs/promises'
import { environmentOfKey, usernameOfKey } from '../../shared/account-key'
import { basename, relative, resolve as resolvePath, sep } from 'node:path'
import type { WatchView } from '../../shared/domain'
import { AppError } from '../../shared/ipc/result'
import { DONE_DIR, FAILED_DIR, moveFinished } from './done-mover'
import type { WatchRecord, WatchStore } from '../db/watch-repository'
import type { QueueSink } from '../pipeline/queue-sink'
import { ProblemLog, type WatchProblem } from './watch-problems'
import { sessionResolverMaker, type SessionResolvers, type WatchResolver } from './watch-resolver'
import {
  messageOf,
  WatchSession,
  type SessionEvents,
  type WatchQueued,
  type WatchState,
} from './watch-session'

export type { WatchProblem } from './watch-problems'
export type { WatchQueued } from './watch-session'

export interface WatchServiceOptions {
  store: WatchStore
  sink: QueueSink
  resolver?: WatchResolver
  /** A file is queued once its size and mtime have not changed for this long (ms). */
  stableMs: number
  /** Poll interval (ms) when polling; default 1000. */
  pollIntervalMs?: number
  /** Poll instead of OS events (network drives, where events do not arrive). */
  usePolling?: boolean
  /** How often (ms) a watched folder is checked for being moved or deleted, or for being back; default 5000. */
  folderCheckMs?: number
  /** First wait (ms) before a file that hit a temporary error (Pinterest, the database) is tried again; doubles each try; default 5000. */
  retryMs?: number
  now?: () => number
}

/** A stored watch while the service runs: its session comes and goes with the folder. */
interface Active extends WatchState {
  session?: WatchSession
  folderTimer?: NodeJS.Timeout
  /** dev:ino:birth of the folder the session opened: a folder deleted and made again under the same name is another one. */
  identity?: string
  checkingFolder: boolean
  stopped: boolean
}

function isUnder(child: string, parent: string): boolean {
  return child === parent || child.startsWith(parent.endsWith(sep) ? parent : parent + sep)
}

/**
 * Which folder a path is, or null when it is not a folder. ext4 gives a folder made right after a delete
 * the same inode, so the birth time (where the file system keeps one) tells them apart. bigint: Windows
 * file ids exceed 2^53.
 */
const folderIdentity = (p: string) =>
  stat(p, { bigint: true }).then(
    (s) => (s.isDirectory() ? `${s.dev}:${s.ino}:${s.birthtimeNs}` : null),
    () => null,
  )

/**
 * Watched folders: each file that appears (or appeared while the app was closed) is queued exactly once,
 * and only after it stopped changing (see WatchSession). Temporary errors are tried again with backoff;
 * a folder that goes away is reported and watched again when it is back.
 */
export class WatchService {
  private readonly active = new Map<number, Active>()
  private readonly changeListeners = new Set<(views: WatchView[]) => void>()
  private readonly queuedListeners = new Set<(q: WatchQueued) => void>()
  private readonly resolvers: SessionResolvers
  private readonly now: () => number
  private started = false
  private changeDue = false

  constructor(private readonly opts: WatchServiceOptions) {
    this.now = opts.now ?? Date.now
    this.resolvers = sessionResolverMaker(opts.resolver, this.now)
  }

  /** Opens every stored watch; resolves once each has finished its catch-up listing. */
  async start(): Promise<void> {
    if (this.started) return
    this.started = true
    await Promise.all(this.opts.store.list().map((r) => this.open(r)))
    this.emitChange()
  }

  async stop(): Promise<void> {
    this.started = false
    const all = [...this.active.values()]
    this.active.clear()
    await Promise.all(all.map((a) => this.close(a)))
    this.emitChange()
  }

  async add(input: Omit<WatchRecord, 'id'>): Promise<WatchView> {
    const folder = resolvePath(input.folder)
    const st = await stat(folder).catch(() => null)
    if (!st?.isDirectory()) throw new AppError('validation', `${folder} is not a folder that exists`)
    if (!input.boardId && !input.subfolderBoards) {
      throw new AppError(
        'validation',
        'Choose a board for this folder, or use subfolder names as board names',
      )
    }
    const clash = this.opts.store.list().find((r) => isUnder(folder, r.folder) || isUnder(r.folder, folder))
    if (clash) throw new AppError('conflict', `${folder} overlaps the watched folder ${clash.folder}`)
    const record = this.opts.store.add({ ...input, folder })
    if (this.started) await this.open(record)
    this.emitChange()
    return this.view(record)
  }

  async remove(id: number): Promise<void> {
    const a = this.active.get(id)
    this.active.delete(id)
    if (a) await this.close(a)
    this.opts.store.remove(id)
    this.emitChange()
  }

  list(): WatchView[] {
    return this.opts.store.list().map((r) => this.view(r))
  }

  /** Every watch lists the boards again before its next board name: the signed-in user changed. */
  forgetBoards(): void {
    this.resolvers.forget()
  }

  /** The files of a watch that are not queued (or not moved) in this session and why, newest first; at most 50. */
  problems(id: number): WatchProblem[] {
    return this.active.get(id)?.problems.newest() ?? []
  }

  /** Called with the whole list whenever a watch's status, last file or problems change. Returns an unsubscribe. */
  onChange(listener: (views: WatchView[]) => void): () => void {
    this.changeListeners.add(listener)
    return () => this.changeListeners.delete(listener)
  }

  onQueued(listener: (q: WatchQueued) => void): () => void {
    this.queuedListeners.add(listener)
    return () => this.queuedListeners.delete(listener)
  }

  /**
   * The queue reports a watched file's end; with `moveDone` it moves to done/ or failed/ (with a
   * reason file). Returns the new path, or undefined when the file is not in a moveDone watch.
   */
  async onItemFinished(
    path: string,
    outcome: 'published' | 'failed',
    reason?: string,
  ): Promise<string | undefined> {
    const record = this.opts.store.list().find((r) => r.moveDone && isUnder(path, r.folder))
    if (!record) return undefined
    const top = relative(record.folder, path).split(sep)[0]
    if (top === DONE_DIR || top === FAILED_DIR) return undefined
    try {
      return await moveFinished(record.folder, path, outcome, reason)
    } catch (e) {
      const a = this.active.get(record.id)
      if (a) {
        a.problems.report(
          path,
          `Could not move ${basename(path)} to ${outcome === 'published' ? DONE_DIR : FAILED_DIR}/: ${messageOf(e)}`,
        )
        this.changed()
      }
      return undefined
    }
  }

  private view(r: WatchRecord): WatchView {
    const a = this.active.get(r.id)
    const v: WatchView = {
      id: r.id,
      folder: r.folder,
      subfolderBoards: r.subfolderBoards,
      moveDone: r.moveDone,
      status: a?.status ?? 'stopped',
      problems: a?.problems.newest() ?? [],
    }
    if (r.boardId !== undefined) v.boardId = r.boardId
    if (r.boardSectionId !== undefined) v.boardSectionId = r.boardSectionId
    // `<environment>:<username>` (issue 15); an environment alone names no user.
    const user = r.accountKey === undefined ? undefined : usernameOfKey(r.accountKey)
    if (r.accountKey !== undefined && user !== undefined) {
      v.account = user
      v.accountEnvironment = environmentOfKey(r.accountKey)
    }
    if (a?.lastFile !== undefined) v.lastFile = a.lastFile
    const error = a && (a.folderError ?? a.problems.summary())
    if (error !== undefined) v.lastError = error
    return v
  }

  private emitChange(): void {
    if (this.changeListeners.size === 0) return
    const views = this.list()
    for (const l of this.changeListeners) l(views)
  }

  /** One change event for the many problems a failed batch reports at once. */
  private changed(): void {
    if (this.changeDue) return
    this.changeDue = true
    queueMicrotask(() => {
      this.changeDue = false
      this.emitChange()
    })
  }

  private async open(record: WatchRecord): Promise<void> {
    const a: Active = {
      record,
      status: 'stopped',
      problems: new ProblemLog(this.now),
      checkingFolder: false,
      stopped: false,
    }
    this.active.set(record.id, a)
    const identity = await folderIdentity(record.folder)
    // Removed (or the service stopped) while we looked: nobody would close a session opened now.
    if (a.stopped) return
    if (identity) await this.startSession(a, identity)
    else {
      a.status = 'error'
      a.folderError = `Folder ${record.folder} is not there (moved, deleted, or on a drive that is not connected); watching starts again when it is back`
    }
    // A renamed folder sends no event (the OS keeps watching it under its new name), and a missing one
    // none at all: a look now and then is the only way to see either.
    const every = this.opts.folderCheckMs ?? 5000
    const tick = () => {
      if (a.stopped) return
      void this.checkFolder(a).finally(() => {
        if (!a.stopped) a.folderTimer = setTimeout(tick, every).unref()
      })
    }
    a.folderTimer = setTimeout(tick, every).unref()
  }

  /**
   * Ends the session of a folder that went away, starts one for a folder that is back, and starts over
   * (with catch-up) on a folder deleted and made again (`rm -rf dir; mkdir dir`, sync tools): the OS
   * watch stays on the deleted folder and chokidar reports nothing.
   */
  private async checkFolder(a: Active): Promise<void> {
    if (a.checkingFolder) return
    a.checkingFolder = true
    try {
      const identity = await folderIdentity(a.record.folder)
      if (a.stopped) return
      if (a.session && identity && identity !== a.identity) {
        const s = a.session
        a.session = undefined
        await s.close()
        if (a.stopped) return
        a.problems.clear()
        await this.startSession(a, identity)
        this.emitChange()
      } else if (a.session && !identity) {
        const s = a.session
        a.session = undefined
        await s.close()
        a.problems.clear()
        a.status = 'error'
        a.folderError = `Folder ${a.record.folder} was moved or deleted; watching starts again when it is back`
        this.emitChange()
      } else if (!a.session && identity) {
        await this.startSession(a, identity)
        this.emitChange()
      }
    } finally {
      a.checkingFolder = false
    }
  }

  private async startSession(a: Active, identity: string): Promise<void> {
    const events: SessionEvents = {
      changed: () => this.changed(),
      changedNow: () => this.emitChange(),
      queued: (q: WatchQueued) => {
        for (const l of this.queuedListeners) l(q)
      },
      rootRemoved: () => void this.checkFolder(a),
    }
    const { sink, stableMs, pollIntervalMs, usePolling, retryMs } = this.opts
    const s = new WatchSession(
      a,
      { sink, stableMs, pollIntervalMs, usePolling, retryMs },
      this.resolvers.make(a.record.accountKey),
      events,
    )
    a.session = s
    a.identity = identity
    a.folderError = undefined
    await s.open()
  }

  private async close(a: Active): Promise<void> {
    a.stopped = true
    if (a.folderTimer) clearTimeout(a.folderTimer)
    const s = a.session
    a.session = undefined
    if (s) await s.close()
  }
}
