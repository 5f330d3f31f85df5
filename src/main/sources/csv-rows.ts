import { realpath } from 'node:fs/promises'
import { isAbsolute, relative, resolve as resolvePath } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { CsvPreviewRow, ItemDraft } from '../../shared/domain'
import { MAX_BOARD_INTERVAL_MS, PIN_LIMITS } from '../../shared/limits'
import { MIN_EVERY_MS, parseDuration } from '../../shared/schedule/plan-spec'
import type { CsvField } from './csv-columns'
import type { ParsedCsv, RawCsvRow } from './csv-import'
import { mapLimit } from './map-limit'
import { checkLocalMedia, type LocalMediaCheck } from '../media/local-media'
import { checkCoverImage } from '../media/cover-image'
import { checkPinText, checkWebUrl } from '../media/pin-field-rules'
import { compact } from './pin-fields'
import { csvAdOnly, fillCsvText, groupCsvCarousels } from './csv-pin-extras'
import { csvAccount, type CsvAccounts } from './csv-account'
import type { BoardResolver } from './source-types'

/** What a row still needs at confirm time: a board and/or section to create. */
export interface PendingNames {
  boardName?: string
  sectionName?: string
}

export interface RowContext {
  /** Folder of the CSV: relative paths are relative to it. */
  csvDir: string
  /** The same folder with its links resolved, to tell files outside it; default: resolved here. */
  realCsvDir?: string
  /** Never-creating resolver, or null when not connected (then only board IDs work). */
  resolver: BoardResolver | null
  /** The accounts an `account` cell may name (issue 15); absent, a row naming one is an error. */
  accounts?: CsvAccounts
  createMissing: boolean
  /** Unix ms, for "in the past". */
  now: number
}

export interface BuiltRows {
  rows: CsvPreviewRow[]
  /** Names to create at confirm, by index into `rows`. */
  pending: Map<number, PendingNames>
  /** Lines of the valid rows that name a file outside the CSV's folder. */
  outsideLines: number[]
}

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i
const FILE_URL = /^file:\/\//i
/** A URL path ending like this is a video: the API's image_url takes images only, so such a row would fail at publish. */
const VIDEO_PATH = /\.(?:mp4|mov|m4v|avi|mkv|webm|wmv|flv|mpe?g|3gp|ogv|m2ts|mts)$/i
const DIGITS = /^\d+$/
/** A publish date may be this far in the past (clock skew, time spent in the preview). */
const PAST_GRACE_MS = 60_000
/** Local files checked at once during a preview. */
const PARALLEL_CHECKS = 16

/**
 * Parses an ISO 8601 date or date-time. Without a zone it is local time (a date alone is local
 * midnight: `Date.parse` would make that UTC). Returns null when it is not a real date.
 */
export function parsePublishAt(value: string): number | null {
  const m =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i.exec(
      value.trim(),
    )
  if (!m) return null
  const [y, mo, d, h = '0', mi = '0', s = '0', ms = '0'] = m.slice(1, 8)
  const zone = m[8]
  const parts = [
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h),
    Number(mi),
    Number(s),
    Number(ms.padEnd(3, '0')),
  ] as const
  if (parts[3] > 23 || parts[4] > 59 || parts[5] > 59) return null
  let t: number
  if (zone === undefined) {
    const dt = new Date(...parts)
    if (dt.getFullYear() !== parts[0] || dt.getMonth() !== parts[1] || dt.getDate() !== parts[2]) return null
    t = dt.getTime()
  } else {
    t = Date.UTC(...parts)
    const check = new Date(t)
    if (check.getUTCMonth() !== parts[1] || check.getUTCDate() !== parts[2]) return null
    if (zone.toUpperCase() !== 'Z') {
      const sign = zone.startsWith('-') ? -1 : 1
      // ISO 8601 allows ±hh alone (`+01`) as well as ±hh:mm and ±hhmm.
      const digits = zone.slice(1).replace(':', '')
      const [zh, zm] = [Number(digits.slice(0, 2)), Number(digits.slice(2) || '0')]
      if (zh > 23 || zm > 59) return null
      t -= sign * (zh * 60 + zm) * 60_000
    }
  }
  return t
}

