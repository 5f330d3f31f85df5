/** The fields a CSV row can set. `media` is a local path or an http(s) image URL. */
export type CsvField =
  | 'media'
  | 'title'
  | 'description'
  | 'link'
  | 'altText'
  | 'board'
  | 'section'
  | 'cover'
  | 'publishAt'
  | 'keywords'
  | 'interval'
  | 'adOnly'
  | 'adAccount'
  | 'carousel'
  | 'account'

/**
 * Header spellings as people write them. Ours first, then Pinterest's bulk-create template (Title, Media URL,
 * Pinterest board, Thumbnail, Description, Link, Publish date, Keywords), then the other template that
 * circulates for it (board_name, image_url, published_at: docs/pinterest-api.md §8), then aliases people
 * type. Matching ignores case, spaces, `_` and `-`, so "publish_at", "publishAt" and "Publish at" are one.
 */
const HEADER_NAMES: readonly (readonly [string, CsvField])[] = [
  ['file', 'media'],
  ['path', 'media'],
  ['file path', 'media'],
  ['Media URL', 'media'],
  ['media', 'media'],
  ['image', 'media'],
  ['image_url', 'media'],
  ['url', 'media'],
  ['title', 'title'],
  ['pin title', 'title'],
  ['description', 'description'],
  ['pin description', 'description'],
  ['link', 'link'],
  ['destination link', 'link'],
  ['alt_text', 'altText'],
  // Sidecars accept "alt" too; one vocabulary for both.
  ['alt', 'altText'],
  ['board', 'board'],
  ['Pinterest board', 'board'],
  ['board_name', 'board'],
  ['board id', 'board'],
  ['section', 'section'],
  ['board section', 'section'],
  ['cover', 'cover'],
  ['Thumbnail', 'cover'],
  ['publish_at', 'publishAt'],
  ['Publish date', 'publishAt'],
  ['published_at', 'publishAt'],
  ['scheduled at', 'publishAt'],
  ['keywords', 'keywords'],
  // Between one file's Pins on the boards of an `A|B|C` board cell (docs/architecture.md, "Drafts and scheduled items").
  ['interval', 'interval'],
  ['board interval', 'interval'],
  // Ad-only Pins and carousels (issue 13; docs/pinterest-api.md §3.1a, §3.2).
  ['ad_only', 'adOnly'],
  ['ad_account_id', 'adAccount'],
  ['ad account', 'adAccount'],
  ['carousel', 'carousel'],
  // The Pinterest account a row goes out as (issue 15): a username Pinload knows, with or without `@`.
  ['account', 'account'],
  ['pinterest account', 'account'],
]

export function normaliseHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[\s_-]+/g, '')
}

const HEADERS = new Map<string, CsvField>(HEADER_NAMES.map(([name, field]) => [normaliseHeader(name), field]))

/** Headers only Pinterest's bulk template uses; any of them marks the file as that format. */
const BULK_ONLY = new Set(
  ['Media URL', 'Pinterest board', 'Thumbnail', 'Publish date', 'Keywords'].map(normaliseHeader),
)

/** The names a warning lists: one per field, as our own template writes them. */
const OUR_NAMES =
  'file, title, description, link, alt_text, board, section, cover, publish_at, keywords, interval, ad_only, ad_account_id, carousel and account'

export interface ColumnMap {
  /** Column index of each field found. */
  index: Partial<Record<CsvField, number>>
  /** Header text as written, per field, for messages ("the 'Media URL' cell is empty"). */
  label: Partial<Record<CsvField, string>>
  format: 'pinload' | 'pinterest_bulk'
  /** File-level problems (no media column, a field given twice). */
  errors: string[]
  /** Columns that are read by nothing (their values would be lost without a word). */
  warnings: string[]
}

