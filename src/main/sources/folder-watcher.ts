import { open, readdir, stat } from 'node:fs/promises'
import type { Stats } from 'node:fs'
import { basename, isAbsolute, join, relative, resolve as resolvePath, sep } from 'node:path'
import { watch, type FSWatcher } from 'chokidar'
import type { ItemDraft, WatchView } from '../../shared/domain'
import { AppError } from '../../shared/ipc/result'
import { DONE_DIR, FAILED_DIR, moveFinished } from './done-mover'
import { isIgnoredName, isPartialName, resolveScanBoards, scanPaths } from './folder-scan'
import type { BoardResolver, NameLookup, QueueSink, WatchRecord, WatchStore } from './source-types'

/**
 * Where a watch session gets its board resolver. `create` is called once per session, so one board
 * listing serves every file of the folder, and again when a name is not found (at most once a minute: the
 * user may just have created the board) or when `key` changes (another account).
 */
export interface WatchResolverSource {
  create(): BoardResolver
  key?(): string
}

/** Board names for "subfolder = board" and sidecars: a resolver source, a full resolver, or just a board-name function. */
export type WatchResolver = WatchResolverSource | BoardResolver | ((boardName: string) => Promise<NameLookup>)

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

/** Reported after each batch the watcher hands to the queue. */
export interface WatchQueued {
  watchId: number
  paths: string[]
  batchId: number
}

/** A file of a watch that is not queued (or was not moved to done/ or failed/), and why. */
export interface WatchProblem {
  path: string
  /** Names the file and says why; ends with "trying again in …" while a retry is due. */
  message: string
  /** When it was reported (ms since the epoch). */
  at: number
}

/** Files that became stable together are queued as one batch after this short pause (ms). */
const BATCH_WINDOW_MS = 50
/** Problems kept per watch; older ones give way. */
const MAX_PROBLEMS = 50
/** Problems the view's message spells out; the others are named by file. */
const PROBLEMS_SHOWN = 3
const NAMES_SHOWN = 5
/** Tries of a file that keeps hitting a temporary error before it is reported as given up (about half an hour at the default pace). */
const MAX_TRIES = 12
const RETRY_CAP_MS = 5 * 60_000
/** A name not found lists the boards again at most this often (ms): a Trial app has 1,000 requests a day. */
const RESOLVER_REFRESH_MS = 60_000

interface Pending {
  size: number
  mtimeMs: number
  timer: NodeJS.Timeout
}

interface Retry {
  tries: number
  timer?: NodeJS.Timeout
}

/** One opening of a watched folder: ends when the watch stops or the folder goes away. */
interface Session {
  watch: Active
  watcher?: FSWatcher
  resolver: BoardResolver | null
  pending: Map<string, Pending>
  /** Paths queued (or found already known) in this session, with the size:mtime they had: a new version is looked at again. */
  handled: Map<string, string>
  /** Paths refused for good (not media, no board) with the size:mtime they had, so sweeps do not re-report them. */
  refused: Map<string, string>
  /** Paths waiting to be tried again after a temporary error. */
  retries: Map<string, Retry>
  batch: { path: string; stamp: string; draft: ItemDraft }[]
  flushTimer?: NodeJS.Timeout
  sweepTimer?: NodeJS.Timeout
  wakeReady?: () => void
  failed: boolean
  closed: boolean
}

interface Active {
  record: WatchRecord
  status: WatchView['status']
  lastFile?: string
  /** The folder itself is missing or its watcher failed; shown before any file problem. */
  folderError?: string
  /** By path, oldest first. */
  problems: Map<string, WatchProblem>
  session?: Session
  folderTimer?: NodeJS.Timeout
  checkingFolder: boolean
  stopped: boolean
}

/**
 * One board listing per watch session, made again when a name is not found (at most once a minute) or the
 * account changes: 300 files dropped into "Recipes/" cost one GET /boards, not 300.
 */
class SessionResolver implements BoardResolver {
  private current: BoardResolver
  private key: string | undefined
  private madeAt: number

  constructor(
    private readonly source: WatchResolverSource,
    private readonly now: () => number,
  ) {
    this.key = source.key?.()
    this.current = source.create()
    this.madeAt = now()
  }

