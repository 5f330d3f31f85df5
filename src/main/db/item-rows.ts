import { basename } from 'node:path'
import type { ItemError, ItemErrorKind, ItemKind, ItemState, ItemView, MediaStatus } from '../../shared/domain'

/** One `items` row as SQLite returns it (times in Unix ms, sizes in bytes). */
export interface ItemRow {
  id: number
  batch_id: number
  seq: number
  source_path: string | null
  source_url: string | null
  size: number | null
  mtime_ms: number | null
  /** SHA-256 of the file's bytes, hex. */
  content_hash: string | null
  kind: ItemKind | null
  content_type: string | null
  title: string | null
  description: string | null
  link: string | null
  alt_text: string | null
  board_id: string | null
  board_section_id: string | null
  ad_account_id: string | null
  cover_key_frame_s: number | null
  cover_image_path: string | null
  state: ItemState
  attempts: number
  /** Held until this time after a retryable error. */
  next_attempt_at: number | null
  error_kind: ItemErrorKind | null
  error_message: string | null
  error_fix: string | null
  error_request_id: string | null
  media_id: string | null
  media_status: MediaStatus | null
  media_upload_url: string | null
  /** JSON object of the S3 form fields, in order. */
  media_upload_params: string | null
  /** 1 once S3 answered 204 for this media id. */
  media_uploaded: number
  pin_id: string | null
  pin_url: string | null
  publish_at: number | null
  force: number
  account_key: string | null
  /** JSON fingerprint of the Pin being created (see pipeline/fingerprint.ts). */
  create_fingerprint: string | null
  /** When the create was about to be sent; reconciliation looks back from here. */
  create_started_at: number | null
  created_at: number
  updated_at: number
}

/** Columns a transition may write. */
export type ItemPatch = Partial<Omit<ItemRow, 'id' | 'batch_id' | 'seq' | 'created_at'>>

export function itemName(row: Pick<ItemRow, 'source_path' | 'source_url'>): string {
  if (row.source_path) return basename(row.source_path)
  if (row.source_url) {
    try {
      const u = new URL(row.source_url)
      return decodeURIComponent(u.pathname.split('/').filter(Boolean).pop() ?? u.hostname)
    } catch {
      return row.source_url
    }
  }
  return '(unnamed)'
}

export function rowError(row: ItemRow): ItemError | undefined {
  if (!row.error_kind || row.error_message === null) return undefined
  return {
    kind: row.error_kind,
    message: row.error_message,
    ...(row.error_fix !== null && { fix: row.error_fix }),
    ...(row.error_request_id !== null && { requestId: row.error_request_id }),
  }
}

/** Patch that stores an error (or clears it with `null`). */
export function errorPatch(e: ItemError | null): ItemPatch {
  return {
    error_kind: e?.kind ?? null,
    error_message: e?.message ?? null,
    error_fix: e?.fix ?? null,
    error_request_id: e?.requestId ?? null,
  }
}

/** The renderer's view of a row; `bytesSent` comes from the live transfer when one runs. */
export function toItemView(row: ItemRow, bytesSent?: number): ItemView {
  const total = row.size ?? 0
  const sent = row.state === 'published' ? total : Math.min(total, bytesSent ?? 0)
  const error = rowError(row)
  return {
    id: row.id,
    batchId: row.batch_id,
    name: itemName(row),
    ...(row.source_path !== null && { path: row.source_path }),
    ...(row.source_url !== null && { url: row.source_url }),
    ...(row.kind !== null && { kind: row.kind }),
    state: row.state,
    ...(row.board_id !== null && { boardId: row.board_id }),
    ...(row.title !== null && { title: row.title }),
    bytesSent: sent,
    bytesTotal: total,
    ...(row.media_status !== null && { mediaStatus: row.media_status }),
    ...(row.pin_id !== null && { pinId: row.pin_id }),
    ...(row.pin_url !== null && { pinUrl: row.pin_url }),
    ...(error && { error }),
    attempts: row.attempts,
    ...(row.publish_at !== null && { publishAt: row.publish_at }),
    updatedAt: row.updated_at,
  }
}
