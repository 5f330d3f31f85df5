import { randomUUID } from 'node:crypto'
import { basename, dirname, resolve as resolvePath } from 'node:path'
import type { AddResult, CsvPreview, CsvPreviewRow, InputProblem, ItemDraft } from '../../shared/domain'
import { AppError } from '../../shared/ipc/result'
import { readCsvFile } from './csv-import'
import { buildPreviewRows, type BuiltRows, type PendingNames } from './csv-rows'
import type { QueueSink } from '../pipeline/queue-sink'
import type { CsvAccounts } from './csv-account'
import type { BoardResolver } from './source-types'

/** A preview is kept this long for its confirm; after that the file must be previewed again. */
const PREVIEW_TTL_MS = 30 * 60_000

export interface ImportServiceOptions {
  sink: QueueSink
  /**
   * A resolver for one import: `createMissing` false for previews (which never create boards), true at
   * confirm when the user chose "create missing boards". Null when not connected to Pinterest.
   */
  resolverFor: (createMissing: boolean, accountKey?: string) => BoardResolver | null
  /**
   * The accounts a row's `account` cell may name (issue 15), read for each preview; absent, such a row is an
   * error.
   */
  accounts?: () => Promise<CsvAccounts>
  /**
   * The account the import runs under (the window's current one, a command's `--account`): rows without an
   * `account` cell are queued under it and their boards made there, even if another becomes current before
   * the confirm.
   */
  accountKey?: () => string | undefined
  now?: () => number
  ttlMs?: number
}

interface StoredPreview {
  preview: CsvPreview
  /** The account the preview's boards were looked up in (`ImportServiceOptions.accountKey`). */
  accountKey: string | undefined
  pending: Map<number, PendingNames>
  createMissing: boolean
  createdAt: number
}

/** CSV import in two steps: a preview of every row (kept by id), then a confirm that queues the valid rows. */
export class ImportService {
  private readonly previews = new Map<string, StoredPreview>()
  private readonly now: () => number
  private readonly ttlMs: number

  constructor(private readonly opts: ImportServiceOptions) {
    this.now = opts.now ?? Date.now
    this.ttlMs = opts.ttlMs ?? PREVIEW_TTL_MS
  }

  async preview(
    path: string,
    options: { createMissingBoards?: boolean; boardMatches?: readonly BoardMatch[] } = {},
  ): Promise<CsvPreview> {
    this.purge()
    const abs = resolvePath(path)
    const createMissing = options.createMissingBoards === true
    const parsed = await readCsvFile(abs)
    const previewId = randomUUID()
    const base = {
      previewId,
      path: abs,
      format: parsed.format,
      fileErrors: parsed.fileErrors,
      fileWarnings: parsed.warnings,
    }
    let preview: CsvPreview
    let pending = new Map<number, PendingNames>()
    if (parsed.fileErrors.length > 0) {
      preview = { ...base, rows: [], validCount: 0, errorCount: 0 }
    } else {
      // Read only when the file has an account column: most files have none.
      const accounts = parsed.labels.account !== undefined ? await this.accountsOnce() : undefined
      const built = oncePerLine(
        await buildPreviewRows(parsed, {
          csvDir: dirname(abs),
          resolver: withMatches(this.opts.resolverFor(false), options.boardMatches ?? []),
          ...(accounts && { accounts }),
          createMissing,
          now: this.now(),
        }),
      )
      pending = built.pending
      const validCount = built.rows.filter((r) => r.draft).length
      // A carousel's later rows have no draft of their own (the first row carries the carousel) and no error.
      const errorCount = built.rows.filter((r) => !r.draft && r.errors.length > 0).length
      preview = { ...base, rows: built.rows, validCount, errorCount }
      // Said once for the whole file too: a list of hundreds of rows hides one row's warning.
      const outside = built.outsideLines
      if (outside.length > 0)
        preview.fileWarnings = [
          ...preview.fileWarnings,
          `${outside.length} row${outside.length === 1 ? ' names a file' : 's name files'} outside the CSV's folder (the first on line ${outside[0]}); check them before importing`,
        ]
    }
    this.previews.set(previewId, {
      preview,
      pending,
      createMissing,
      createdAt: this.now(),
      accountKey: this.opts.accountKey?.(),
    })
    return preview
  }

