import { readFile } from 'node:fs/promises'
import { parse } from 'csv-parse/sync'
import { detectDelimiter, mapColumns, type CsvField } from './csv-columns'

/** Larger files are refused whole: split them (the preview holds every row in memory and on screen). */
export const MAX_CSV_ROWS = 10_000
/** Refuse absurd files before reading them (10,000 rows of long descriptions stay far below this). */
const MAX_CSV_BYTES = 64 * 1024 * 1024

/** One data row: its cells by field, trimmed, and a field-count problem if it has one. */
export interface RawCsvRow {
  /** 1-based line where the row starts (the header is line 1). */
  line: number
  cells: Partial<Record<CsvField, string>>
  /** Set when the row has a different number of fields than the header. */
  fieldCountError?: string
}

export interface ParsedCsv {
  format: 'pinload' | 'pinterest_bulk'
  rows: RawCsvRow[]
  /** Header text per field, for messages. */
  labels: Partial<Record<CsvField, string>>
  /** Problems with the whole file; when set, `rows` is empty. */
  fileErrors: string[]
}

function fileError(message: string): ParsedCsv {
  return { format: 'pinload', rows: [], labels: {}, fileErrors: [message] }
}

/** Offset of the first byte that breaks UTF-8, or -1. */
function firstBadUtf8(b: Uint8Array): number {
  let i = 0
  while (i < b.length) {
    const c = b[i]!
    const n = c < 0x80 ? 0 : (c & 0xe0) === 0xc0 ? 1 : (c & 0xf0) === 0xe0 ? 2 : (c & 0xf8) === 0xf0 ? 3 : -1
    if (n < 0 || (n === 1 && c < 0xc2)) return i
    for (let k = 1; k <= n; k++) if (i + k >= b.length || (b[i + k]! & 0xc0) !== 0x80) return i
    i += n + 1
  }
  return -1
}

/**
 * Decodes the bytes as UTF-8 (BOM allowed) or says what they look like instead, since Excel's default
 * "CSV" is Windows-1252 and its "Unicode text" is UTF-16: both need re-saving as "CSV UTF-8".
 */
export function decodeCsv(buf: Buffer): { text: string } | { error: string } {
  if (buf.length === 0) return { error: 'The file is empty' }
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) {
    return { error: 'The file is UTF-16 text, not UTF-8; save it as "CSV UTF-8 (comma delimited)"' }
  }
  const head = buf.subarray(0, 4096)
  const nulls = head.reduce((n, b) => n + (b === 0 ? 1 : 0), 0)
  if (nulls > head.length / 8) return { error: 'The file looks like UTF-16 or binary data, not UTF-8 text; save it as "CSV UTF-8 (comma delimited)"' }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(buf)
    return { text: text.replace(/^\uFEFF/, '') }
  } catch {
    const i = Math.max(0, firstBadUtf8(buf))
    const line = buf.subarray(0, i).reduce((n, b) => n + (b === 10 ? 1 : 0), 1)
    const byte = (buf[i] ?? 0).toString(16).toUpperCase().padStart(2, '0')
    return {
      error: `The file is not UTF-8 text (byte 0x${byte} on line ${line}; it looks like Latin-1/Windows-1252); save it as "CSV UTF-8 (comma delimited)"`,
    }
  }
}

/** Parses CSV text into rows keyed by field. Rows may have the wrong field count: those are reported per row. */
export function parseCsvText(text: string): ParsedCsv {
  // One line-ending style for the parser; quoted CRLFs inside descriptions become \n, which Pinterest shows the same.
  const normalised = text.replace(/\r\n?/g, '\n')
  if (normalised.trim() === '') return fileError('The file is empty')
  let records: { record: string[]; info: { lines: number } }[]
  try {
    records = parse(normalised, {
      delimiter: detectDelimiter(normalised),
      relax_column_count: true,
      skip_empty_lines: false,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[]
  } catch (e) {
    return fileError(`The file is not valid CSV: ${e instanceof Error ? e.message : String(e)}`)
  }
  const headerRec = records[0]
  if (!headerRec) return fileError('The file is empty')
  const header = headerRec.record
  const columns = mapColumns(header)
  if (columns.errors.length > 0) return { format: columns.format, rows: [], labels: columns.label, fileErrors: columns.errors }

  const rows: RawCsvRow[] = []
  let prevEnd = headerRec.info.lines
  for (const { record, info } of records.slice(1)) {
    const line = prevEnd + 1
    prevEnd = info.lines
    if (record.every((c) => c.trim() === '')) continue
    const cells: RawCsvRow['cells'] = {}
    for (const [field, i] of Object.entries(columns.index) as [CsvField, number][]) {
      const v = record[i]
      if (v !== undefined && v.trim() !== '') cells[field] = v.trim()
    }
    const row: RawCsvRow = { line, cells }
    // Trailing empty fields (a spreadsheet's stray delimiters) are harmless; anything else shifted the columns.
    const extraFilled = record.slice(header.length).some((c) => c.trim() !== '')
    if (record.length < header.length || extraFilled) {
      row.fieldCountError = `Line ${line} has ${record.length} field${record.length === 1 ? '' : 's'} but the header has ${header.length}; check for an unquoted comma, semicolon or line break`
    }
    rows.push(row)
    if (rows.length > MAX_CSV_ROWS) {
      return fileError(`The file has more than ${MAX_CSV_ROWS.toLocaleString('en-US')} rows; split it into smaller files`)
    }
  }
  if (rows.length === 0) return { format: columns.format, rows: [], labels: columns.label, fileErrors: ['The file has a header but no rows'] }
  return { format: columns.format, rows, labels: columns.label, fileErrors: [] }
}

/** Reads, decodes and parses a CSV file; every failure is a file-level error in plain words. */
export async function readCsvFile(path: string): Promise<ParsedCsv> {
  let buf: Buffer
  try {
    buf = await readFile(path)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    return fileError(code === 'ENOENT' ? `The file ${path} was not found` : `The file cannot be read (${code ?? String(e)})`)
  }
  if (buf.length > MAX_CSV_BYTES) return fileError('The file is larger than 64 MB; split it into smaller files')
  const decoded = decodeCsv(buf)
  if ('error' in decoded) return fileError(decoded.error)
  return parseCsvText(decoded.text)
}
