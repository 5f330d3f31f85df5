import type { Database } from '../db/connection'
import type { ItemRepository } from '../db/item-repository'
import { errorPatch, type ItemPatch } from '../db/item-rows'
import { PinCheckRepository } from '../db/pin-check-repository'
import { PinOperationRepository, type PinOperation } from '../db/pin-operation-repository'
import type { Logger } from '../logging/logger'
import { ApiError } from '../pinterest/api-error'
import type { PinterestApi, PinUpdate } from '../pinterest/api-types'

/** The item's note once its Pin was removed on the user's request (its state stays `published`). */
const UNPUBLISHED_MESSAGE = 'Unpublished: removed from Pinterest at your request.'
/** A DELETE answered 404 (issue 15: counts as done): say so rather than claim this run removed it. */
const ALREADY_GONE_MESSAGE = 'Unpublished: the Pin was already gone from Pinterest.'

/** What a refused update says: PATCH /v5/pins/{id} is a beta endpoint (docs/pinterest-api.md §3.5). */
const BETA_REFUSED =
  'Pinterest refused the update: changing a published Pin (PATCH /v5/pins/{id}) is a beta endpoint that is not available to every app. Change it on pinterest.com, or remove it and publish it again.'

export interface PinOpRunnerDeps {
  db: Database
  items: ItemRepository
  /** The API of an item's account, or null when it cannot run now (signed out): its operations wait. */
  apiFor: (accountKey: string | null) => PinterestApi | null
  logger: Logger
  now?: () => number
  /** Items whose window view changed. */
  onItemsChanged?: (ids: number[]) => void
  /**
   * Whether this process may send now: the app only while it holds the data folder's queue lock (the command
   * holds it whenever it sends). Default: yes.
   */
  maySend?: () => boolean
  /** Tries again by itself, later, what waited on a passing problem (the app; a command reports and exits). */
  retryLater?: boolean
  /** The first wait before that, in ms (default 30 s), doubled each attempt up to 10 min. */
  retryFirstMs?: number
}

/** Requests at once: the rate governor keeps them within the org_write budget shared with creates. */
const AT_ONCE = 2
/** The first wait before a passing problem is tried again, doubled each attempt up to the cap. */
const RETRY_FIRST_MS = 30_000
const RETRY_CAP_MS = 10 * 60_000

/**
 * A problem that passes (Pinterest unreachable or slowing us down, a token to sign in again for): the
 * operation waits, `pending`, rather than failing for good.
 */
function passing(e: unknown): e is ApiError {
  return e instanceof ApiError && (e.retryable || e.kind === 'auth')
}

/**
 * Sends the queued updates and removals of published Pins (docs/architecture.md, "Fix or undo a batch").
 * Each operation is a row written before its request leaves and marked `sending` first, so a killed run
 * resumes it. Both requests are idempotent — a repeated PATCH sets the same fields, and a DELETE whose
 * answer was lost meets 404, which counts as done — so sending again after a crash changes nothing twice.
 */
export class PinOperationRunner {
  private readonly ops: PinOperationRepository
  private readonly checks: PinCheckRepository
  private readonly now: () => number

  constructor(private readonly deps: PinOpRunnerDeps) {
    this.now = deps.now ?? Date.now
    this.ops = new PinOperationRepository(deps.db, this.now)
    this.checks = new PinCheckRepository(deps.db)
  }

  /**
   * Sends every open operation whose account can run now, until none is left; one left `sending` by an
   * earlier run is sent again. An abort stops between requests (a request in flight stays `sending`).
   */
  drain(signal?: AbortSignal): Promise<void> {
    // One drain at a time in this process (the window may ask twice): the next starts when this one ends.
    const run = this.chain.then(() => this.drainNow(signal))
    this.chain = run.catch(() => undefined)
    return run
  }

  private chain: Promise<void> = Promise.resolve()
  private retryTimer: NodeJS.Timeout | null = null

  private async drainNow(signal?: AbortSignal): Promise<void> {
    if (!this.maySend()) return
    this.deps.db.transaction(() => this.ops.resetSending())
    try {
      await this.sendOpen(signal)
    } finally {
      if (this.deps.retryLater) this.scheduleRetry()
    }
  }