  /**
   * Queues the preview's valid rows as one batch (creating missing boards first if chosen); `asDrafts` keeps
   * them as drafts until the user publishes them. A preview confirms once.
   */
  async confirm(previewId: string, opts: { asDrafts?: boolean } = {}): Promise<AddResult> {
    this.purge()
    const stored = this.previews.get(previewId)
    if (!stored)
      throw new AppError(
        'not_found',
        'This CSV preview has expired or was already imported; preview the file again',
      )
    this.previews.delete(previewId)
    const { preview, pending } = stored
    const where = (line: number) => `${basename(preview.path)}:${line}`
    const problems: InputProblem[] = preview.fileErrors.map((message) => ({
      where: basename(preview.path),
      message,
    }))
    const drafts: ItemDraft[] = []
    // One resolver per account whose boards are made: each account's boards are its own.
    const resolverOf = oncePerKey((key) => this.opts.resolverFor(stored.createMissing, key || undefined))

    for (const [i, row] of preview.rows.entries()) {
      if (!row.draft) {
        if (row.errors.length > 0) problems.push({ where: where(row.line), message: row.errors.join('; ') })
        continue
      }
      const names = pending.get(i)
      const meta = { ...row.draft.meta }
      // A row's own account, else the one the preview ran under: its boards were looked up there, made there.
      const accountKey = row.draft.accountKey ?? stored.accountKey
      if (names) {
        const resolver = resolverOf(accountKey ?? '')
        if (!resolver) {
          problems.push({
            where: where(row.line),
            message: 'Cannot create boards: not connected to Pinterest',
          })
          continue
        }
        if (names.boardName !== undefined) {
          const r = await resolver.resolve(names.boardName)
          if ('error' in r) {
            problems.push({ where: where(row.line), message: r.error })
            continue
          }
          meta.boardId = r.id
        }
        if (names.sectionName !== undefined && meta.boardId !== undefined) {
          const r = await resolver.resolveSection(meta.boardId, names.sectionName)
          if ('error' in r) {
            problems.push({ where: where(row.line), message: r.error })
            continue
          }
          meta.boardSectionId = r.id
        }
      }
      // A later board of an A|B row without a time of its own waits its interval from now, the import.
      const offset = row.draft.boardOffsetMs
      const at = row.draft.publishAt ?? (offset !== undefined ? this.now() + offset : undefined)
      drafts.push({
        ...row.draft,
        meta,
        ...(at !== undefined && { publishAt: at }),
        ...(accountKey !== undefined && { accountKey }),
      })
    }
    if (drafts.length === 0) return { queued: 0, duplicates: 0, problems }
    const asDrafts = opts.asDrafts === true
    const res = this.opts.sink.enqueue(drafts, { kind: 'csv', label: basename(preview.path) }, { asDrafts })
    return {
      batchId: res.batchId,
      queued: res.queued,
      duplicates: res.duplicates,
      problems,
      ...(asDrafts && { drafts: true }),
    }
  }

  /**
   * The accounts for one preview: each account's resolver made once, so its boards are listed once however many
   * rows name it; the account the import runs under marked.
   */
  private async accountsOnce(): Promise<CsvAccounts | undefined> {
    const accounts = await this.opts.accounts?.()
    if (!accounts) return undefined
    const importKey = this.opts.accountKey?.()
    return {
      list: accounts.list,
      resolver: oncePerKey((key) => accounts.resolver(key)),
      ...(importKey !== undefined && { importKey }),
    }
  }

  private purge(): void {
    const cutoff = this.now() - this.ttlMs
    for (const [id, p] of this.previews) if (p.createdAt < cutoff) this.previews.delete(id)
  }
}

/** `make` called once for each key: a resolver lists its account's boards once, however many rows use it. */
function oncePerKey<V>(make: (key: string) => V): (key: string) => V {
  const made = new Map<string, V>()
  return (key) => {
    if (!made.has(key)) made.set(key, make(key))
    return made.get(key)!
  }
}

/** A board name of the CSV the user matched to one of the account's boards (issue 18, point 9). */
export interface BoardMatch {
  name: string
  boardId: string
}

/** The preview's resolver with the user's matches first: a matched name is that board for every row. */
function withMatches(resolver: BoardResolver | null, matches: readonly BoardMatch[]): BoardResolver | null {
  if (!resolver || matches.length === 0) return resolver
  const byName = new Map(matches.map((m) => [m.name.trim().toLocaleLowerCase(), m.boardId]))
  return {
    resolve: (name) => resolver.resolve(name),
    lookup: (name) => {
      const id = byName.get(name.trim().toLocaleLowerCase())
      return id !== undefined ? Promise.resolve({ id }) : resolver.lookup(name)
    },
    resolveSection: (boardId, name) => resolver.resolveSection(boardId, name),
    lookupSection: (boardId, name) => resolver.lookupSection(boardId, name),
  }
}

/**
 * A row to several boards (`A|B`) with a bad cell fails alike on each board: the error is said once, on the
 * line's first board, so the preview counts and lists it once.
 */
function oncePerLine({ rows, pending, outsideLines }: BuiltRows): BuiltRows {
  const kept: CsvPreviewRow[] = []
  const moved = new Map<number, PendingNames>()
  rows.forEach((row, i) => {
    const prev = kept.at(-1)
    const same =
      !row.draft &&
      prev !== undefined &&
      !prev.draft &&
      prev.line === row.line &&
      prev.errors.join('\n') === row.errors.join('\n')
    if (same) return
    const names = pending.get(i)
    if (names) moved.set(kept.length, names)
    kept.push(row)
  })
  return { rows: kept, pending: moved, outsideLines }
}