  resolve = (name: string) => this.ask((r) => r.resolve(name))
  lookup = (name: string) => this.ask((r) => r.lookup(name))
  resolveSection = (boardId: string, name: string) => this.ask((r) => r.resolveSection(boardId, name))
  lookupSection = (boardId: string, name: string) => this.ask((r) => r.lookupSection(boardId, name))

  private remake(key: string | undefined): void {
    this.key = key
    this.current = this.source.create()
    this.madeAt = this.now()
  }

  private async ask(f: (r: BoardResolver) => Promise<NameLookup>): Promise<NameLookup> {
    const key = this.source.key?.()
    if (key !== this.key) this.remake(key)
    const used = this.current
    const found = await f(used)
    if (!('error' in found) || !found.missing) return found
    if (used === this.current) {
      if (this.now() - this.madeAt < RESOLVER_REFRESH_MS) return found
      this.remake(this.key)
    }
    return f(this.current)
  }
}

function resolverMaker(r: WatchResolver | undefined, now: () => number): () => BoardResolver | null {
  if (!r) return () => null
  if (typeof r === 'function') {
    const noSections = (_boardId: string, name: string): Promise<NameLookup> =>
      Promise.resolve({ error: `Cannot look up section '${name}' here; use the section ID` })
    const plain: BoardResolver = { resolve: r, lookup: r, resolveSection: noSections, lookupSection: noSections }
    return () => plain
  }
  if ('create' in r) return () => new SessionResolver(r, now)
  return () => r
}

function isUnder(child: string, parent: string): boolean {
  return child === parent || child.startsWith(parent.endsWith(sep) ? parent : parent + sep)
}

const isFolder = (p: string) => stat(p).then((s) => s.isDirectory(), () => false)
const stampOf = (s: Stats) => `${s.size}:${s.mtimeMs}`
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e))
const inWords = (ms: number) => (ms < 60_000 ? `${Math.ceil(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`)

/** The view's one message: every problem of the session counts, newest first, so a later success hides none. */
function summarize(problems: Map<string, WatchProblem>): string | undefined {
  const newest = [...problems.values()].reverse()
  if (newest.length <= 1) return newest[0]?.message
  const rest = newest.slice(PROBLEMS_SHOWN).map((p) => basename(p.path))
  const names = rest.slice(0, NAMES_SHOWN).join(', ') + (rest.length > NAMES_SHOWN ? ` and ${rest.length - NAMES_SHOWN} more` : '')
  const shown = newest.slice(0, PROBLEMS_SHOWN).map((p) => p.message)
  return `${newest.length} files need attention: ${shown.join('; ')}${rest.length > 0 ? `; also ${names}` : ''}`
}

/**
 * Watched folders: each file that appears (or appeared while the app was closed) is queued exactly once,
 * and only after it stopped changing. Our own stability check rather than chokidar's awaitWriteFinish,
 * so the rule is explicit (size and mtime unchanged for `stableMs`, and the file opens for reading)
 * and the same under polling. Temporary errors are tried again with backoff; a folder that goes away is
 * reported and watched again when it is back.
 */
export class WatchService {
  private readonly active = new Map<number, Active>()
  private readonly changeListeners = new Set<(views: WatchView[]) => void>()
  private readonly queuedListeners = new Set<(q: WatchQueued) => void>()
  private readonly newResolver: () => BoardResolver | null
  private readonly now: () => number
  private started = false
  private changeDue = false

