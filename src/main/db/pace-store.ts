import { DEFAULT_PACE_RULES, HOLD_FOR_USER, HOLD_PREFIX, type PaceRules } from '../../shared/schedule/pacing'
import type { Database } from './connection'

/** The facts pacing reads of an item (src/shared/schedule/pacing.ts). */
export interface PaceRow {
  id: number
  batch_id: number
  state: string
  publish_at: number | null
  next_attempt_at: number | null
  link: string | null
  content_hash: string | null
  source_path: string | null
  board_id: string | null
  updated_at: number
}

const COLUMNS =
  'id, batch_id, state, publish_at, next_attempt_at, link, content_hash, source_path, board_id, updated_at'
/** Sent or being sent: `updated_at` of a published row is when Pinterest answered its create. */
const SENT = "state IN ('published','creating')"
/** Settings-table key of one account's pacing rules. */
const rulesKey = (accountKey: string) => `pacing:${accountKey}`

/** Pacing's reads and its per-account rules (kept in the settings table, one JSON row per account). */
export class PaceStore {
  constructor(private readonly db: Database) {}

  /** The account's rules, defaults filled in; an unreadable row counts as the defaults. */
  rules(accountKey: string): PaceRules {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(rulesKey(accountKey)) as
      { value: string } | undefined
    if (!row) return { ...DEFAULT_PACE_RULES }
    try {
      const v = JSON.parse(row.value) as Record<string, unknown>
      const out = { ...DEFAULT_PACE_RULES }
      for (const k of Object.keys(out) as (keyof PaceRules)[]) {
        const n = v[k]
        if (typeof n === 'number' && Number.isFinite(n) && n >= 0) out[k] = Math.round(n)
      }
      return out
    } catch {
      return { ...DEFAULT_PACE_RULES }
    }
  }

  setRules(accountKey: string, rules: PaceRules): void {
    this.db
      .prepare(
        'INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      )
      .run(rulesKey(accountKey), JSON.stringify(rules))
  }

  /** The account's Pins sent since `since` (ms) and those being sent now. */
  sentSince(accountKey: string | null, since: number): PaceRow[] {
    return this.db
      .prepare(
        `SELECT ${COLUMNS} FROM items WHERE ${SENT} AND account_key IS ? AND (state = 'creating' OR updated_at >= ?)`,
      )
      .all(accountKey, since) as PaceRow[]
  }

  /**
   * The account's Pins of this file sent since `since` (ms) to other boards, or being sent (the hash index).
   * Per account, as every pacing rule: the same photo on two people's accounts is no repeat on either.
   */
  sameFileSince(
    contentHash: string,
    boardId: string | null,
    accountKey: string | null,
    since: number,
  ): PaceRow[] {
    return this.db
      .prepare(
        `SELECT ${COLUMNS} FROM items WHERE content_hash = ? AND board_id IS NOT ? AND account_key IS ?
           AND ${SENT} AND (state = 'creating' OR updated_at >= ?)`,
      )
      .all(contentHash, boardId, accountKey, since) as PaceRow[]
  }

  /** The account's items still waiting for a time that passed before `before` (ms), oldest first. */
  lateItems(accountKey: string | null, before: number): PaceRow[] {
    return this.db
      .prepare(
        `SELECT ${COLUMNS} FROM items WHERE state IN ('scheduled','queued') AND account_key IS ?
           AND publish_at IS NOT NULL AND publish_at < ? ORDER BY publish_at, seq`,
      )
      .all(accountKey, before) as PaceRow[]
  }

  /**
   * When the last pacing hold of a queued item ends, Unix ms; null when none is held (the queue's ETA). An item
   * waiting for the user (too late) has no end to count: its hourly look again is no time it goes out.
   */
  latestHold(): number | null {
    const r = this.db
      .prepare(
        `SELECT max(next_attempt_at) AS t FROM items WHERE state = 'queued' AND error_kind = 'rate_limited'
           AND error_message LIKE '${HOLD_PREFIX}%' AND error_message NOT LIKE '${HOLD_FOR_USER}%'`,
      )
      .get() as { t: number | null }
    return r.t
  }

  /** The earliest time a scheduled item waits for, Unix ms; null when none waits. */
  nextScheduledAt(): number | null {
    const r = this.db.prepare("SELECT min(publish_at) AS t FROM items WHERE state = 'scheduled'").get() as {
      t: number | null
    }
    return r.t
  }

  /** The item of the batch planned just before `publishAt` that is sent or still on its way (not a draft, not given up). */
  previousPlanned(batchId: number, publishAt: number): PaceRow | null {
    const row = this.db
      .prepare(
        `SELECT ${COLUMNS} FROM items WHERE batch_id = ? AND publish_at < ?
           AND state IN ('published','creating','scheduled','queued','validating','uploading','processing')
         ORDER BY publish_at DESC, seq DESC LIMIT 1`,
      )
      .get(batchId, publishAt) as PaceRow | undefined
    return row ?? null
  }
}
