import { basename } from 'node:path'
import { parse } from 'csv-parse/sync'
import { readBoundedFile } from './bounded-read'
import { detectDelimiter, mapColumns, normaliseHeader, type CsvField } from './csv-columns'
import { templateColumnNames } from './templates'
import { MAX_BOARDS_PER_ADD } from '../../shared/limits'

/** Larger files are refused whole: split them (the preview holds every row in memory and on screen). */
const MAX_CSV_ROWS = 10_000
/** Refuse absurd files before reading them (10,000 rows of long descriptions stay far below this). */
const MAX_CSV_BYTES = 64 * 1024 * 1024

/** One data row: its cells by field, trimmed, and a field-count problem if it has one. */
export interface RawCsvRow {
  /** 1-based line of the file where the row starts (the header is line 1, or 2 after a `sep=` line). */
  line: number
  cells: Partial<Record<CsvField, string>>
  /**
   * Set when the row's fields cannot be trusted to sit in their columns (another field count than the header,
   * a value under no header) or the row is not valid CSV; the message names the line.
   */
  fieldCountError?: string
  /**
   * The row's place among the boards of its `A|B|C` board cell (0 for the first): one row per board, the
   * n-th one interval later than the first.
   */
  boardIndex?: number
  /** How many sections a `S1|S2` cell names on a row of one board (a section may have `|` in its name). */
  splitSections?: number
  /** Set when one section name without `|` went to every board of the row's `A|B|C` cell. */
  sharedSection?: boolean
  /** Set when the row's board or section cell cannot be split over its boards (too many, sections unmatched). */
  boardsError?: string
  /** Every field of the row as read, in header order (for `{col:Header}` templates). */
  fields?: string[]
}

/** Separates the boards of one cell: `Travel|Food|Ideas` posts the file to each. */
const BOARD_SEPARATOR = '|'

/**
 * One row per board of an `A|B|C` board cell, each with its place and its own section: a section cell
 * `S1||S3` names each board's section in the same order (empty: none), and a section without `|` is looked up
 * by that name on every board (docs/architecture.md, "Drafts and scheduled items"). Any other row as it is,
 * but a section cell split with `|` on a row of one board is the board's section of that very name, else an error.
 */
function perBoard(row: RawCsvRow): RawCsvRow[] {
  const cell = row.cells.board
  if (row.fieldCountError || cell === undefined) return [row]
  if (!cell.includes(BOARD_SEPARATOR)) {
    const split = row.cells.section?.split(BOARD_SEPARATOR).length ?? 1
    return [split > 1 ? { ...row, splitSections: split } : row]
  }
  const boards = cell
    .split(BOARD_SEPARATOR)
    .map((b) => b.trim())
    .filter((b) => b !== '')
  if (boards.length === 0) {
    // Only separators: the row is reported as having no board.
    const { board: _none, ...cells } = row.cells
    return [{ ...row, cells }]
  }
  if (boards.length > MAX_BOARDS_PER_ADD)
    return [
      {
        ...row,
        boardsError: `The board cell names ${boards.length} boards; a row posts to at most ${MAX_BOARDS_PER_ADD}`,
      },
    ]
  const sections = (row.cells.section ?? '').split(BOARD_SEPARATOR).map((s) => s.trim())
  if (sections.length > boards.length)
    return [
      {
        ...row,
        boardsError: `The section cell names ${sections.length} sections for ${boards.length} boards: give at most one per board, in the board cell's order`,
      },
    ]
  return boards.map((board, boardIndex) => {
    const { section: _all, ...cells } = row.cells
    // One name for all: each board's Pin goes to that board's section of the name.
    const shared = sections.length === 1
    const section = shared ? sections[0] : sections[boardIndex]
    const named = section !== undefined && section !== ''
    return {
      ...row,
      cells: { ...cells, board, ...(named && { section }) },
      boardIndex,
      ...(shared && named && { sharedSection: true }),
    }
  })
}

export interface ParsedCsv {
  format: 'pinload' | 'pinterest_bulk'
  rows: RawCsvRow[]
  /** Header text per field, for messages. */
  labels: Partial<Record<CsvField, string>>
  /** The header as written (for `{col:Header}` templates); absent when the file could not be read. */
  header?: string[]
  /** Problems with the whole file; when set, `rows` is empty. */
  fileErrors: string[]
  /** Things about the whole file the user should know that keep no row out (a column nothing reads). */
  warnings: string[]
}