  constructor(private readonly opts: WatchServiceOptions) {
    this.now = opts.now ?? Date.now
    this.newResolver = resolverMaker(opts.resolver, this.now)
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
      throw new AppError('validation', 'Choose a board for this folder, or use subfolder names as board names')
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

  /** The files of a watch that are not queued (or not moved) in this session and why, newest first; at most 50. */
  problems(id: number): WatchProblem[] {
    return [...(this.active.get(id)?.problems.values() ?? [])].reverse()
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
  async onItemFinished(path: string, outcome: 'published' | 'failed', reason?: string): Promise<string | undefined> {
    const record = this.opts.store.list().find((r) => r.moveDone && isUnder(path, r.folder))
    if (!record) return undefined
    const top = relative(record.folder, path).split(sep)[0]
    if (top === DONE_DIR || top === FAILED_DIR) return undefined
    try {
      return await moveFinished(record.folder, path, outcome, reason)
    } catch (e) {
      const a = this.active.get(record.id)
      if (a) this.report(a, path, `Could not move ${basename(path)} to ${outcome === 'published' ? DONE_DIR : FAILED_DIR}/: ${messageOf(e)}`)
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
    }
    if (r.boardId !== undefined) v.boardId = r.boardId
    if (r.boardSectionId !== undefined) v.boardSectionId = r.boardSectionId
    if (a?.lastFile !== undefined) v.lastFile = a.lastFile
    const error = a && (a.folderError ?? summarize(a.problems))
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

  private report(a: Active, path: string, message: string): void {
    a.problems.delete(path)
    a.problems.set(path, { path, message, at: this.now() })
    if (a.problems.size > MAX_PROBLEMS) a.problems.delete(a.problems.keys().next().value!)
    this.changed()
  }

  private ignored(root: string, p: string): boolean {
    if (!isAbsolute(p)) return false
    const rel = relative(root, p)
    if (rel === '' || rel.startsWith('..')) return false
    const parts = rel.split(sep)
    if (parts[0] === DONE_DIR || parts[0] === FAILED_DIR) return true
    if (parts.some(isIgnoredName)) return true
    const name = parts[parts.length - 1] ?? ''
    return isPartialName(name) || name.toLowerCase().endsWith('.json')
  }

  private async open(record: WatchRecord): Promise<void> {
    const a: Active = { record, status: 'stopped', problems: new Map(), checkingFolder: false, stopped: false }
    this.active.set(record.id, a)
    if (await isFolder(record.folder)) await this.startSession(a)
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

  private async checkFolder(a: Active): Promise<void> {
    if (a.checkingFolder) return
    a.checkingFolder = true
    try {
      const there = await isFolder(a.record.folder)
      if (a.stopped) return
      if (a.session && !there) {
        const s = a.session
        a.session = undefined
        await this.endSession(s)
        a.problems.clear()
        a.status = 'error'
        a.folderError = `Folder ${a.record.folder} was moved or deleted; watching starts again when it is back`
        this.emitChange()
      } else if (!a.session && there) {
        await this.startSession(a)
        this.emitChange()
      }
    } finally {
      a.checkingFolder = false
    }
  }

  private async startSession(a: Active): Promise<void> {
    const folder = a.record.folder
    const s: Session = {
      watch: a,
      resolver: this.newResolver(),
      pending: new Map(),
      handled: new Map(),
      refused: new Map(),
      retries: new Map(),
      batch: [],
      failed: false,
      closed: false,
    }
    a.session = s
    a.folderError = undefined
    const interval = this.opts.pollIntervalMs ?? 1000
    const watcher = watch(folder, {
      ignoreInitial: false,
      alwaysStat: true,
      usePolling: this.opts.usePolling ?? false,
      interval,
      binaryInterval: interval,
      ignorePermissionErrors: true,
      ignored: (p: string) => this.ignored(folder, p),
    })
    s.watcher = watcher
    watcher.on('add', (p: string, st?: Stats) => this.observe(s, p, st))
    watcher.on('change', (p: string, st?: Stats) => this.observe(s, p, st))
    watcher.on('unlink', (p: string) => this.forget(s, p))
    watcher.on('unlinkDir', (p: string) => {
      if (p === folder) void this.checkFolder(a)
    })
    watcher.on('error', (e: unknown) => {
      if (s.closed) return
      s.failed = true
      a.status = 'error'
      a.folderError = `Watching ${folder} stopped working: ${messageOf(e)}`
      this.emitChange()
    })
    await new Promise<void>((res) => {
      s.wakeReady = res
      watcher.once('ready', () => res())
    })
    if (s.closed) return
    if (!s.failed) a.status = 'watching'
    if (this.opts.usePolling) {
      // Polling misses a file created between chokidar's listing and its first poll of the folder, and
      // network drives drop changes: a periodic sweep of our own is the safety net.
      const sweep = () => {
        if (s.closed) return
        void this.sweep(s).finally(() => {
          if (!s.closed) s.sweepTimer = setTimeout(sweep, Math.max(interval * 10, 1000)).unref()
        })
      }
      s.sweepTimer = setTimeout(sweep, interval * 2).unref()
    }
  }

  private async endSession(s: Session): Promise<void> {
    s.closed = true
    for (const p of s.pending.values()) clearTimeout(p.timer)
    s.pending.clear()
    for (const r of s.retries.values()) clearTimeout(r.timer)
    s.retries.clear()
    if (s.flushTimer) clearTimeout(s.flushTimer)
    if (s.sweepTimer) clearTimeout(s.sweepTimer)
    s.batch = []
    s.wakeReady?.()
    await s.watcher?.close()
  }

  private async close(a: Active): Promise<void> {
    a.stopped = true
    if (a.folderTimer) clearTimeout(a.folderTimer)
    const s = a.session
    a.session = undefined
    if (s) await this.endSession(s)
  }

  private async sweep(s: Session): Promise<void> {
    const root = s.watch.record.folder
    const dirs = [root]
    while (dirs.length > 0 && !s.closed) {
      const dir = dirs.pop()!
      const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
      for (const e of entries) {
        const p = join(dir, e.name)
        if (this.ignored(root, p)) continue
        if (e.isDirectory()) dirs.push(p)
        else if (e.isFile() && !s.handled.has(p) && !s.pending.has(p) && !s.retries.has(p)) {
          const st = await stat(p).catch(() => null)
          if (st) this.observe(s, p, st)
        }
      }
    }
  }

  /** A file left the folder: nothing about it is pending or worth reporting any more. */
  private forget(s: Session, path: string): void {
    const pend = s.pending.get(path)
    if (pend) clearTimeout(pend.timer)
    s.pending.delete(path)
    s.handled.delete(path)
    s.refused.delete(path)
    clearTimeout(s.retries.get(path)?.timer)
    s.retries.delete(path)
    if (s.watch.problems.delete(path)) this.changed()
  }

  private observe(s: Session, path: string, st?: Stats): void {
    if (s.closed || s.pending.has(path)) return
    if (st && !st.isFile()) return
    const stamp = st && stampOf(st)
    const queued = s.handled.get(path)
    if (queued !== undefined) {
      // Saved again after it was queued: a new version, looked at again (the queue skips identical bytes).
      if (stamp === undefined || stamp === queued) return
      s.handled.delete(path)
    }
    if (stamp !== undefined && s.refused.get(path) === stamp) return
    // -1 forces a second look when chokidar gave no stats, so a file is never judged on one sample.
    const pend: Pending = { size: st?.size ?? -1, mtimeMs: st?.mtimeMs ?? -1, timer: setTimeout(() => void this.check(s, path), this.opts.stableMs) }
    s.pending.set(path, pend)
  }

  private async check(s: Session, path: string): Promise<void> {
    const pend = s.pending.get(path)
    if (!pend || s.closed) return
    const st = await stat(path).catch(() => null)
    if (!st?.isFile()) {
      s.pending.delete(path)
      return
    }
    const rearm = () => {
      pend.size = st.size
      pend.mtimeMs = st.mtimeMs
      pend.timer = setTimeout(() => void this.check(s, path), this.opts.stableMs)
    }
    if (st.size !== pend.size || st.mtimeMs !== pend.mtimeMs) return rearm()
    // Windows keeps a file being written locked: opening it fails until the writer is done.
    const readable = await open(path, 'r').then(
      (fh) => fh.close().then(() => true),
      () => false,
    )
    if (!readable) return rearm()
    s.pending.delete(path)
    if (s.closed || s.handled.has(path)) return
    s.handled.set(path, stampOf(st))
    await this.consider(s, path, st).catch((e: unknown) => this.retryLater(s, path, stampOf(st), `${basename(path)}: ${messageOf(e)}`))
  }

  /** Builds the draft of a stable file (content check, sidecar, board) unless the queue already knows it. */
  private async consider(s: Session, path: string, st: Stats): Promise<void> {
    const stamp = stampOf(st)
    if (this.opts.sink.isKnownFile(path, st.size, st.mtimeMs)) return this.settle(s, path)
    const r = s.watch.record
    const name = basename(path)
    let boardId = r.boardId
    let boardSectionId = r.boardSectionId
    const parts = relative(r.folder, path).split(sep)
    if (r.subfolderBoards && parts.length > 1) {
      const boardName = parts[0] ?? ''
      if (!s.resolver && !/^\d+$/.test(boardName)) {
        return this.refuse(s, path, stamp, `${name}: Cannot look up board '${boardName}': not connected to Pinterest`)
      }
      const found: NameLookup = s.resolver ? await s.resolver.resolve(boardName) : { id: boardName }
      // Pinterest may answer next time, and a missing board may be created meanwhile.
      if ('error' in found) return this.retryLater(s, path, stamp, `${name}: ${found.error}`)
      boardId = found.id
      boardSectionId = undefined
    } else if (!boardId) {
      return this.refuse(s, path, stamp, `${name} is not in a board subfolder, and this folder has no board of its own`)
    }
    const scanned = await scanPaths([path], { boardId, boardSectionId })
    if (!scanned.drafts[0]) {
      // Not media (or a bad sidecar): says why, and is looked at again if the file changes.
      return this.refuse(s, path, stamp, scanned.problems.map((p) => p.message).join('; ') || `${name} was skipped`)
    }
    const resolved = await resolveScanBoards(scanned, s.resolver)
    const draft = resolved.drafts[0]
    if (!draft) {
      const why = `${name}: ${resolved.problems.map((p) => p.message).join('; ')}`
      return s.resolver ? this.retryLater(s, path, stamp, why) : this.refuse(s, path, stamp, why)
    }
    if (s.closed) return
    s.batch.push({ path, stamp, draft })
    s.flushTimer ??= setTimeout(() => this.flush(s), BATCH_WINDOW_MS)
  }

  /** The file is queued (or already known): its problem and any retry go. */
  private settle(s: Session, path: string): void {
    clearTimeout(s.retries.get(path)?.timer)
    s.retries.delete(path)
    if (s.watch.problems.delete(path)) this.changed()
  }

  /** A problem only a change to the file can fix. */
  private refuse(s: Session, path: string, stamp: string, message: string): void {
    if (s.closed) return
    s.handled.delete(path)
    s.refused.set(path, stamp)
    clearTimeout(s.retries.get(path)?.timer)
    s.retries.delete(path)
    this.report(s.watch, path, message)
  }

  /** A problem that may go away (Pinterest, the database, a board still to be created): looked at again later, with backoff. */
  private retryLater(s: Session, path: string, stamp: string, message: string): void {
    if (s.closed) return
    s.handled.delete(path)
    const prev = s.retries.get(path)
    clearTimeout(prev?.timer)
    const tries = (prev?.tries ?? 0) + 1
    if (tries >= MAX_TRIES) {
      return this.refuse(s, path, stamp, `${message}; gave up after ${tries} tries (save the file again, or restart, to try once more)`)
    }
    const delay = Math.min((this.opts.retryMs ?? 5000) * 2 ** (tries - 1), RETRY_CAP_MS)
    const timer = setTimeout(() => void this.retryNow(s, path), delay).unref()
    s.retries.set(path, { tries, timer })
    this.report(s.watch, path, `${message}; trying again in ${inWords(delay)}`)
  }

  private async retryNow(s: Session, path: string): Promise<void> {
    const r = s.retries.get(path)
    if (!r || s.closed) return
    r.timer = undefined
    const st = await stat(path).catch(() => null)
    if (s.closed) return
    if (!st?.isFile()) return this.forget(s, path)
    this.observe(s, path, st)
  }

  private flush(s: Session): void {
    s.flushTimer = undefined
    const batch = s.batch
    s.batch = []
    if (batch.length === 0 || s.closed) return
    try {
      const res = this.opts.sink.enqueue(
        batch.map((b) => b.draft),
        { kind: 'watch', label: basename(s.watch.record.folder) },
      )
      s.watch.lastFile = batch[batch.length - 1]?.path
      for (const b of batch) this.settle(s, b.path)
      for (const l of this.queuedListeners) l({ watchId: s.watch.record.id, paths: batch.map((b) => b.path), batchId: res.batchId })
    } catch (e) {
      // "database is locked", a full disk: the files are fine, the queue was not.
      for (const b of batch) this.retryLater(s, b.path, b.stamp, `Could not queue ${basename(b.path)}: ${messageOf(e)}`)
    }
    this.emitChange()
  }
}
