import { describe, expect, it } from 'vitest'
import { csvCell, EXPORT_COLUMNS, toCsv, type ExportRow } from '../../src/main/services/export-results'

/** The export's CSV cells (OWASP "CSV Injection": a leading quote before = + - @ (after spaces or NBSP) tab CR LF, every cell quoted). */
describe('csvCell', () => {
  it.each([
    ['=SUM(A1:A2)', `"'=SUM(A1:A2)"`],
    ['+1', `"'+1"`],
    ['-1+2', `"'-1+2"`],
    ['@cmd', `"'@cmd"`],
    ['\tlead tab', `"'\tlead tab"`],
    ['\rlead CR', `"'\rlead CR"`],
    ['\nlead LF', `"'\nlead LF"`],
    ['  =1+1', `"'  =1+1"`],
    ['\u00a0@cmd', `"'\u00a0@cmd"`],
    [' \t-2', `"' \t-2"`],
    ['  plain', '"  plain"'],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['plain, with "quotes"', '"plain, with ""quotes"""'],
    ['a=b', '"a=b"'],
    ['line\nbreak', '"line\nbreak"'],
    ['', '""'],
  ])('%j → %s', (value, cell) => {
    expect(csvCell(value)).toBe(cell)
  })

  it('writes counts as numbers and unknown counts as empty cells', () => {
    expect(csvCell(42)).toBe('"42"')
    expect(csvCell(null)).toBe('""')
  })
})

describe('toCsv', () => {
  it('starts with a UTF-8 BOM and the header, one CRLF line per row', () => {
    const row = Object.fromEntries(EXPORT_COLUMNS.map((c) => [c, ''])) as unknown as ExportRow
    const text = toCsv([{ ...row, title: 'Ünïcode ✓', impressions: 3, saves: null, clicks: 0 }])
    expect(text.startsWith('\uFEFF"file","title",')).toBe(true)
    const lines = text.slice(1).split('\r\n')
    expect(lines).toHaveLength(3)
    expect(lines[2]).toBe('')
    expect(lines[1]).toContain('"Ünïcode ✓"')
    expect(lines[1]!.endsWith('"3","","0"')).toBe(true)
  })
})