  /** Once a drain ends with operations that wait on a passing problem, another drain after a backoff. */
  private scheduleRetry(): void {
    if (this.retryTimer !== null) return
    const waiting = this.ops.open().filter((o) => o.state === 'pending' && o.errorMessage !== null)
    if (waiting.length === 0) return
    const attempts = Math.min(...waiting.map((o) => o.attempts))
    const first = this.deps.retryFirstMs ?? RETRY_FIRST_MS
    const ms = Math.min(RETRY_CAP_MS, first * 2 ** Math.max(0, attempts - 1))
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null
      this.drain().catch((e: unknown) =>
        this.deps.logger.warn('retrying Pin operations failed', { error: e }),
      )
    }, ms)
    this.retryTimer.unref()
  }

  /** Whether this process may send now (it holds the queue lock, or is a command that does). */
  maySend(): boolean {
    return this.deps.maySend?.() !== false
  }

  /** Stops the retry timer (shutdown). */
  stop(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer)
    this.retryTimer = null
  }

  private async sendOpen(signal?: AbortSignal): Promise<void> {
    const tried = new Set<number>()
    for (;;) {
      // One operation per item at a time, oldest first: two PATCHes of one Pin never race (issue 15); the
      // next of that item goes in the following round.
      const seen = new Set<number>()
      const batch = this.ops
        .open()
        .filter((o) => !tried.has(o.id) && !seen.has(o.itemId) && seen.add(o.itemId))
      if (batch.length === 0) return
      let next = 0
      const worker = async () => {
        while (next < batch.length) {
          signal?.throwIfAborted()
          const op = batch[next++]!
          tried.add(op.id)
          await this.send(op, signal)
        }
      }
      await Promise.all(Array.from({ length: Math.min(AT_ONCE, batch.length) }, worker))
    }
  }

  private async send(op: PinOperation, signal: AbortSignal | undefined): Promise<void> {
    const item = this.deps.items.get(op.itemId)
    if (!item) return this.deps.db.transaction(() => this.ops.mark(op.id, 'failed', 'The item was removed.'))
    const api = this.deps.apiFor(item.account_key)
    if (!api) return // Signed out of that account: the operation waits for the next run.
    // Taken here or by nobody: another run (the window and a command at once) never sends it twice.
    if (!this.deps.db.transaction(() => this.ops.claim(op.id))) return
    const opts = signal ? { signal } : {}
    try {
      if (op.kind === 'delete') {
        const gone = await api.deletePin(op.pinId, opts).then(
          () => false,
          (e: unknown) => {
            // Already gone (a lost answer to our own DELETE, or removed on pinterest.com): done either way.
            if (!(e instanceof ApiError && e.kind === 'not_found')) throw e
            return true
          },
        )
        const message = gone ? ALREADY_GONE_MESSAGE : UNPUBLISHED_MESSAGE
        this.finish(op, errorPatch({ kind: 'not_found', message }), false)
      } else {
        const patch = JSON.parse(op.patch ?? '{}') as PinUpdate
        const pin = await api.updatePin(op.pinId, patch, opts)
        this.finish(op, itemFields(patch), true, pin.boardId)
      }
    } catch (e) {
      if (signal?.aborted) throw e
      const message =
        op.kind === 'update' &&
        e instanceof ApiError &&
        e.kind === 'permission' &&
        /\bbeta\b/i.test(e.message)
          ? BETA_REFUSED
          : op.kind === 'update' && e instanceof ApiError && e.kind === 'not_found'
            ? 'The Pin is no longer on Pinterest.'
            : e instanceof Error
              ? e.message
              : String(e)
      this.deps.logger.warn('a Pin operation failed', { opId: op.id, kind: op.kind, error: e })
      // Waiting says why it waits (the report and the window show it); it goes again on the next drain.
      if (passing(e)) this.deps.db.transaction(() => this.ops.mark(op.id, 'pending', `Waiting: ${message}`))
      else this.deps.db.transaction(() => this.ops.mark(op.id, 'failed', message))
    }
  }

  private finish(op: PinOperation, patch: ItemPatch, found: boolean, boardId?: string): void {
    this.deps.db.transaction(() => {
      this.ops.mark(op.id, 'done')
      this.deps.items.update(op.itemId, patch)
      this.checks.record({ itemId: op.itemId, pinId: op.pinId, checkedAt: this.now(), found, boardId })
    })
    this.deps.onItemsChanged?.([op.itemId])
  }
}

/** The item's own columns after an update, so the queue and the export show the Pin as it now is. */
function itemFields(p: PinUpdate): ItemPatch {
  const out: ItemPatch = {}
  if (p.title !== undefined) out.title = p.title
  if (p.description !== undefined) out.description = p.description
  if (p.link !== undefined) out.link = p.link
  if (p.altText !== undefined) out.alt_text = p.altText
  if (p.boardId !== undefined) out.board_id = p.boardId
  if (p.boardSectionId !== undefined) out.board_section_id = p.boardSectionId
  return out
}
