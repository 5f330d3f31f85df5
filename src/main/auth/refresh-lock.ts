import { randomBytes } from 'node:crypto'
import { mkdir, open, readFile, rm, stat } from 'node:fs/promises'
import { hostname } from 'node:os'
import { dirname, join } from 'node:path'
import { processAlive } from '../platform/process-alive'

/**
 * The app and the `pinload` command share one keychain entry per environment. Pinterest rotates the refresh token on
 * every refresh and kills the old one at once, so two processes refreshing together means one of them spends a dead
 * token (code 283). This lock, a file in the data folder, makes read → refresh → store one step across processes.
 */

/** Releases a held lock; safe to call twice. */
export type LockRelease = () => Promise<void>

export interface CrossProcessLock {
  /**
   * Takes the lock, waiting a bounded time (`waitMs` overrides it); resolves with its release, or null when the wait
   * ran out or `signal` aborted (the process is quitting: nothing was sent yet, so giving up loses nothing).
   */
  acquire(opts?: { signal?: AbortSignal; waitMs?: number }): Promise<LockRelease | null>
}

/** A holder older than this is taken to be hung: longer than a token call's 30 s timeout plus keychain writes. */
const LOCK_STALE_MS = 60_000
/** How long a waiter waits for the holder before giving up (the holder's token call times out after 30 s). */
const LOCK_WAIT_MS = 35_000
const POLL_MS = 25

interface LockHolder {
  pid: number
  host: string
  /** Unix ms when the lock was taken. */
  since: number
  /** Tells one holder from the next, so a release or a stale-break never removes someone else's lock. */
  nonce: string
}

export interface FileLockOptions {
  staleMs?: number
  waitMs?: number
  pollMs?: number
}

export function refreshLockFile(dataDir: string, accountKey: string): string {
  // One lock per account (issue 15); `:` is not allowed in Windows file names.
  return join(dataDir, `token-refresh-${accountKey.replace(/[^A-Za-z0-9_-]/g, '-')}.lock`)
}

/** A lock file created exclusively (O_EXCL); taken over when its holder died or held it past `staleMs`. */
export class FileLock implements CrossProcessLock {
  private readonly staleMs: number
  private readonly waitMs: number
  private readonly pollMs: number

  constructor(
    readonly file: string,
    opts: FileLockOptions = {},
  ) {
    this.staleMs = opts.staleMs ?? LOCK_STALE_MS
    this.waitMs = opts.waitMs ?? LOCK_WAIT_MS
    this.pollMs = opts.pollMs ?? POLL_MS
  }

  async acquire(opts: { signal?: AbortSignal; waitMs?: number } = {}): Promise<LockRelease | null> {
    const deadline = Date.now() + (opts.waitMs ?? this.waitMs)
    for (;;) {
      if (opts.signal?.aborted) return null
      const release = await this.tryCreate()
      if (release) return release
      if (await this.breakIfStale()) continue
      if (Date.now() >= deadline) return null
      await new Promise((resolve) => setTimeout(resolve, this.pollMs))
    }
  }

  private async tryCreate(): Promise<LockRelease | null> {
    const me: LockHolder = {
      pid: process.pid,
      host: hostname(),
      since: Date.now(),
      nonce: randomBytes(8).toString('hex'),
    }
    let handle
    try {
      await mkdir(dirname(this.file), { recursive: true })
      handle = await open(this.file, 'wx', 0o600)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return null
      // A folder that cannot hold a lock (read-only, gone) must not make renewing impossible: go on without one.
      return () => Promise.resolve()
    }
    try {
      await handle.writeFile(JSON.stringify(me))
    } finally {
      await handle.close()
    }
    let released = false
    return async () => {
      if (released) return
      released = true
      if ((await this.read())?.nonce === me.nonce) await rm(this.file, { force: true })
    }
  }

  /** True when the lock file is gone or was removed as stale (try again at once). */
  private async breakIfStale(): Promise<boolean> {
    const holder = await this.read()
    if (holder === null) {
      // Missing, or created a moment ago and not written yet: only a file that stays unreadable is stale.
      let modified: number
      try {
        modified = (await stat(this.file)).mtimeMs
      } catch {
        return true
      }
      if (Date.now() - modified <= this.staleMs) return false
      await rm(this.file, { force: true })
      return true
    }
    const stale =
      Date.now() - holder.since > this.staleMs || (holder.host === hostname() && !processAlive(holder.pid))
    if (!stale) return false
    // Someone else may have broken it and taken it meanwhile: remove only the holder judged stale.
    if ((await this.read())?.nonce !== holder.nonce) return true
    await rm(this.file, { force: true })
    return true
  }

  private async read(): Promise<LockHolder | null> {
    try {
      const parsed = JSON.parse(await readFile(this.file, 'utf8')) as Partial<LockHolder>
      const ok =
        typeof parsed.pid === 'number' && typeof parsed.since === 'number' && typeof parsed.nonce === 'string'
      return ok ? ({ host: '', ...parsed } as LockHolder) : null
    } catch {
      return null
    }
  }
}
