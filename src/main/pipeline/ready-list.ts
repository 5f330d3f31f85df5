import type { ItemRepository, RunnableItem } from '../db/item-repository'

/** How many runnable items one read brings (a pick then costs an array shift, not a query). */
const READ_AHEAD = 32
/** A list older than this is read again, so an item that became due meanwhile (retry, publish_at) is not kept waiting longer. */
const MAX_AGE_MS = 1000

/**
 * The next runnable items, read ahead in queue order. Only the scheduler starts items and it takes them
 * from here, so the list stays true while nothing else changes what may run; the queue calls `invalidate`
 * for every such change it makes (enqueue, cancel, retry, remove, pause, a failure, an account that cannot
 * run), and a commit by another connection (the CLI next to the app) or age drops the list too.
 */
export class ReadyList {
  private items: RunnableItem[] = []
  private readAt = 0
  private blockedKey = ''
  private dataVersion = -1

  constructor(private readonly repo: ItemRepository) {}

  invalidate(): void {
    this.items = []
  }

  /** Up to `limit` items to start now, none of them in `running` nor of a blocked account or paused batch. */
  take(
    limit: number,
    opts: {
      running: ReadonlyMap<number, unknown>
      blockedAccounts: string[]
      blockedBatches?: number[]
      now: number
    },
  ): RunnableItem[] {
    const blockedKey = `${opts.blockedAccounts.join('\n')}\n#${(opts.blockedBatches ?? []).join(',')}`
    const version = this.repo.dataVersion()
    if (
      blockedKey !== this.blockedKey ||
      version !== this.dataVersion ||
      opts.now - this.readAt >= MAX_AGE_MS ||
      opts.now < this.readAt
    ) {
      this.items = []
    }
    if (this.items.length < limit) {
      this.items = this.repo.nextRunnable(Math.max(limit, READ_AHEAD), {
        exclude: [...opts.running.keys()],
        blockedAccounts: opts.blockedAccounts,
        ...(opts.blockedBatches && { blockedBatches: opts.blockedBatches }),
        now: opts.now,
      })
      this.readAt = opts.now
      this.blockedKey = blockedKey
      this.dataVersion = version
    }
    const out: RunnableItem[] = []
    while (out.length < limit && this.items.length > 0) {
      const next = this.items.shift()
      if (next && !opts.running.has(next.id)) out.push(next)
    }
    return out
  }
}
