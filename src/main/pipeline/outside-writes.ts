import type { ItemRepository } from '../db/item-repository'

/** How often the queue looks for writes by another process (one PRAGMA read when there are none). */
const OUTSIDE_POLL_MS = 1000

/**
 * Notices commits by another process on the same database (`pinload` pausing, resuming or cancelling while
 * this process runs the queue: README.md, "The headless command") through SQLite's data_version, which this
 * connection's own commits leave alone.
 */
export class OutsideWrites {
  private seen = -1
  private timer: NodeJS.Timeout | null = null

  constructor(private readonly repo: ItemRepository) {}

  /** From now on calls `look` about once a second; unref'd, so it never keeps a process alive. */
  start(look: () => void): void {
    this.seen = this.repo.dataVersion()
    this.timer = setInterval(look, OUTSIDE_POLL_MS)
    this.timer.unref()
  }

  /** True when another process committed since the last call that returned true. */
  takeChange(): boolean {
    const version = this.repo.dataVersion()
    if (version === this.seen) return false
    this.seen = version
    return true
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }
}
