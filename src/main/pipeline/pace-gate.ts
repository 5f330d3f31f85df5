import {
  decidePace,
  HOLD_FOR_USER,
  HOLD_PREFIX,
  type PaceDecision,
  type PacedPin,
  tooLate,
} from '../../shared/schedule/pacing'
import { errorPatch, type ItemPatch, type ItemRow } from '../db/item-rows'
import type { PaceRow, PaceStore } from '../db/pace-store'

const DAY_MS = 86_400_000
/** An item waiting for the user (too late) is looked at again this often, in case its time was moved. */
const ASK_AGAIN_MS = 3_600_000

const pinOf = (r: PaceRow): PacedPin => ({
  id: r.id,
  batchId: r.batch_id,
  publishAt: r.publish_at,
  link: r.link,
  fileKey: r.content_hash ?? r.source_path,
  boardId: r.board_id,
  at: r.state === 'published' ? r.updated_at : null,
})

/** "14:02:05" today, else "Mon 7 Dec, 14:02", on the system's clock. */
function when(at: number, now: number): string {
  const sameDay = new Date(at).toDateString() === new Date(now).toDateString()
  return new Intl.DateTimeFormat('en-GB', {
    ...(!sameDay && { weekday: 'short', day: 'numeric', month: 'short' }),
    hour: '2-digit',
    minute: '2-digit',
    ...(sameDay && { second: '2-digit' }),
  }).format(at)
}

/**
 * The pacing rules in front of each create (src/shared/schedule/pacing.ts, docs/architecture.md "Schedules
 * and pacing"): asked right before an item moves to `creating`, in the same turn as that write, so two items
 * cannot both pass a rule that allows one. `bypass` is `pinload … --no-pacing` for one run: it lifts the
 * limits, not the question before a Pin far past its time goes out (that is `--catch-up`).
 */
export class PaceGate {
  bypass = false

  constructor(private readonly store: PaceStore) {}

  decide(row: ItemRow, facts: ItemPatch, now: number): PaceDecision {
    const rules = this.store.rules(row.account_key ?? '')
    if (this.bypass) return tooLate(row.publish_at, rules, now) ?? { go: true }
    const hash = facts.content_hash ?? row.content_hash
    const item = {
      id: row.id,
      batchId: row.batch_id,
      publishAt: row.publish_at,
      link: facts.link ?? row.link,
      fileKey: hash ?? row.source_path,
      boardId: row.board_id,
    }
    const prev = row.publish_at === null ? null : this.store.previousPlanned(row.batch_id, row.publish_at)
    const overdue = row.publish_at !== null && row.publish_at < now
    const recent: PacedPin[] =
      rules.dailyCap > 0 || rules.linkSpacingMs > 0 || overdue
        ? // Two days reach back past the start of today (the daily cap's local day, up to 25 hours long).
          this.store.sentSince(row.account_key, now - Math.max(2 * DAY_MS, rules.linkSpacingMs)).map(pinOf)
        : []
    if (rules.sameFileSpacingMs > 0 && row.publish_at === null && hash)
      recent.push(
        ...this.store
          .sameFileSince(hash, row.board_id, row.account_key, now - rules.sameFileSpacingMs)
          .map(pinOf),
      )
    return decidePace({
      item,
      recent,
      previous: prev && {
        ...pinOf(prev),
        heldUntil: prev.state === 'published' || prev.state === 'creating' ? null : prev.next_attempt_at,
      },
      rules,
      now,
    })
  }
}

/** The row patch that parks a held item: due again when the hold ends, saying until when and why. */
export function heldPatch(hold: { until: number | null; because: string }, now: number): ItemPatch {
  const message =
    hold.until === null
      ? `${HOLD_FOR_USER}, because ${hold.because}.`
      : `${HOLD_PREFIX}until ${when(hold.until, now)}, because ${hold.because}.`
  return {
    next_attempt_at: hold.until ?? now + ASK_AGAIN_MS,
    ...errorPatch({
      kind: 'rate_limited',
      message,
      fix:
        hold.until === null
          ? 'Catch up on the Timeline screen, or run `pinload run --catch-up`; or move it to a new time.'
          : 'The pacing rules are on the Timeline screen (`pinload pacing`); `--no-pacing` skips them for one command.',
    }),
  }
}
