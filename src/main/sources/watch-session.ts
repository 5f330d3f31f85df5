import { open, readdir, stat } from 'node:fs/promises'
import type { Stats } from 'node:fs'
import { basename, isAbsolute, join, relative, sep } from 'node:path'
import { watch, type FSWatcher } from 'chokidar'
import type { ItemDraft, WatchView } from '../../shared/domain'
import { DONE_DIR, FAILED_DIR } from './done-mover'
import { resolveScanBoards, scanPaths } from './folder-scan'
import { isIgnoredName, isPartialName } from './folder-walk'
import type { WatchRecord } from '../db/watch-repository'
import type { QueueSink } from '../pipeline/queue-sink'
import type { BoardResolver, NameLookup } from './source-types'
import type { ProblemLog } from './watch-problems'

/** Reported after each batch the watcher hands to the queue. */
export interface WatchQueued {
  watchId: number
  paths: string[]
  batchId: number
}

/** What the service shows of a watch; a session updates it as files come and go. */
export interface WatchState {
  record: WatchRecord
  status: WatchView['status']
  lastFile?: string
  /** The folder itself is missing or its watcher failed; shown before any file problem. */
  folderError?: string
  problems: ProblemLog
}

export interface SessionOptions {
  sink: QueueSink
  /** A file is queued once its size and mtime have not changed for this long (ms). */
  stableMs: number
  /** Poll interval (ms) when polling; default 1000. */
  pollIntervalMs?: number
  usePolling?: boolean
  /** First wait (ms) before a temporary error is tried again; doubles each try; default 5000. */
  retryMs?: number
}

/** How a session tells the service what happened. */
export interface SessionEvents {
  /** Problems changed; the service coalesces these (a failed batch reports many at once). */
  changed(): void
  /** Status or last file changed. */
  changedNow(): void
  queued(q: WatchQueued): void
  /** The watched folder itself was removed or renamed away. */
  rootRemoved(): void
}

/** Files that became stable together are queued as one batch after this short pause (ms). */
const BATCH_WINDOW_MS = 50
/** Tries of a file that keeps hitting a temporary error before it is reported as given up (about half an hour at the default pace). */
const MAX_TRIES = 12
const RETRY_CAP_MS = 5 * 60_000

interface Pending {
  size: number
  mtimeMs: number
  timer: NodeJS.Timeout
}

interface Retry {
  tries: number
  timer?: NodeJS.Timeout
}

const stampOf = (s: Stats) => `${s.size}:${s.mtimeMs}`
export const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e))
const inWords = (ms: number) => (ms < 60_000 ? `${Math.ceil(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`)

function isIgnored(root: string, p: string): boolean {
  if (!isAbsolute(p)) return false
  const rel = relative(root, p)
  if (rel === '' || rel.startsWith('..')) return false
  const parts = rel.split(sep)
  if (parts[0] === DONE_DIR || parts[0] === FAILED_DIR) return true
  if (parts.some(isIgnoredName)) return true
  const name = parts[parts.length - 1] ?? ''
  return isPartialName(name) || name.toLowerCase().endsWith('.json')
}

/**
 * One opening of a watched folder: ends when the watch stops or the folder goes away. Each file is queued
 * once it stopped changing (size and mtime unchanged for `stableMs`, and it opens for reading); our own
 * check rather than chokidar's awaitWriteFinish, so the rule is explicit and the same under polling.
 */
export class WatchSession {
  private watcher?: FSWatcher
  private readonly pending = new Map<string, Pending>()
  /** Paths queued (or found already known) in this session, with the size:mtime they had: a new version is looked at again. */
  private readonly handled = new Map<string, string>()
  /** Paths refused for good (not media, no board) with the size:mtime they had, so sweeps do not re-report them. */
  private readonly refused = new Map<string, string>()
  /** Paths waiting to be tried again after a temporary error. */
  private readonly retries = new Map<string, Retry>()
  private batch: { path: string; stamp: string; draft: ItemDraft }[] = []
  private flushTimer?: NodeJS.Timeout
  private sweepTimer?: NodeJS.Timeout
  private wakeReady?: () => void
  private failed = false
  private closed = false

  constructor(
    private readonly watch: WatchState,
    private readonly opts: SessionOptions,
    private readonly resolver: BoardResolver | null,
    private readonly events: SessionEvents,
  ) {}