/** A media cell as a local path: relative to the CSV's folder, and a `file://` URL (pasted from a browser) as its path. */
function localPath(value: string, csvDir: string): { path: string } | { error: string } {
  if (FILE_URL.test(value)) {
    try {
      return { path: fileURLToPath(value) }
    } catch {
      return {
        error: `'${value}' is not a file:// URL of a file on this computer; write the plain path instead (like /Users/me/pins/a.jpg or C:\\pins\\a.jpg)`,
      }
    }
  }
  return { path: isAbsolute(value) ? value : resolvePath(csvDir, value) }
}

/** Whether `path` (links followed) lies inside the folder `realDir`, itself a real path. */
async function isInside(path: string, realDir: string): Promise<boolean> {
  const real = await realpath(path).catch(() => resolvePath(path))
  const rel = relative(realDir, real)
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)
}

/**
 * A CSV is often someone else's file: a row that reaches out of its folder (`../`, an absolute path, a link)
 * could publish a private file, so the preview says so for the user to check before confirming.
 */
function outsideWarning(what: string, csvDir: string): string {
  return `${what} is outside the CSV's folder (${csvDir}); check that you mean to publish it`
}

/** Long URLs are cut in messages so one row does not fill the screen. */
const short = (s: string) => (s.length > 80 ? `${s.slice(0, 80)}…` : s)

/** The check's message with its fix: a row has only sentences, and "not found" alone does not say what to do. */
function withFix(check: Extract<LocalMediaCheck, { ok: false }>): string {
  return check.fix === undefined ? check.message : `${check.message}. ${check.fix}`
}

/** A cover cell that is not a time: a local image (checked as src/main/media/cover-image.ts says). */
async function coverImageOf(value: string, csvDir: string): Promise<{ path: string } | { error: string }> {
  const local = localPath(value, csvDir)
  if ('error' in local) return { error: `Cover image ${local.error}` }
  const check = await checkCoverImage(local.path, `Cover image '${value}'`)
  return check.ok ? local : { error: check.error }
}

function label(labels: ParsedCsv['labels'], f: CsvField, fallback: string): string {
  return labels[f] ?? fallback
}

