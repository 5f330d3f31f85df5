import { open, readdir, stat } from 'node:fs/promises'
import type { Stats } from 'node:fs'
import { basename, isAbsolute, join, relative, resolve as resolvePath, sep } from 'node:path'
import { watch, type FSWatcher } from 'chokidar'
import type { ItemDraft, WatchView } from '../../shared/domain'
import { AppError } from '../../shared/ipc/result'
import { DONE_DIR, FAILED_DIR, moveFinished } from './done-mover'
import { isIgnoredName, isPartialName, resolveScanBoards, scanPaths } from './folder-scan'
import type { BoardResolver, NameLookup, QueueSink, WatchRecord, WatchStore } from './source-types'

/** Board names for "subfolder = board" and sidecars: a full resolver, or just a board-name function. */
export type WatchResolver = BoardResolver | ((boardName: string) => Promise<NameLookup>)

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
  now?: () => number
}

/** Reported after each batch the watcher hands to the queue. */
export interface WatchQueued {
  watchId: number
  paths: string[]
  batchId: number
}

/** Files that became stable together are queued as one batch after this short pause (ms). */
const BATCH_WINDOW_MS = 50

interface Pending {
  size: number
  mtimeMs: number
  timer: NodeJS.Timeout
}

interface Active {
  record: WatchRecord
  watcher?: FSWatcher
  status: WatchView['status']
  lastFile?: string
  lastError?: string
  pending: Map<string, Pending>
  /** Paths queued (or found already known) in this session: never queued twice until they disappear. */
  handled: Set<string>
  /** Paths refused (not media, no board) with the size:mtime they had, so sweeps do not re-report them. */
  refused: Map<string, string>
  sweepTimer?: NodeJS.Timeout
  batch: { path: string; draft: ItemDraft }[]
  flushTimer?: NodeJS.Timeout
  closed: boolean
}

function adaptResolver(r: WatchResolver | undefined): BoardResolver | null {
  if (!r) return null
  if (typeof r !== 'function') return r
  const noSections = (_boardId: string, name: string): Promise<NameLookup> =>
    Promise.resolve({ error: `Cannot look up section '${name}' here; use the section ID` })
  return { resolve: r, lookup: r, resolveSection: noSections, lookupSection: noSections }
}

function isUnder(child: string, parent: string): boolean {
  return child === parent || child.startsWith(parent.endsWith(sep) ? parent : parent + sep)
}

/**
 * Watched folders: each file that appears (or appeared while the app was closed) is queued exactly once,
 * and only after it stopped changing. Our own stability check rather than chokidar's awaitWriteFinish,
 * so the rule is explicit (size and mtime unchanged for `stableMs`, and the file opens for reading)
 * and the same under polling.
 */
export class WatchService {
  private readonly active = new Map<number, Active>()
  private readonly changeListeners = new Set<(views: WatchView[]) => void>()
  private readonly queuedListeners = new Set<(q: WatchQueued) => void>()
  private readonly resolver: BoardResolver | null
  private started = false

  constructor(private readonly opts: WatchServiceOptions) {
    this.resolver = adaptResolver(opts.resolver)
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

  /** Called with the whole list whenever a watch's status, last file or last error changes. Returns an unsubscribe. */
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
      if (a) this.setError(a, `Could not move ${basename(path)} to ${outcome === 'published' ? DONE_DIR : FAILED_DIR}/: ${(e as Error).message}`)
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
    if (a?.lastError !== undefined) v.lastError = a.lastError
    return v
  }

  private emitChange(): void {
    if (this.changeListeners.size === 0) return
    const views = this.list()
    for (const l of this.changeListeners) l(views)
  }

  private setError(a: Active, message: string): void {
    a.lastError = message
    this.emitChange()
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
    const a: Active = { record, status: 'stopped', pending: new Map(), handled: new Set(), refused: new Map(), batch: [], closed: false }
    this.active.set(record.id, a)
    const st = await stat(record.folder).catch(() => null)
    if (!st?.isDirectory()) {
      a.status = 'error'
      a.lastError = `Folder ${record.folder} is missing or not a folder`
      return
    }
    const interval = this.opts.pollIntervalMs ?? 1000
    const watcher = watch(record.folder, {
      ignoreInitial: false,
      alwaysStat: true,
      usePolling: this.opts.usePolling ?? false,
      interval,
      binaryInterval: interval,
      ignorePermissionErrors: true,
      ignored: (p: string) => this.ignored(record.folder, p),
    })
    a.watcher = watcher
    watcher.on('add', (p: string, s?: Stats) => this.observe(a, p, s))
    watcher.on('change', (p: string, s?: Stats) => this.observe(a, p, s))
    watcher.on('unlink', (p: string) => {
      const pend = a.pending.get(p)
      if (pend) clearTimeout(pend.timer)
      a.pending.delete(p)
      a.handled.delete(p)
      a.refused.delete(p)
    })
    watcher.on('error', (e: unknown) => {
      a.status = 'error'
      this.setError(a, `Watching stopped working: ${e instanceof Error ? e.message : String(e)}`)
    })
    await new Promise<void>((res) => watcher.once('ready', () => res()))
    if (a.status !== 'error') a.status = 'watching'
    if (this.opts.usePolling) {
      // Polling misses a file created between chokidar's listing and its first poll of the folder, and
      // network drives drop changes: a periodic sweep of our own is the safety net.
      const sweep = () => {
        if (a.closed) return
        void this.sweep(a).finally(() => {
          if (!a.closed) a.sweepTimer = setTimeout(sweep, Math.max(interval * 10, 1000)).unref()
        })
      }
      a.sweepTimer = setTimeout(sweep, interval * 2).unref()
    }
  }