  /** Starts watching; resolves once the catch-up listing is done (or the session was closed meanwhile). */
  async open(): Promise<void> {
    const a = this.watch
    const folder = a.record.folder
    const interval = this.opts.pollIntervalMs ?? 1000
    const watcher = watch(folder, {
      ignoreInitial: false,
      alwaysStat: true,
      usePolling: this.opts.usePolling ?? false,
      interval,
      binaryInterval: interval,
      ignorePermissionErrors: true,
      ignored: (p: string) => isIgnored(folder, p),
    })
    this.watcher = watcher
    watcher.on('add', (p: string, st?: Stats) => this.observe(p, st))
    watcher.on('change', (p: string, st?: Stats) => this.observe(p, st))
    watcher.on('unlink', (p: string) => this.forget(p))
    watcher.on('unlinkDir', (p: string) => {
      if (p === folder) this.events.rootRemoved()
    })
    watcher.on('error', (e: unknown) => {
      if (this.closed) return
      this.failed = true
      a.status = 'error'
      a.folderError = `Watching ${folder} stopped working: ${messageOf(e)}`
      this.events.changedNow()
    })
    await new Promise<void>((res) => {
      this.wakeReady = res
      watcher.once('ready', () => res())
    })
    if (this.closed) return
    if (!this.failed) a.status = 'watching'
    if (this.opts.usePolling) {
      // Polling misses a file created between chokidar's listing and its first poll of the folder, and
      // network drives drop changes: a periodic sweep of our own is the safety net.
      const sweep = () => {
        if (this.closed) return
        void this.sweep().finally(() => {
          if (!this.closed) this.sweepTimer = setTimeout(sweep, Math.max(interval * 10, 1000)).unref()
        })
      }
      this.sweepTimer = setTimeout(sweep, interval * 2).unref()
    }
  }

  async close(): Promise<void> {
    this.closed = true
    for (const p of this.pending.values()) clearTimeout(p.timer)
    this.pending.clear()
    for (const r of this.retries.values()) clearTimeout(r.timer)
    this.retries.clear()
    if (this.flushTimer) clearTimeout(this.flushTimer)
    if (this.sweepTimer) clearTimeout(this.sweepTimer)
    this.batch = []
    this.wakeReady?.()
    await this.watcher?.close()
  }

  private async sweep(): Promise<void> {
    const root = this.watch.record.folder
    const dirs = [root]
    while (dirs.length > 0 && !this.closed) {
      const dir = dirs.pop()!
      const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
      for (const e of entries) {
        const p = join(dir, e.name)
        if (isIgnored(root, p)) continue
        if (e.isDirectory()) dirs.push(p)
        else if (e.isFile() && !this.handled.has(p) && !this.pending.has(p) && !this.retries.has(p)) {
          const st = await stat(p).catch(() => null)
          if (st) this.observe(p, st)
        }
      }
    }
  }

  /** A file left the folder: nothing about it is pending or worth reporting any more. */
  private forget(path: string): void {
    const pend = this.pending.get(path)
    if (pend) clearTimeout(pend.timer)
    this.pending.delete(path)
    this.handled.delete(path)
    this.refused.delete(path)
    clearTimeout(this.retries.get(path)?.timer)
    this.retries.delete(path)
    if (this.watch.problems.delete(path)) this.events.changed()
  }

  private observe(path: string, st?: Stats): void {
    if (this.closed || this.pending.has(path)) return
    if (st && !st.isFile()) return
    const stamp = st && stampOf(st)
    const queued = this.handled.get(path)
    if (queued !== undefined) {
      // Saved again after it was queued: a new version, looked at again (the queue skips identical bytes).
      if (stamp === undefined || stamp === queued) return
      this.handled.delete(path)
    }
    if (stamp !== undefined && this.refused.get(path) === stamp) return
    // -1 forces a second look when chokidar gave no stats, so a file is never judged on one sample.
    const pend: Pending = {
      size: st?.size ?? -1,
      mtimeMs: st?.mtimeMs ?? -1,
      timer: setTimeout(() => void this.check(path), this.opts.stableMs),
    }
    this.pending.set(path, pend)
  }

  private async check(path: string): Promise<void> {
    const pend = this.pending.get(path)
    if (!pend || this.closed) return
    const st = await stat(path).catch(() => null)
    if (!st?.isFile()) {
      this.pending.delete(path)
      return
    }
    const rearm = () => {
      pend.size = st.size
      pend.mtimeMs = st.mtimeMs
      pend.timer = setTimeout(() => void this.check(path), this.opts.stableMs)
    }
    if (st.size !== pend.size || st.mtimeMs !== pend.mtimeMs) return rearm()
    // Windows keeps a file being written locked: opening it fails until the writer is done.
    const readable = await open(path, 'r').then(
      (fh) => fh.close().then(() => true),
      () => false,
    )
    if (!readable) return rearm()
    this.pending.delete(path)
    if (this.closed || this.handled.has(path)) return
    this.handled.set(path, stampOf(st))
    await this.consider(path, st).catch((e: unknown) =>
      this.retryLater(path, stampOf(st), `${basename(path)}: ${messageOf(e)}`),
    )
  }