async function buildRow(
  raw: RawCsvRow,
  parsed: ParsedCsv,
  ctx: RowContext,
  index: number,
): Promise<{ row: CsvPreviewRow; key?: string; names?: PendingNames; outside?: boolean }> {
  const c = raw.cells
  const errors: string[] = []
  const warnings: string[] = []
  let outside = false
  // Shifted columns make every other cell suspect: one message says what to fix.
  if (raw.fieldCountError) return { row: { line: raw.line, errors: [raw.fieldCountError] } }
  if (raw.boardsError) return { row: { line: raw.line, errors: [raw.boardsError] } }
  const draft: ItemDraft = { meta: {} }
  let mediaKind: 'image' | 'video' | 'image_url' | undefined
  let key: string | undefined
  let mtimeMs = ctx.now

  const media = c.media
  if (media === undefined) {
    errors.push(
      `The '${label(parsed.labels, 'media', 'file')}' cell is empty: each row needs a file path or an image URL`,
    )
  } else if (SCHEME.test(media) && !FILE_URL.test(media)) {
    const bad = checkWebUrl(media, 'Media URL')
    if (bad) errors.push(bad)
    else if (VIDEO_PATH.test(new URL(media).pathname)) {
      // Left without a media kind, its thumbnail is still checked the way a video's is.
      errors.push(
        `Media URL '${short(media)}' is a video; Pinterest's API takes videos only as uploaded files, not by URL: download it and give its local path instead`,
      )
    } else [draft.url, mediaKind, key] = [media, 'image_url', `url:${media}`]
  } else {
    const local = localPath(media, ctx.csvDir)
    if ('error' in local) errors.push(local.error)
    else {
      const check = await checkLocalMedia(local.path, { name: `'${media}'` })
      if (!check.ok) errors.push(withFix(check))
      else {
        draft.path = local.path
        mediaKind = check.kind
        mtimeMs = check.mtimeMs
        if (!(await isInside(local.path, ctx.realCsvDir ?? ctx.csvDir))) {
          outside = true
          warnings.push(outsideWarning(`'${media}'`, ctx.csvDir))
        }
      }
      key = `file:${await realpath(local.path).catch(() => local.path)}`
    }
  }

  let description = c.description
  if (c.keywords !== undefined) {
    const joined = description ? `${description}\n\n${c.keywords}` : c.keywords
    if (joined.length > PIN_LIMITS.description) {
      errors.push(
        `Description with keywords appended is ${joined.length} characters; Pinterest allows at most ${PIN_LIMITS.description}`,
      )
    } else description = joined
  }
  // Text cells are templates too, with {col:Header} for any column (issue 13).
  const filled = fillCsvText({ title: c.title, description, link: c.link, altText: c.altText }, raw, parsed, {
    media: media ?? '',
    index,
    mtimeMs,
    board: c.board ?? '',
  })
  if ('error' in filled) errors.push(filled.error)
  const text = 'error' in filled ? {} : filled.text
  errors.push(...checkPinText(text))
  Object.assign(draft.meta, compact(text))

  if (c.cover !== undefined) {
    if (mediaKind !== undefined && mediaKind !== 'video') {
      const what = mediaKind === 'image_url' ? 'an image URL' : 'an image'
      errors.push(
        `'${label(parsed.labels, 'cover', 'cover')}' is only for videos, and this row's media is ${what}`,
      )
    } else if (/^[-+]?\d+(\.\d+)?$/.test(c.cover)) {
      const seconds = Number(c.cover)
      if (seconds < 0 || !Number.isInteger(seconds))
        errors.push(`Cover time '${c.cover}' must be a whole number of seconds, 0 or more`)
      else draft.meta.coverKeyFrameSeconds = seconds
    } else {
      const cover = await coverImageOf(c.cover, ctx.csvDir)
      if ('error' in cover) errors.push(cover.error)
      else {
        draft.meta.coverImagePath = cover.path
        if (!(await isInside(cover.path, ctx.realCsvDir ?? ctx.csvDir))) {
          outside = true
          warnings.push(outsideWarning(`Cover image '${c.cover}'`, ctx.csvDir))
        }
      }
    }
  }

  if (c.publishAt !== undefined) {
    const t = parsePublishAt(c.publishAt)
    if (t === null)
      errors.push(
        `Publish date '${c.publishAt}' is not a date; use ISO 8601 like 2026-12-24T18:00 or 2026-12-24T18:00+01:00`,
      )
    else if (t < ctx.now - PAST_GRACE_MS) errors.push(`Publish date '${c.publishAt}' is in the past`)
    else draft.publishAt = t
  }

  if (c.interval !== undefined) {
    const ms = parseDuration(c.interval)
    const what = `'${label(parsed.labels, 'interval', 'interval')}' ${c.interval}`
    if (ms === null) errors.push(`${what} is not a duration; use 90m, 2h or 3d`)
    else if (ms < MIN_EVERY_MS) errors.push(`${what} must be at least one minute (1m)`)
    else if (ms > MAX_BOARD_INTERVAL_MS) errors.push(`${what} must be at most 366 days (366d)`)
    // The n-th board of an A|B|C cell goes n intervals after the row's time; a row without one is timed when
    // it is imported (ImportService.confirm), not at the preview the user may read for a while.
    else if ((raw.boardIndex ?? 0) > 0) {
      if (draft.publishAt !== undefined) draft.publishAt += raw.boardIndex! * ms
      draft.boardOffsetMs = raw.boardIndex! * ms
    }
  }

  const names: PendingNames = {}
  let resolver = ctx.resolver
  if (c.account !== undefined) {
    const found = csvAccount(c.account, ctx.accounts, label(parsed.labels, 'account', 'account'))
    if ('error' in found) errors.push(found.error)
    else {
      draft.accountKey = found.account.key
      // The named account's boards are its own: looked up (and made) there, whichever account the import runs
      // under (the window's current one, or a command's --account); that one's with the user's board matches.
      if (found.account.key !== ctx.accounts?.importKey)
        resolver = ctx.accounts?.resolver(found.account.key) ?? null
    }
  }
  const board = c.board
  let unknownBoard: string | undefined
  const ad = csvAdOnly(c)
  if ('error' in ad) errors.push(ad.error)
  else if (ad.adOnly) {
    // An ad-only Pin is on no board (docs/pinterest-api.md §3.1a).
    if (board !== undefined)
      errors.push(`An ad-only row takes no board: empty its '${label(parsed.labels, 'board', 'board')}' cell`)
    draft.meta.adOnly = true
    if (ad.adAccountId !== undefined) draft.meta.adAccountId = ad.adAccountId
  } else if (board === undefined) {
    errors.push(
      `The '${label(parsed.labels, 'board', 'board')}' cell is empty: each row needs a board name or ID`,
    )
  } else if (!resolver) {
    if (DIGITS.test(board)) draft.meta.boardId = board
    else
      errors.push(
        `Cannot look up board '${board}': not connected to Pinterest (use the board ID, or connect first)`,
      )
  } else {
    const r = await resolver.lookup(board)
    if ('id' in r) draft.meta.boardId = r.id
    else if (r.missing && ctx.createMissing) names.boardName = board
    else {
      errors.push(r.error)
      if (r.missing) unknownBoard = board
    }
  }
  // `S1|S2` on a row of one board: a section of that very name if the board has one, else an error (never made).
  const split = raw.splitSections
  const splitError = `The section cell names ${split} sections for 1 board: give one section, or one board per section (A|B)`
  if (c.section !== undefined && board !== undefined) {
    if (names.boardName !== undefined) {
      if (split !== undefined) errors.push(splitError)
      else names.sectionName = c.section
    } else if (split !== undefined && !resolver) errors.push(splitError)
    else if (draft.meta.boardId !== undefined && DIGITS.test(c.section) && !resolver)
      draft.meta.boardSectionId = c.section
    else if (draft.meta.boardId !== undefined && resolver) {
      const r = await resolver.lookupSection(draft.meta.boardId, c.section)
      if ('id' in r) draft.meta.boardSectionId = r.id
      else if (r.missing && split !== undefined) errors.push(splitError)
      else if (r.missing && ctx.createMissing) names.sectionName = c.section
      else if (r.missing && raw.sharedSection)
        errors.push(
          `${r.error} (one section name without | is looked up on every board of the row: give each board its own, in the board cell's order, empty for none, like ${c.section}| or |${c.section})`,
        )
      else errors.push(r.error)
    } else if (draft.meta.boardId !== undefined) {
      errors.push(`Cannot look up section '${c.section}': not connected to Pinterest`)
    }
  }
  // The same file on the same board of another account is another Pin, not a duplicate.
  if (key !== undefined)
    key += `\0${(draft.meta.boardId ?? names.boardName ?? board ?? '').toLocaleLowerCase()}\0${draft.accountKey ?? ''}`

  const row: CsvPreviewRow = { line: raw.line, errors }
  if (errors.length === 0) row.draft = draft
  else
    row.raw = {
      ...(c.media !== undefined && { media: c.media }),
      ...(c.title !== undefined && { title: c.title }),
      ...(board !== undefined && { board }),
    }
  if (warnings.length > 0) row.warnings = warnings
  if (unknownBoard !== undefined) row.unknownBoard = unknownBoard
  if (names.boardName !== undefined) row.boardName = names.boardName
  else if (board !== undefined && !DIGITS.test(board)) row.boardName = board
  return key === undefined ? { row, names, outside } : { row, key, names, outside }
}

