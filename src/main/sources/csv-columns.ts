/** The fields a CSV row can set. `media` is a local path or an http(s) image URL. */
export type CsvField = 'media' | 'title' | 'description' | 'link' | 'altText' | 'board' | 'section' | 'cover' | 'publishAt' | 'keywords'

/**
 * Header spellings, after normalising (trimmed, lower case, `_`/`-` and runs of spaces as one space).
 * Ours first, then Pinterest's bulk-create template (Title, Media URL, Pinterest board, Thumbnail,
 * Description, Link, Publish date, Keywords), then aliases people type.
 */
const HEADERS: Record<string, CsvField> = {
  file: 'media',
  path: 'media',
  'file path': 'media',
  'media url': 'media',
  media: 'media',
  image: 'media',
  'image url': 'media',
  url: 'media',
  title: 'title',
  'pin title': 'title',
  description: 'description',
  'pin description': 'description',
  link: 'link',
  'destination link': 'link',
  'alt text': 'altText',
  alttext: 'altText',
  board: 'board',
  'pinterest board': 'board',
  'board name': 'board',
  'board id': 'board',
  section: 'section',
  'board section': 'section',
  cover: 'cover',
  thumbnail: 'cover',
  'publish at': 'publishAt',
  'publish date': 'publishAt',
  keywords: 'keywords',
}

/** Headers only Pinterest's bulk template uses; any of them marks the file as that format. */
const BULK_ONLY = new Set(['media url', 'pinterest board', 'thumbnail', 'publish date', 'keywords'])

export function normaliseHeader(h: string): string {
  return h.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[\s_-]+/g, ' ')
}

export interface ColumnMap {
  /** Column index of each field found. */
  index: Partial<Record<CsvField, number>>
  /** Header text as written, per field, for messages ("the 'Media URL' cell is empty"). */
  label: Partial<Record<CsvField, string>>
  format: 'pinload' | 'pinterest_bulk'
  /** File-level problems (no media column, a field given twice). */
  errors: string[]
}

export function mapColumns(header: string[]): ColumnMap {
  const index: ColumnMap['index'] = {}
  const label: ColumnMap['label'] = {}
  const errors: string[] = []
  let bulk = false
  header.forEach((raw, i) => {
    const key = normaliseHeader(raw)
    const field = HEADERS[key]
    if (BULK_ONLY.has(key)) bulk = true
    if (!field) return
    const prev = label[field]
    if (prev !== undefined) {
      errors.push(`Columns '${prev}' and '${raw.trim()}' both set the ${field === 'media' ? 'media file' : field}; keep one of them`)
      return
    }
    index[field] = i
    label[field] = raw.trim()
  })
  if (index.media === undefined) {
    errors.push(
      `No media column: the header needs one of 'file', 'path' or 'Media URL' (found: ${header.map((h) => `'${h.trim()}'`).join(', ') || 'nothing'})`,
    )
  }
  return { index, label, format: bulk ? 'pinterest_bulk' : 'pinload', errors }
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
