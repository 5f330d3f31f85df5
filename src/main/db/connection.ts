import BetterSqlite3 from 'better-sqlite3'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { ensurePrivateDir, ensurePrivateFile } from './data-dir'
import { migrate } from './migrations/index'
import type { MigrationContext } from './migrations/migration-types'

/**
 * The one owner of better-sqlite3 (CONTRIBUTING.md, "House rules"). Everything else sees the small `Database`
 * wrapper below, so the rest of main never depends on the native module's types and a test can open a DB the
 * same way.
 */

/** Outcome of a write: rows changed and the last inserted rowid. */
interface RunResult {
  changes: number
  lastInsertRowid: number
}

/** A prepared statement; parameters are positional values or one object of `@named` values. */
interface Statement {
  run(...params: unknown[]): RunResult
  get(...params: unknown[]): unknown
  all(...params: unknown[]): unknown[]
  /**
   * Rows as arrays of column values in select order. For wide rows read often: better-sqlite3 builds row
   * objects property by property, which leaves them slow to read and ~10 µs to copy (`{ ...row }`).
   */
  values(...params: unknown[]): unknown[][]
}

export interface Database {
  /** Absolute path of the database file (":memory:" for an in-memory one). */
  readonly file: string
  exec(sql: string): void
  /** Prepared statements are cached by their SQL text. */
  prepare(sql: string): Statement
  /**
   * Runs `fn` inside one IMMEDIATE transaction (nested calls become savepoints), committed when it returns.
   * Commits an open group first, so its writes stay ordered before this one.
   */
  transaction<T>(fn: () => T): T
  /**
   * Group commit: runs `fn` atomically (a savepoint) inside a transaction shared by the grouped writes made
   * until the next commit, which comes at the end of the turn once somebody awaits `committed()`, else within
   * a few ms (one WAL commit instead of one per write). Its writes are visible to this connection at once but
   * durable only when `committed()` resolves: a caller with an outside effect that depends on them (sending a
   * Pin create) must await that first, and a user's action should use `transaction()` instead.
   */
  grouped<T>(fn: () => T, opts?: GroupedOptions): T
  /** Resolves once every grouped write made so far is committed (at once when none is pending). */
  committed(): Promise<void>
  /** True while grouped writes wait for their commit. */
  readonly commitPending: boolean
  /** Commits made with `synchronous = FULL` for a durable grouped write since the database was opened. */
  readonly durableCommits: number
  /** SQLite's `user_version`: the number of the last migration applied. */
  userVersion(): number
  setUserVersion(version: number): void
  close(): void
}

interface GroupedOptions {
  /**
   * The write must survive a power loss once `committed()` resolves, because a network side effect follows
   * that relies on it (the `creating` row before `POST /v5/pins`): its group is committed with
   * `synchronous = FULL`. An open group of ordinary writes is committed first (the level cannot change inside
   * a transaction); ordinary writes made after it share its durable commit.
   */
  durable?: boolean
}

export const DB_FILE_NAME = 'pinload.db'

export interface OpenFileOptions {
  /** Path of an Electron-ABI `better_sqlite3.node`; used only under Electron and only if it exists. */
  nativeBinding?: string
  /** Skip migrations (tests of a migration open a DB at an older version). */
  migrate?: boolean
  /** Busy timeout in ms when another process (the CLI next to the app) holds the write lock. */
  busyTimeoutMs?: number
  /**
   * Durable grouped writes are committed with `synchronous = FULL` (default true). False makes them ordinary
   * commits: only for the pipeline benchmark, which measures what durability costs.
   */
  durableCommits?: boolean
  /** What the migrations need from outside the database (the account keys, issue 15). */
  migration?: MigrationContext
}

/** Opens (creating if needed) `<dataDir>/pinload.db` and brings it to the latest schema. */
export function openDatabase(opts: {
  dataDir: string
  nativeBinding?: string
  durableCommits?: boolean
  /** What the migrations need from outside the database (the account keys, issue 15). */
  migration?: MigrationContext
}): Database {
  // The queue holds file paths, titles and links: readable by the user only (docs/architecture.md, "Secrets").
  ensurePrivateDir(opts.dataDir)
  return openDatabaseFile(join(opts.dataDir, DB_FILE_NAME), {
    ...(opts.nativeBinding !== undefined && { nativeBinding: opts.nativeBinding }),
    ...(opts.durableCommits !== undefined && { durableCommits: opts.durableCommits }),
    ...(opts.migration && { migration: opts.migration }),
  })
}

