import { writeFile } from 'node:fs/promises'
import { AppError } from '../../shared/ipc/result'
import type { Database } from '../db/connection'
import type { ItemRepository } from '../db/item-repository'
import { PinCheckRepository } from '../db/pin-check-repository'
import { PinOperationRepository } from '../db/pin-operation-repository'
import type { ResultSelection } from './verify-pins'

export type ExportFormat = 'csv' | 'json'

/** One item of an export: the columns of `EXPORT_COLUMNS`, counts null until read with `pinload verify`. */
export interface ExportRow {
  file: string
  title: string
  description: string
  link: string
  board_name: string
  board_id: string
  state: string
  pin_id: string
  pin_url: string
  /** Pinterest's `created_at` when read back, else when Pinload sent its create (ISO 8601). */
  created_at: string
  error: string
  request_id: string
  impressions: number | null
  saves: number | null
  clicks: number | null
}

export const EXPORT_COLUMNS: readonly (keyof ExportRow)[] = [
  'file',
  'title',
  'description',
  'link',
  'board_name',
  'board_id',
  'state',
  'pin_id',
  'pin_url',
  'created_at',
  'error',
  'request_id',
  'impressions',
  'saves',
  'clicks',
]

/**
 * A cell a spreadsheet cannot run: text starting with a tab, carriage return or line feed, or with `=`, `+`,
 * `-`, `@` after any leading spaces or no-break spaces (spreadsheets skip those), gets a leading `'`, as
 * OWASP's "CSV Injection" page recommends; every cell is then quoted with `"` doubled.
 */
export function csvCell(value: string | number | null): string {
  const text = value === null ? '' : String(value)
  const safe = /^(?:[\t\r\n]|[\s\u00a0]*[=+\-@])/.test(text) ? `'${text}` : text
  return `"${safe.replace(/"/g, '""')}"`
}

/** CSV with a UTF-8 byte order mark (Excel then reads it as UTF-8) and CRLF line ends (RFC 4180). */
export function toCsv(rows: readonly ExportRow[]): string {
  const lines = [EXPORT_COLUMNS.map((c) => csvCell(c)).join(',')]
  for (const r of rows) lines.push(EXPORT_COLUMNS.map((c) => csvCell(r[c])).join(','))
  return `\uFEFF${lines.join('\r\n')}\r\n`
}

export interface ExportDeps {
  db: Database
  items: ItemRepository
  /**
   * Board names by id, of the accounts the items were sent as (issue 15: each account has its own boards);
   * empty for an account whose boards cannot be listed (signed out, offline).
   */
  boardNames: (accountKeys: readonly string[]) => Promise<ReadonlyMap<string, string>>
}

/**
 * `pinload export` and the window's Export: one row per item of the selection with what Pinload knows of its
 * Pin (docs/architecture.md, "Results: read-back, verify, export").
 */
export class ExportResults {
  private readonly checks: PinCheckRepository

  constructor(private readonly deps: ExportDeps) {
    this.checks = new PinCheckRepository(deps.db)
  }

  async rows(sel: ResultSelection): Promise<ExportRow[]> {
    const all = sel.batchId !== undefined ? this.deps.items.byBatch(sel.batchId) : this.deps.items.all()
    const ids = sel.ids ? new Set(sel.ids) : null
    const items = ids ? all.filter((r) => ids.has(r.id)) : all
    const checks = this.checks.all()
    const removed = new PinOperationRepository(this.deps.db).removedItemIds()
    const names: ReadonlyMap<string, string> = items.some((r) => r.board_id !== null)
      ? await this.deps.boardNames([...new Set(items.flatMap((r) => (r.account_key ? [r.account_key] : [])))])
      : new Map()
    return items.map((r) => {
      const check = r.pin_id !== null ? checks.get(r.id) : undefined
      const current = check && check.pinId === r.pin_id ? check : undefined
      const boardId = current?.boardId ?? r.board_id ?? ''
      // The Pin's own creation time (read back), else when its create was sent (kept on the published row;
      // the row's last change is not when it was made), so a Pin not read back yet still has its date.
      const created =
        current?.pinCreatedAt ??
        (r.pin_id !== null && r.create_started_at !== null ? new Date(r.create_started_at).toISOString() : '')
      const state = removed.has(r.id)
        ? 'removed'
        : r.state === 'published' && current && !current.found
          ? 'removed on Pinterest'
          : r.state
      return {
        file: r.source_path ?? r.source_url ?? '',
        title: r.title ?? '',
        description: r.description ?? '',
        link: r.link ?? '',
        board_name: names.get(boardId) ?? '',
        board_id: boardId,
        state,
        pin_id: r.pin_id ?? '',
        pin_url: r.pin_url ?? '',
        created_at: created,
        error: r.error_message ?? '',
        request_id: r.error_request_id ?? '',
        impressions: current?.impressions ?? null,
        saves: current?.saves ?? null,
        clicks: current?.clicks ?? null,
      }
    })
  }

  /** The file's text: CSV (see toCsv) or a JSON array of the rows. */
  text(rows: readonly ExportRow[], format: ExportFormat): string {
    return format === 'csv' ? toCsv(rows) : `${JSON.stringify(rows, null, 2)}\n`
  }

  /** Writes the selection to `path`; an unwritable path is an AppError naming it and why. */
  async write(sel: ResultSelection, format: ExportFormat, path: string): Promise<{ rows: number }> {
    const rows = await this.rows(sel)
    const text = this.text(rows, format)
    try {
      await writeFile(path, text, 'utf8')
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code
      const why =
        code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
          ? 'permission denied'
          : code === 'ENOENT'
            ? 'its folder does not exist'
            : code === 'EISDIR'
              ? 'it is a folder'
              : code === 'ENOSPC'
                ? 'the disk is full'
                : (e as Error).message
      throw new AppError('permission', `Cannot write the export to ${path}: ${why}.`)
    }
    return { rows: rows.length }
  }
}