/** Edit distance, cut off early: only "close enough to be a typo" matters. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    prev = cur
  }
  return prev[b.length]!
}

/** The known header a misspelt one most likely meant, or undefined when none is close. */
function closestHeader(key: string): string | undefined {
  let best: { name: string; d: number } | undefined
  for (const [name] of HEADER_NAMES) {
    const known = normaliseHeader(name)
    // One edit per four letters, at most 3: "pubish_at" and "descripton" match, "notes" matches nothing.
    const d = distance(key, known)
    if (d <= Math.min(3, Math.floor(Math.max(key.length, known.length) / 4)) && (!best || d < best.d))
      best = { name, d }
  }
  return best?.name
}

function unknownWarnings(unknown: string[]): string[] {
  const warnings: string[] = []
  const plain: string[] = []
  for (const name of unknown) {
    const guess = closestHeader(normaliseHeader(name))
    if (guess)
      warnings.push(
        `Column '${name}' is not one Pinload reads, so its values are ignored; did you mean '${guess}'?`,
      )
    else plain.push(`'${name}'`)
  }
  if (plain.length > 0) {
    const what = plain.length === 1 ? `Column ${plain[0]} is` : `Columns ${plain.join(', ')} are`
    warnings.push(
      `${what} not one Pinload reads, so ${plain.length === 1 ? 'its' : 'their'} values are ignored; the columns are ${OUR_NAMES} (or Pinterest's bulk-create headers)`,
    )
  }
  return warnings
}

/**
 * `read`: headers (normalised) a `{col:Header}` template names somewhere in the file (issue 13): such a column
 * is read after all, so it is not reported as ignored.
 */
export function mapColumns(header: string[], read: ReadonlySet<string> = new Set()): ColumnMap {
  const index: ColumnMap['index'] = {}
  const label: ColumnMap['label'] = {}
  const errors: string[] = []
  const unknown: string[] = []
  let bulk = false
  header.forEach((raw, i) => {
    const key = normaliseHeader(raw)
    const field = HEADERS.get(key)
    if (BULK_ONLY.has(key)) bulk = true
    if (!field) {
      // A nameless column (Excel's trailing delimiters) holds nothing to lose; csv-import checks its cells.
      if (key !== '' && !read.has(key)) unknown.push(raw.trim())
      return
    }
    const prev = label[field]
    if (prev !== undefined) {
      errors.push(
        `Columns '${prev}' and '${raw.trim()}' both set the ${field === 'media' ? 'media file' : field}; keep one of them`,
      )
      return
    }
    index[field] = i
    label[field] = raw.trim()
  })
  if (index.media === undefined) {
    // Without a media column the first line may be anything (a key file picked by mistake): say what it lacks,
    // never what it holds, and list none of its "columns" as unknown.
    // A cell within a few edits of a media header is a typo of a known word, so naming it shows nothing else.
    const typo = header.find((h) => {
      const guess = closestHeader(normaliseHeader(h))
      return guess !== undefined && HEADERS.get(normaliseHeader(guess)) === 'media'
    })
    const named = header.filter((h) => h.trim() !== '').length
    const hint =
      typo === undefined
        ? `its first line has ${named} named column${named === 1 ? '' : 's'} and none is a media column; check that this is a CSV of Pins`
        : `did you mean '${closestHeader(normaliseHeader(typo))}' for '${typo.trim()}'?`
    errors.push(`No media column: the header needs one of 'file', 'path' or 'Media URL'; ${hint}`)
    return { index, label, format: bulk ? 'pinterest_bulk' : 'pinload', errors, warnings: [] }
  }
  return {
    index,
    label,
    format: bulk ? 'pinterest_bulk' : 'pinload',
    errors,
    warnings: unknownWarnings(unknown),
  }
}

/** Picks the delimiter (`,` `;` or tab) that occurs most often outside quotes in the header line. */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 }
  let quoted = false
  for (const ch of text) {
    if (ch === '"') quoted = !quoted
    else if (!quoted && (ch === '\n' || ch === '\r')) break
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';'
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t'
  return ','
}