  private async close(a: Active): Promise<void> {
    a.closed = true
    for (const p of a.pending.values()) clearTimeout(p.timer)
    a.pending.clear()
    if (a.flushTimer) clearTimeout(a.flushTimer)
    if (a.sweepTimer) clearTimeout(a.sweepTimer)
    a.batch = []
    await a.watcher?.close()
  }

  private async sweep(a: Active): Promise<void> {
    const dirs = [a.record.folder]
    while (dirs.length > 0 && !a.closed) {
      const dir = dirs.pop()!
      const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
      for (const e of entries) {
        const p = join(dir, e.name)
        if (this.ignored(a.record.folder, p)) continue
        if (e.isDirectory()) dirs.push(p)
        else if (e.isFile() && !a.handled.has(p) && !a.pending.has(p)) {
          const st = await stat(p).catch(() => null)
          if (st) this.observe(a, p, st)
        }
      }
    }
  }

  private observe(a: Active, path: string, s?: Stats): void {
    if (a.closed || a.handled.has(path) || a.pending.has(path)) return
    if (s && !s.isFile()) return
    if (s && a.refused.get(path) === `${s.size}:${s.mtimeMs}`) return
    // -1 forces a second look when chokidar gave no stats, so a file is never judged on one sample.
    const pend: Pending = { size: s?.size ?? -1, mtimeMs: s?.mtimeMs ?? -1, timer: setTimeout(() => void this.check(a, path), this.opts.stableMs) }
    a.pending.set(path, pend)
  }

  private async check(a: Active, path: string): Promise<void> {
    const pend = a.pending.get(path)
    if (!pend || a.closed) return
    const st = await stat(path).catch(() => null)
    if (!st?.isFile()) {
      a.pending.delete(path)
      return
    }
    const rearm = () => {
      pend.size = st.size
      pend.mtimeMs = st.mtimeMs
      pend.timer = setTimeout(() => void this.check(a, path), this.opts.stableMs)
    }
    if (st.size !== pend.size || st.mtimeMs !== pend.mtimeMs) return rearm()
    // Windows keeps a file being written locked: opening it fails until the writer is done.
    const readable = await open(path, 'r').then(
      (fh) => fh.close().then(() => true),
      () => false,
    )
    if (!readable) return rearm()
    a.pending.delete(path)
    if (a.closed || a.handled.has(path)) return
    a.handled.add(path)
    await this.consider(a, path, st).catch((e: unknown) => {
      a.handled.delete(path)
      this.setError(a, `${basename(path)}: ${e instanceof Error ? e.message : String(e)}`)
    })
  }

  /** Builds the draft of a stable file (content check, sidecar, board) unless the queue already knows it. */
  private async consider(a: Active, path: string, st: Stats): Promise<void> {
    if (this.opts.sink.isKnownFile(path, st.size, st.mtimeMs)) return
    const r = a.record
    let boardId = r.boardId
    let boardSectionId = r.boardSectionId
    const parts = relative(r.folder, path).split(sep)
    if (r.subfolderBoards && parts.length > 1) {
      const boardName = parts[0] ?? ''
      const found: NameLookup = this.resolver
        ? await this.resolver.resolve(boardName)
        : /^\d+$/.test(boardName)
          ? { id: boardName }
          : { error: `Cannot look up board '${boardName}': not connected to Pinterest` }
      if ('error' in found) {
        this.refuse(a, path, st)
        return this.setError(a, `${basename(path)}: ${found.error}`)
      }
      boardId = found.id
      boardSectionId = undefined
    } else if (!boardId) {
      this.refuse(a, path, st)
      return this.setError(a, `${basename(path)} is not in a board subfolder, and this folder has no board of its own`)
    }
    const scanned = await resolveScanBoards(await scanPaths([path], { boardId, boardSectionId }), this.resolver)
    const draft = scanned.drafts[0]
    if (!draft) {
      // Not media (or a bad sidecar): says why, and is looked at again if the file changes.
      this.refuse(a, path, st)
      return this.setError(a, scanned.problems.map((p) => p.message).join('; ') || `${basename(path)} was skipped`)
    }
    a.batch.push({ path, draft })
    a.flushTimer ??= setTimeout(() => this.flush(a), BATCH_WINDOW_MS)
  }

  private refuse(a: Active, path: string, st: Stats): void {
    a.handled.delete(path)
    a.refused.set(path, `${st.size}:${st.mtimeMs}`)
  }

  private flush(a: Active): void {
    a.flushTimer = undefined
    const batch = a.batch
    a.batch = []
    if (batch.length === 0 || a.closed) return
    try {
      const res = this.opts.sink.enqueue(
        batch.map((b) => b.draft),
        { kind: 'watch', label: basename(a.record.folder) },
      )
      a.lastFile = batch[batch.length - 1]?.path
      a.lastError = undefined
      for (const l of this.queuedListeners) l({ watchId: a.record.id, paths: batch.map((b) => b.path), batchId: res.batchId })
    } catch (e) {
      for (const b of batch) a.handled.delete(b.path)
      a.lastError = `Could not queue ${batch.length} file(s): ${e instanceof Error ? e.message : String(e)}`
    }
    this.emitChange()
  }
}
