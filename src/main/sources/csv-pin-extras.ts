import { basename, dirname, extname, join } from 'node:path'
import type { CsvPreviewRow, ItemDraft } from '../../shared/domain'
import { checkCarouselImages } from '../media/carousel-images'
import type { PinText } from '../media/pin-field-rules'
import type { ParsedCsv, RawCsvRow } from './csv-import'
import { cellsByHeader, checkTemplate, renderTemplate, type TemplateField } from './templates'

/**
 * Issue 13's CSV columns and templates, beside the row builder (csv-rows.ts): `ad_only` / `ad_account_id`,
 * text cells as templates with `{col:Header}`, and rows sharing a `carousel` key made into one carousel Pin.
 */

const YES = new Set(['yes', 'y', 'true', '1', 'x'])
const NO = new Set(['no', 'n', 'false', '0', ''])

/** A row's ad-only choice from its `ad_only` and `ad_account_id` cells (an ad account implies ad-only). */
export function csvAdOnly(
  cells: RawCsvRow['cells'],
): { adOnly: boolean; adAccountId?: string } | { error: string } {
  const flag = cells.adOnly?.toLowerCase()
  if (flag !== undefined && !YES.has(flag) && !NO.has(flag))
    return { error: `ad_only '${cells.adOnly}' is not yes or no` }
  const account = cells.adAccount
  if (account !== undefined && !/^\d{1,18}$/.test(account))
    return { error: `ad_account_id '${account}' is not an ad account id (1 to 18 digits)` }
  const adOnly = (flag !== undefined && YES.has(flag)) || account !== undefined
  if (flag !== undefined && NO.has(flag) && account !== undefined)
    return { error: `ad_account_id is for ad-only Pins, but ad_only says '${cells.adOnly}'` }
  return account === undefined ? { adOnly } : { adOnly, adAccountId: account }
}

const FIELDS: TemplateField[] = ['title', 'description', 'link', 'altText']

/** What a row's templates are filled with besides its cells. */
export interface CsvRowVars {
  /** The media cell: a path or URL; {name} is its file name without extension, {folder} its folder's name. */
  media: string
  /** 1-based place of the row among the CSV's rows ({index}). */
  index: number
  /** The local file's modification time, else the preview's time (Unix ms). */
  mtimeMs: number
  board: string
}

/**
 * A row's title, description, link and alt text filled as templates (`{name}`, `{folder}`, `{index}`, `{date}`,
 * `{board}`, `{col:Header}` for any column of this CSV), or the first unknown placeholder. Lengths are checked by
 * the caller on the result.
 */
export function fillCsvText(
  text: PinText,
  raw: RawCsvRow,
  parsed: ParsedCsv,
  v: CsvRowVars,
): { text: PinText } | { error: string } {
  const header = parsed.header ?? []
  const file = basename(v.media.split(/[?#]/)[0] ?? v.media)
  const vars = {
    name: file.slice(0, file.length - extname(file).length) || file,
    folder: basename(dirname(v.media)),
    index: v.index,
    mtimeMs: v.mtimeMs,
    board: v.board,
    cells: cellsByHeader(header, raw.fields ?? []),
  }
  const out: PinText = {}
  for (const f of FIELDS) {
    const t = text[f]
    if (t === undefined) continue
    const why = checkTemplate(t, f, { columns: header })
    if (why) return { error: why }
    const filled = renderTemplate(t, vars)
    if (filled !== '') out[f] = filled
  }
  return { text: out }
}

/** A built row with what the carousel grouping needs. */
export interface CarouselRow {
  row: CsvPreviewRow
  raw: RawCsvRow
}

/**
 * Rows sharing a `carousel` key (per board of an `A|B|C` cell) become one carousel draft on the first row: its
 * text and board are the Pin's, every row's title, description and link are its image's own. The other rows keep
 * no draft and say where they went; a group with any bad row, a URL, two boards, or that fails the carousel
 * pre-flight (2–5 images of one size) is refused on each of its rows.
 */
export async function groupCsvCarousels(rows: readonly CarouselRow[], csvDir: string): Promise<void> {
  const groups = new Map<string, CarouselRow[]>()
  for (const r of rows) {
    const key = r.raw.cells.carousel
    if (key === undefined) continue
    const id = `${key}\0${r.raw.boardIndex ?? 0}`
    groups.set(id, [...(groups.get(id) ?? []), r])
  }
  for (const group of groups.values()) {
    const key = group[0]!.raw.cells.carousel!
    const name = `Carousel '${key}'`
    const refuse = (why: string) => {
      for (const r of group) {
        delete r.row.draft
        if (r.row.errors.length === 0) r.row.errors.push(why)
      }
    }
    const bad = group.find((r) => !r.row.draft)
    if (bad) {
      refuse(`${name} is not imported: line ${bad.row.line} has a problem`)
      continue
    }
    const drafts = group.map((r) => r.row.draft!)
    if (drafts.some((d) => d.path === undefined)) {
      refuse(`${name}: carousel images must be local files, not URLs`)
      continue
    }
    const first = drafts[0]!
    // The Pin takes the first row's place: rows that name another board, section or ad account would lose theirs.
    const place = (d: ItemDraft) => [d.meta.boardId, d.meta.boardSectionId, d.meta.adOnly === true].join('\0')
    if (drafts.some((d) => place(d) !== place(first))) {
      refuse(`${name}: its rows name different boards or sections; a carousel is one Pin in one place`)
      continue
    }
    if (drafts.some((d) => d.meta.adAccountId !== first.meta.adAccountId)) {
      refuse(`${name}: its rows name different ad accounts; a carousel is one Pin of one account`)
      continue
    }
    const check = await checkCarouselImages(
      name,
      drafts.map((d) => d.path!),
    )
    if (!check.ok) {
      refuse(`${check.message}. ${check.fix}`)
      continue
    }
    const carousel: NonNullable<ItemDraft['carousel']> = drafts.map((d) => ({
      path: d.path!,
      ...(d.meta.title !== undefined && { title: d.meta.title }),
      ...(d.meta.description !== undefined && { description: d.meta.description }),
      ...(d.meta.link !== undefined && { link: d.meta.link }),
    }))
    group[0]!.row.draft = { ...first, path: join(csvDir, key), carousel }
    for (const r of group.slice(1)) {
      delete r.row.draft
      r.row.warnings = [...(r.row.warnings ?? []), `Part of carousel '${key}' (line ${group[0]!.row.line})`]
    }
  }
}