function fileError(message: string): ParsedCsv {
  return { format: 'pinload', rows: [], labels: {}, fileErrors: [message], warnings: [] }
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
  if (nulls > head.length / 8)
    return {
      error:
        'The file looks like UTF-16 or binary data, not UTF-8 text; save it as "CSV UTF-8 (comma delimited)"',
    }
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

/** After this many records that are not valid CSV, the file is taken as not CSV at all (each costs a re-read). */
const MAX_BAD_RECORDS = 50

/** One record as read: its fields and the 1-based line it starts on, or why it could not be read. */
interface CsvRecord {
  line: number
  fields: string[]
  parseError?: string
}

class TooManyRows extends Error {}

/** The text after the first `n` lines. */
function afterLines(text: string, n: number): string {
  let i = 0
  for (let k = 0; k < n && i >= 0; k++) i = text.indexOf('\n', i) + 1 || -1
  return i < 0 ? '' : text.slice(i)
}

function lineAt(text: string, n: number): string {
  const rest = afterLines(text, n - 1)
  const end = rest.indexOf('\n')
  return end < 0 ? rest : rest.slice(0, end)
}

/**
 * Reads every record, one bad record at a time: csv-parse stops at the first error and keeps nothing after
 * it, so each error becomes that record's problem and reading starts again on the next line. Stray quotes
 * are read as people mean them: `12" poster` (relax_quotes) and `"a.jpg" ,x` (trim) parse; a line whose
 * quoted field has text after its closing quote (`"12" poster`) is read with quotes as plain characters.
 */
function readRecords(text: string, delimiter: string, firstLine: number): CsvRecord[] | { error: string } {
  const records: CsvRecord[] = []
  let rest = text
  let before = firstLine - 1
  let filled = 0
  for (let bad = 0; ; bad++) {
    let lastEnd = 0
    try {
      parse(rest, {
        delimiter,
        relax_column_count: true,
        relax_quotes: true,
        trim: true,
        skip_empty_lines: false,
        on_record: (fields: string[], ctx: { lines: number }) => {
          records.push({ line: before + lastEnd + 1, fields })
          lastEnd = ctx.lines
          if (fields.some((f) => f.trim() !== '') && ++filled > MAX_CSV_ROWS + 1) throw new TooManyRows()
          return null
        },
      })
      return records
    } catch (e) {
      if (e instanceof TooManyRows) return records
      const err = e as { code?: string; lines?: number; message?: string }
      const start = lastEnd + 1
      const line = before + start
      if (bad >= MAX_BAD_RECORDS)
        return {
          error: `The file is not valid CSV: more than ${MAX_BAD_RECORDS} lines cannot be read (the last on line ${line}); check that it is a CSV file`,
        }
      let resumeAfter = start
      // An odd number of quotes means a quoted field runs on to the next line: read as plain characters, this
      // line would end mid-field and look whole.
      const whole = lineAt(rest, start)
      if (
        err.code === 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE' &&
        err.lines === start &&
        whole.split('"').length % 2 === 1
      ) {
        const literal: string[][] = parse(whole, {
          delimiter,
          quote: false,
          relax_column_count: true,
          trim: true,
        })
        const fields = literal[0] ?? ['']
        records.push({ line, fields })
      } else if (err.code === 'CSV_QUOTE_NOT_CLOSED') {
        records.push({
          line,
          fields: [],
          parseError: `Line ${line} has a quote (") that opens a field and is never closed; close it, or quote the whole field and double the quotes inside it ("")`,
        })
      } else {
        resumeAfter = Math.max(start, err.lines ?? start)
        const to = resumeAfter > start ? ` (the quoted field ends on line ${before + resumeAfter})` : ''
        const why =
          err.code === 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE'
            ? `has text after the closing quote of a quoted field${to}`
            : `is not valid CSV (${(err.message ?? String(e)).replace(/ at line \d+.*$/, '')})`
        records.push({
          line,
          fields: [],
          parseError: `Line ${line} ${why}; quote the whole field and double the quotes inside it ("")`,
        })
      }
      rest = afterLines(rest, resumeAfter)
      before += resumeAfter
      if (rest === '') return records
    }
  }
}

/**
 * Excel's `sep=;` first line names the delimiter (Excel writes it for locales whose lists use `;`). It is
 * not a header: reading it as one would report "no media column".
 */
const SEP_LINE = /^sep=([^"\n])[^\S\n]*(?:\n|$)/i

/** Why a row's fields cannot be trusted to sit in their columns, or undefined when they can. */
function fieldCountProblem(
  line: number,
  fields: string[],
  header: string[],
  named: number,
): string | undefined {
  const check = 'check for an unquoted comma, semicolon or line break'
  // Fields past the header are a stray delimiter; only Excel's nameless trailing columns may be left out or empty.
  if (fields.length > header.length || fields.length < named) {
    return `Line ${line} has ${fields.length} field${fields.length === 1 ? '' : 's'} but the header has ${header.length}; ${check}`
  }
  const stray = fields.findIndex((f, i) => i >= named && f.trim() !== '')
  if (stray >= 0)
    return `Line ${line} has a value ('${fields[stray]}') in column ${stray + 1}, which has no header; ${check}`
  return undefined
}

/** The headers (normalised) that `{col:Header}` templates in any cell name. */
function templateColumns(records: readonly CsvRecord[]): Set<string> {
  const read = new Set<string>()
  for (const r of records.slice(1))
    for (const f of r.fields) for (const h of templateColumnNames(f)) read.add(normaliseHeader(h))
  return read
}

/** Parses CSV text into rows keyed by field. Rows may have the wrong field count: those are reported per row. */
export function parseCsvText(text: string): ParsedCsv {
  // One line-ending style for the parser; quoted CRLFs inside descriptions become \n, which Pinterest shows the same.
  let normalised = text.replace(/\r\n?/g, '\n')
  let firstLine = 1
  let delimiter: string | undefined
  const sep = SEP_LINE.exec(normalised)
  if (sep) {
    delimiter = sep[1]!
    normalised = normalised.slice(sep[0].length)
    firstLine = 2
  }
  if (normalised.trim() === '')
    return fileError(sep ? 'The file has a sep= line but no header' : 'The file is empty')
  const records = readRecords(normalised, delimiter ?? detectDelimiter(normalised), firstLine)
  if (!Array.isArray(records)) return fileError(records.error)
  const headerRec = records[0]
  if (!headerRec) return fileError('The file is empty')
  if (headerRec.parseError) return fileError(`The header cannot be read: ${headerRec.parseError}`)
  const header = headerRec.fields
  const columns = mapColumns(header, templateColumns(records))
  const base = { format: columns.format, labels: columns.label, warnings: columns.warnings }
  if (columns.errors.length > 0) return { ...base, rows: [], fileErrors: columns.errors }
  let named = header.length
  while (named > 0 && header[named - 1]!.trim() === '') named--

  const rows: RawCsvRow[] = []
  const nameless = new Map<number, number>()
  for (const { line, fields, parseError } of records.slice(1)) {
    if (parseError) {
      rows.push({ line, cells: {}, fieldCountError: parseError })
      continue
    }
    if (fields.every((c) => c.trim() === '')) continue
    const cells: RawCsvRow['cells'] = {}
    for (const [field, i] of Object.entries(columns.index) as [CsvField, number][]) {
      const v = fields[i]
      if (v !== undefined && v.trim() !== '') cells[field] = v.trim()
    }
    const row: RawCsvRow = { line, cells, fields }
    const problem = fieldCountProblem(line, fields, header, named)
    if (problem) row.fieldCountError = problem
    else {
      for (let i = 0; i < named; i++)
        if (header[i]!.trim() === '' && fields[i]?.trim() && !nameless.has(i)) nameless.set(i, line)
    }
    rows.push(...perBoard(row))
    if (rows.length > MAX_CSV_ROWS) {
      return fileError(
        `The file has more than ${MAX_CSV_ROWS.toLocaleString('en-US')} rows; split it into smaller files`,
      )
    }
  }
  const warnings = [...base.warnings]
  for (const [i, line] of nameless)
    warnings.push(
      `Column ${i + 1} has no header, so its values are ignored (the first is on line ${line}); name the column or delete it`,
    )
  if (rows.length === 0)
    return { ...base, warnings, rows: [], fileErrors: ['The file has a header but no rows'] }
  return { ...base, warnings, rows, fileErrors: [], header }
}

/** Reads, decodes and parses a CSV file; every failure is a file-level error in plain words. */
export async function readCsvFile(path: string): Promise<ParsedCsv> {
  const read = await readBoundedFile(path, MAX_CSV_BYTES, `The file ${basename(path)}`)
  if (!read.ok) {
    if (read.reason === 'too_large')
      return fileError('The file is larger than 64 MB; split it into smaller files')
    if (read.reason === 'not_file') return fileError(`${read.message}; choose a CSV file`)
    if (read.reason === 'missing') return fileError(`The file ${path} was not found`)
    return fileError(`The file cannot be read (${read.code})`)
  }
  const decoded = decodeCsv(read.bytes)
  if ('error' in decoded) return fileError(decoded.error)
  return parseCsvText(decoded.text)
}