export function openDatabaseFile(file: string, opts: OpenFileOptions = {}): Database {
  const options: BetterSqlite3.Options = {}
  // node_modules holds the Node-ABI build for the tests and the CLI; Electron needs its own (ABI 150).
  if (process.versions.electron && opts.nativeBinding && existsSync(opts.nativeBinding)) {
    options.nativeBinding = opts.nativeBinding
  }
  // SQLite gives the -wal and -shm files the database file's mode, so a file made 0600 first keeps all three private.
  if (file !== ':memory:') ensurePrivateFile(file)
  const raw = new BetterSqlite3(file, options)
  // A database that cannot be set up (damaged, from a newer Pinload) is left open, not closed, when the error
  // leaves: closing would let SQLite delete or rewrite its -wal, which may hold the user's last commits. The
  // start-up dialog moves it aside in a fresh process instead (src/main/shell/startup-dialog.ts).
  raw.pragma('journal_mode = WAL')
  raw.pragma('foreign_keys = ON')
  raw.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? 10_000))}`)
  // WAL + NORMAL is durable across a process kill; only an OS crash or power loss can lose the last commits.
  // The commits a network side effect relies on are made durable one by one (GroupedOptions.durable), so the
  // rest (most of an item's transitions) skip the fsync.
  raw.pragma('synchronous = NORMAL')
  const durable = opts.durableCommits !== false
  // On macOS fsync() leaves the data in the drive's cache; F_FULLFSYNC is what reaches the platter.
  if (durable && process.platform === 'darwin') {
    raw.pragma('fullfsync = ON')
    raw.pragma('checkpoint_fullfsync = ON')
  }
  // Left at their defaults on purpose: temp_store = MEMORY, cache_size = 16 MB and mmap_size = 256 MB measured
  // within noise on the item-transition workload (~100 µs per item either way), and wal_autocheckpoint = 10000
  // was ~6% slower (a longer WAL to search on reads, a bigger checkpoint when it comes).
  const db = wrap(raw, file, durable)
  if (opts.migrate !== false) migrate(db, undefined, opts.migration ?? {})
  if (file !== ':memory:') for (const f of [`${file}-wal`, `${file}-shm`]) ensurePrivateFile(f, false)
  return db
}

function wrap(raw: BetterSqlite3.Database, file: string, durable: boolean): Database {
  // One transaction function for every call (better-sqlite3 builds a wrapper per `transaction()`); nested
  // calls still become savepoints, as it decides that per call (so a grouped write is one inside the group).
  const inTransaction = raw.transaction((fn: () => unknown) => fn())
  const group = new GroupCommit(raw, durable)
  /** Depth of transaction()/grouped() calls running now: writes at depth 0 are outside any group. */
  let depth = 0
  const nested = <T>(fn: () => T): T => {
    depth++
    try {
      return inTransaction.immediate(fn) as T
    } finally {
      depth--
    }
  }
  // A plain write (autocommit, or a transaction of its own) keeps its "durable on return" meaning: the open
  // group is committed before it, never folded into the group behind the caller's back.
  const outside = () => {
    if (depth === 0 && group.pending) group.commitNow()
  }

  // The wrapper objects are cached too: hot paths prepare the same SQL once per call.
  const cache = new Map<string, Statement>()
  const prepare = (sql: string): Statement => {
    let st = cache.get(sql)
    if (!st) {
      const s = raw.prepare(sql)
      // A statement answering rows also gets an array-mode twin (raw mode is a per-statement switch).
      const v = s.reader ? raw.prepare(sql).raw(true) : null
      const writes = !s.readonly
      st = {
        run: (...p) => {
          if (writes) outside()
          const r = s.run(...p)
          return { changes: r.changes, lastInsertRowid: Number(r.lastInsertRowid) }
        },
        get: (...p) => s.get(...p),
        all: (...p) => s.all(...p),
        values: (...p) => {
          if (!v) throw new TypeError('values() needs a statement that returns rows')
          return v.all(...p) as unknown[][]
        },
      }
      cache.set(sql, st)
    }
    return st
  }
  return {
    file,
    exec: (sql) => {
      outside()
      raw.exec(sql)
    },
    prepare,
    transaction: <T>(fn: () => T): T => {
      outside()
      return nested(fn)
    },
    grouped: <T>(fn: () => T, opts?: GroupedOptions): T => {
      // Inside a plain transaction the write commits with it (at the connection's level).
      if (depth === 0) group.open(opts?.durable === true)
      return nested(fn)
    },
    committed: () => group.committed(),
    get commitPending() {
      return group.pending
    },
    get durableCommits() {
      return group.durableCommits
    },
    userVersion: () => raw.pragma('user_version', { simple: true }) as number,
    setUserVersion: (v) => {
      outside()
      raw.pragma(`user_version = ${Math.floor(v)}`)
    },
    close: () => {
      group.commitNow()
      cache.clear()
      raw.close()
    },
  }
}

/**
 * Longest wait of a grouped write nobody awaits (an item marked published, a media status) for a commit that
 * somebody awaits. A Pin create waits for its own `creating` commit, so under load the `published` write of
 * one item rides on the next item's commit: one commit per Pin instead of two. What a kill loses of these few
 * milliseconds the queue recovers: an item found in `creating` is reconciled, one found earlier runs again.
 * A user's cancel or retry is a plain transaction, durable when it returns.
 */
const LAZY_COMMIT_MS = 5

/**
 * The transaction grouped writes share. Committed by a setImmediate once somebody awaits it (after the I/O
 * callbacks of the turn, so answers that arrive together share it), else after LAZY_COMMIT_MS, or earlier
 * when a plain write or close needs it. One IMMEDIATE transaction holds the write lock for at most that long.
 */
class GroupCommit {
  private open_ = false
  /** The open group was begun at synchronous = FULL. */
  private full = false
  durableCommits = 0
  private waiters: { resolve: () => void; reject: (e: unknown) => void }[] = []
  private timer: NodeJS.Immediate | null = null
  private lazy: NodeJS.Timeout | null = null
  /** A failed background commit nobody awaited: thrown by the next grouped write, never lost silently. */
  private failure: Error | null = null
  private readonly begin: BetterSqlite3.Statement
  private readonly commit: BetterSqlite3.Statement
  private readonly rollback: BetterSqlite3.Statement
  private readonly syncFull: BetterSqlite3.Statement
  private readonly syncNormal: BetterSqlite3.Statement

  constructor(
    private readonly raw: BetterSqlite3.Database,
    /** Durable writes get a FULL commit (false: the benchmark's comparison without it). */
    private readonly durable: boolean,
  ) {
    this.begin = raw.prepare('BEGIN IMMEDIATE')
    this.commit = raw.prepare('COMMIT')
    this.rollback = raw.prepare('ROLLBACK')
    this.syncFull = raw.prepare('PRAGMA synchronous = FULL')
    this.syncNormal = raw.prepare('PRAGMA synchronous = NORMAL')
  }

  get pending(): boolean {
    return this.open_
  }

  open(durable: boolean): void {
    if (this.failure !== null) {
      const e = this.failure
      this.failure = null
      throw e
    }
    const full = durable && this.durable
    // SQLite refuses to change the level inside a transaction: an ordinary group goes first, on its own.
    if (this.open_ && full && !this.full) this.commitNow()
    if (this.open_) return
    if (full) this.syncFull.run()
    try {
      this.begin.run()
    } catch (e) {
      if (full) this.syncNormal.run()
      throw e
    }
    this.open_ = true
    this.full = full
    this.lazy = setTimeout(this.background, LAZY_COMMIT_MS)
  }

  committed(): Promise<void> {
    if (!this.open_) return Promise.resolve()
    this.timer ??= setImmediate(this.background)
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }))
  }

  private readonly background = (): void => {
    try {
      this.commitNow()
    } catch (e) {
      this.failure ??= e instanceof Error ? e : new Error(String(e))
    }
  }

  /** Commits now; on failure rolls the group back and rejects its waiters (throws when none waits). */
  commitNow(): void {
    if (!this.open_) return
    this.open_ = false
    if (this.timer) clearImmediate(this.timer)
    if (this.lazy) clearTimeout(this.lazy)
    this.timer = null
    this.lazy = null
    const waiters = this.waiters
    this.waiters = []
    const full = this.full
    this.full = false
    try {
      this.commit.run()
    } catch (e) {
      if (this.raw.inTransaction) this.rollback.run()
      if (full) this.syncNormal.run()
      for (const w of waiters) w.reject(e)
      if (waiters.length === 0) throw e
      return
    }
    if (full) {
      this.syncNormal.run()
      this.durableCommits++
    }
    for (const w of waiters) w.resolve()
  }
}
