import type { Database } from './connection'

/** What Pinload last read back of one published Pin (migration 0006). Times in Unix ms. */
export interface PinCheck {
  itemId: number
  pinId: string
  checkedAt: number
  /** False when Pinterest answered 404: the Pin was removed on Pinterest. */
  found: boolean
  /** The board Pinterest has the Pin on. */
  boardId: string | null
  /** `created_at` as Pinterest reports it (ISO 8601). */
  pinCreatedAt: string | null
  impressions: number | null
  saves: number | null
  clicks: number | null
  /** When the counts were read; null when never. */
  metricsAt: number | null
}

/** A read to record: counts given only when the read asked for them (others keep the last ones read). */
export interface PinCheckInput {
  itemId: number
  pinId: string
  checkedAt: number
  found: boolean
  boardId?: string | undefined
  pinCreatedAt?: string | undefined
  metrics?: { impressions?: number | undefined; saves?: number | undefined; clicks?: number | undefined }
}

const COLUMNS =
  'item_id, pin_id, checked_at, found, board_id, pin_created_at, impressions, saves, clicks, metrics_at'

function checkOf(v: unknown[]): PinCheck {
  return {
    itemId: v[0] as number,
    pinId: v[1] as string,
    checkedAt: v[2] as number,
    found: v[3] === 1,
    boardId: v[4] as string | null,
    pinCreatedAt: v[5] as string | null,
    impressions: v[6] as number | null,
    saves: v[7] as number | null,
    clicks: v[8] as number | null,
    metricsAt: v[9] as number | null,
  }
}

/** The `pin_checks` table: one row per published item that was read back. */
export class PinCheckRepository {
  constructor(private readonly db: Database) {}

  /** Stores a read; a read of another Pin id for the item (published again) replaces the old facts whole. */
  record(c: PinCheckInput): void {
    const m = c.metrics
    this.db
      .prepare(
        `INSERT INTO pin_checks(${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(item_id) DO UPDATE SET
           checked_at = excluded.checked_at, found = excluded.found,
           board_id = coalesce(excluded.board_id, CASE WHEN pin_id = excluded.pin_id THEN board_id END),
           pin_created_at = coalesce(excluded.pin_created_at, CASE WHEN pin_id = excluded.pin_id THEN pin_created_at END),
           impressions = CASE WHEN excluded.metrics_at IS NOT NULL OR pin_id != excluded.pin_id THEN excluded.impressions ELSE impressions END,
           saves = CASE WHEN excluded.metrics_at IS NOT NULL OR pin_id != excluded.pin_id THEN excluded.saves ELSE saves END,
           clicks = CASE WHEN excluded.metrics_at IS NOT NULL OR pin_id != excluded.pin_id THEN excluded.clicks ELSE clicks END,
           metrics_at = CASE WHEN excluded.metrics_at IS NOT NULL OR pin_id != excluded.pin_id THEN excluded.metrics_at ELSE metrics_at END,
           pin_id = excluded.pin_id`,
      )
      .run(
        c.itemId,
        c.pinId,
        c.checkedAt,
        c.found ? 1 : 0,
        c.boardId ?? null,
        c.pinCreatedAt ?? null,
        m?.impressions ?? null,
        m?.saves ?? null,
        m?.clicks ?? null,
        m ? c.checkedAt : null,
      )
  }

  get(itemId: number): PinCheck | undefined {
    const v = this.db.prepare(`SELECT ${COLUMNS} FROM pin_checks WHERE item_id = ?`).values(itemId)[0]
    return v && checkOf(v)
  }

  /** Every check, by item id (the export joins them to the items). */
  all(): Map<number, PinCheck> {
    const rows = this.db.prepare(`SELECT ${COLUMNS} FROM pin_checks`).values()
    return new Map(rows.map((v) => [v[0] as number, checkOf(v)]))
  }
}