/**
 * Turns parsed rows into preview rows: a draft for each valid row, every specific problem for the rest.
 * A row repeating an earlier valid row's media on the same board is a duplicate of that line.
 */
export async function buildPreviewRows(parsed: ParsedCsv, ctx: RowContext): Promise<BuiltRows> {
  const realCsvDir = ctx.realCsvDir ?? (await realpath(ctx.csvDir).catch(() => ctx.csvDir))
  const built = await mapLimit(parsed.rows, PARALLEL_CHECKS, (raw, i) =>
    buildRow(raw, parsed, { ...ctx, realCsvDir }, i + 1),
  )
  const firstLine = new Map<string, number>()
  const pending = new Map<number, PendingNames>()
  const outsideLines: number[] = []
  const rows = built.map(({ row, key, names, outside }, i) => {
    if (key !== undefined) {
      // Only a valid earlier row counts: an invalid one is never queued, so repeating it duplicates nothing.
      const earlier = firstLine.get(key)
      if (earlier !== undefined) {
        row.errors.push(`Duplicate of line ${earlier}: same media and board`)
        delete row.draft
      } else if (row.draft) firstLine.set(key, row.line)
    }
    if (row.draft && names && (names.boardName !== undefined || names.sectionName !== undefined))
      pending.set(i, names)
    if (row.draft && outside) outsideLines.push(row.line)
    return row
  })
  await groupCsvCarousels(
    rows.map((row, i) => ({ row, raw: parsed.rows[i]! })),
    ctx.csvDir,
  )
  for (const i of pending.keys()) if (!rows[i]?.draft) pending.delete(i)
  return { rows, pending, outsideLines }
}
