import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { processAlive } from './process-alive'

/** Who runs the queue of a data folder now. */
export interface QueueLockHolder {
  pid: number
  host: string
  owner: 'app' | 'cli'
  since: number
}

export const QUEUE_LOCK_FILE = 'queue.lock'

/**
 * One process at a time runs the queue of a data folder (the app or a `pinload` command), because two
 * schedulers on one database would both pick the same item and could create its Pin twice. The lock is
 * a file created exclusively; a lock left by a process that died (killed, crashed) is taken over.
 */
export class QueueLock {
  private readonly file: string
  private held = false

  constructor(
    dataDir: string,
    private readonly owner: 'app' | 'cli',
  ) {
    this.file = join(dataDir, QUEUE_LOCK_FILE)
  }

  /** Takes the lock; returns null on success, else who holds it. */
  tryAcquire(): QueueLockHolder | null {
    if (this.held) return null
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(this.file, 'wx', 0o600)
        const me: QueueLockHolder = {
          pid: process.pid,
          host: hostname(),
          owner: this.owner,
          since: Date.now(),
        }
        writeSync(fd, JSON.stringify(me))
        closeSync(fd)
        this.held = true
        return null
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
      }
      const holder = this.read()
      // Only a lock of this machine can be checked; a dead or unreadable one is stale.
      if (holder && (holder.host !== hostname() || processAlive(holder.pid))) return holder
      rmSync(this.file, { force: true })
    }
    return this.read()
  }

  release(): void {
    if (!this.held) return
    this.held = false
    if (this.read()?.pid === process.pid) rmSync(this.file, { force: true })
  }

  private read(): QueueLockHolder | null {
    try {
      return JSON.parse(readFileSync(this.file, 'utf8')) as QueueLockHolder
    } catch {
      return null
    }
  }
}

export function describeHolder(h: QueueLockHolder): string {
  const who = h.owner === 'app' ? 'the Pinload app' : 'a pinload command'
  return `${who} (process ${h.pid}${h.host === hostname() ? '' : ` on ${h.host}`}) is already running the upload queue of this data folder`
}