  /** Builds the draft of a stable file (content check, sidecar, board) unless the queue already knows it. */
  private async consider(path: string, st: Stats): Promise<void> {
    const stamp = stampOf(st)
    if (this.opts.sink.isKnownFile(path, st.size, st.mtimeMs)) return this.settle(path)
    const r = this.watch.record
    const name = basename(path)
    let boardId = r.boardId
    let boardSectionId = r.boardSectionId
    const parts = relative(r.folder, path).split(sep)
    if (r.subfolderBoards && parts.length > 1) {
      const boardName = parts[0] ?? ''
      if (!this.resolver && !/^\d+$/.test(boardName)) {
        return this.refuse(
          path,
          stamp,
          `${name}: Cannot look up board '${boardName}': not connected to Pinterest`,
        )
      }
      const found: NameLookup = this.resolver ? await this.resolver.resolve(boardName) : { id: boardName }
      // Pinterest may answer next time, and a missing board may be created meanwhile.
      if ('error' in found) return this.retryLater(path, stamp, `${name}: ${found.error}`)
      boardId = found.id
      boardSectionId = undefined
    } else if (!boardId) {
      return this.refuse(
        path,
        stamp,
        `${name} is not in a board subfolder, and this folder has no board of its own`,
      )
    }
    const scanned = await scanPaths([path], { boardId, boardSectionId })
    if (!scanned.drafts[0]) {
      // Not media (or a bad sidecar): says why, and is looked at again if the file changes.
      return this.refuse(
        path,
        stamp,
        scanned.problems.map((p) => p.message).join('; ') || `${name} was skipped`,
      )
    }
    const resolved = await resolveScanBoards(scanned, this.resolver)
    const draft = resolved.drafts[0]
    if (!draft) {
      const why = `${name}: ${resolved.problems.map((p) => p.message).join('; ')}`
      return this.resolver ? this.retryLater(path, stamp, why) : this.refuse(path, stamp, why)
    }
    if (this.closed) return
    this.batch.push({ path, stamp, draft })
    this.flushTimer ??= setTimeout(() => this.flush(), BATCH_WINDOW_MS)
  }

  private report(path: string, message: string): void {
    this.watch.problems.report(path, message)
    this.events.changed()
  }

  /** The file is queued (or already known): its problem and any retry go. */
  private settle(path: string): void {
    clearTimeout(this.retries.get(path)?.timer)
    this.retries.delete(path)
    if (this.watch.problems.delete(path)) this.events.changed()
  }

  /** A problem only a change to the file can fix. */
  private refuse(path: string, stamp: string, message: string): void {
    if (this.closed) return
    this.handled.delete(path)
    this.refused.set(path, stamp)
    clearTimeout(this.retries.get(path)?.timer)
    this.retries.delete(path)
    this.report(path, message)
  }

  /** A problem that may go away (Pinterest, the database, a board still to be created): looked at again later, with backoff. */
  private retryLater(path: string, stamp: string, message: string): void {
    if (this.closed) return
    this.handled.delete(path)
    const prev = this.retries.get(path)
    clearTimeout(prev?.timer)
    const tries = (prev?.tries ?? 0) + 1
    if (tries >= MAX_TRIES) {
      return this.refuse(
        path,
        stamp,
        `${message}; gave up after ${tries} tries (save the file again, or restart, to try once more)`,
      )
    }
    const delay = Math.min((this.opts.retryMs ?? 5000) * 2 ** (tries - 1), RETRY_CAP_MS)
    const timer = setTimeout(() => void this.retryNow(path), delay).unref()
    this.retries.set(path, { tries, timer })
    this.report(path, `${message}; trying again in ${inWords(delay)}`)
  }

  private async retryNow(path: string): Promise<void> {
    const r = this.retries.get(path)
    if (!r || this.closed) return
    r.timer = undefined
    const st = await stat(path).catch(() => null)
    if (this.closed) return
    if (!st?.isFile()) return this.forget(path)
    this.observe(path, st)
  }

  private flush(): void {
    this.flushTimer = undefined
    const batch = this.batch
    this.batch = []
    if (batch.length === 0 || this.closed) return
    const a = this.watch
    try {
      const res = this.opts.sink.enqueue(
        batch.map((b) => b.draft),
        { kind: 'watch', label: basename(a.record.folder) },
        // The account the folder was added under, whichever is in use now (issue 15).
        a.record.accountKey === undefined ? {} : { accountKey: a.record.accountKey },
      )
      a.lastFile = batch[batch.length - 1]?.path
      for (const b of batch) this.settle(b.path)
      this.events.queued({ watchId: a.record.id, paths: batch.map((b) => b.path), batchId: res.batchId })
    } catch (e) {
      // "database is locked", a full disk: the files are fine, the queue was not.
      for (const b of batch)
        this.retryLater(b.path, b.stamp, `Could not queue ${basename(b.path)}: ${messageOf(e)}`)
    }
    this.events.changedNow()
  }
}
