import { describe, expect, it } from 'vitest'
import { mapColumns } from '../../src/main/sources/csv-columns'
import { parseCsvText } from '../../src/main/sources/csv-import'
import { parsePublishAt } from '../../src/main/sources/csv-rows'

const rowsOf = (text: string) => parseCsvText(text).rows.map((r) => [r.line, r.fieldCountError ?? r.cells])

describe('CSV column names', () => {
  it.each([
    ['publishAt', 'publishAt'],
    ['publish_at', 'publishAt'],
    ['Publish at', 'publishAt'],
    ['Publish date', 'publishAt'],
    ['published_at', 'publishAt'],
    ['Scheduled at', 'publishAt'],
    ['alt', 'altText'],
    ['altText', 'altText'],
    ['Alt-Text', 'altText'],
    ['board_name', 'board'],
    ['image_url', 'media'],
    ['Media URL', 'media'],
    ['Pinterest board', 'board'],
    ['Thumbnail', 'cover'],
    ['Keywords', 'keywords'],
    ['Link', 'link'],
    ['Title', 'title'],
    ['Description', 'description'],
  ])("reads '%s' as %s", (name, field) => {
    const cols = mapColumns(field === 'media' ? [name] : ['file', name])
    expect(cols.index).toHaveProperty(field)
    expect(cols.warnings).toEqual([])
  })

  it('reads the other circulating bulk template (board_name, title, description, link, image_url, published_at) whole', () => {
    const cols = mapColumns(['board_name', 'title', 'description', 'link', 'image_url', 'published_at'])
    expect(cols.index).toEqual({ board: 0, title: 1, description: 2, link: 3, media: 4, publishAt: 5 })
    expect(cols.errors).toEqual([])
    expect(cols.warnings).toEqual([])
  })

  it('warns about a column nothing reads, with the close match when there is one', () => {
    expect(mapColumns(['file', 'board', 'pubish_at', 'Descripton']).warnings).toEqual([
      "Column 'pubish_at' is not one Pinload reads, so its values are ignored; did you mean 'publish_at'?",
      "Column 'Descripton' is not one Pinload reads, so its values are ignored; did you mean 'description'?",
    ])
    expect(mapColumns(['file', 'board', 'notes', 'price']).warnings).toEqual([
      "Columns 'notes', 'price' are not one Pinload reads, so their values are ignored; the columns are file, title, description, link, alt_text, board, section, cover, publish_at, keywords, interval, ad_only, ad_account_id, carousel and account (or Pinterest's bulk-create headers)",
    ])
    expect(mapColumns(['file', 'board', 'when']).warnings).toEqual([
      "Column 'when' is not one Pinload reads, so its values are ignored; the columns are file, title, description, link, alt_text, board, section, cover, publish_at, keywords, interval, ad_only, ad_account_id, carousel and account (or Pinterest's bulk-create headers)",
    ])
  })

  it('carries the column warnings to the parsed file, with its rows', () => {
    const parsed = parseCsvText('file,board,publsh_at\na.jpg,Recipes,2031-01-01\n')
    expect(parsed.fileErrors).toEqual([])
    expect(parsed.rows).toHaveLength(1)
    expect(parsed.warnings).toEqual([
      "Column 'publsh_at' is not one Pinload reads, so its values are ignored; did you mean 'publish_at'?",
    ])
  })

  it('warns about a nameless column between named ones only when a row has a value in it', () => {
    expect(parseCsvText('file,,board\na.jpg,,Recipes\n').warnings).toEqual([])
    expect(
      parseCsvText('file,,board\na.jpg,,Recipes\nb.jpg,note,Recipes\nc.jpg,more,Recipes\n').warnings,
    ).toEqual([
      'Column 2 has no header, so its values are ignored (the first is on line 3); name the column or delete it',
    ])
  })
})

describe('CSV field counts', () => {
  it('refuses a row with an extra empty trailing field when the header has none (a stray comma shifted it)', () => {
    expect(
      rowsOf('file,board,title,description\nb.jpg,Recipes,Soup, hot and fresh,\nc.jpg,Recipes,Stew,warm\n'),
    ).toEqual([
      [2, 'Line 2 has 5 fields but the header has 4; check for an unquoted comma, semicolon or line break'],
      [3, { media: 'c.jpg', board: 'Recipes', title: 'Stew', description: 'warm' }],
    ])
  })

  it("accepts Excel's trailing empty fields when the header has them, and rows that leave them out", () => {
    expect(
      rowsOf('file,board,,\na.jpg,Recipes,,\nb.jpg,Recipes\nc.jpg,Recipes,,,\nd.jpg,Recipes,x,\ne.jpg\n'),
    ).toEqual([
      [2, { media: 'a.jpg', board: 'Recipes' }],
      [3, { media: 'b.jpg', board: 'Recipes' }],
      [4, 'Line 4 has 5 fields but the header has 4; check for an unquoted comma, semicolon or line break'],
      [
        5,
        "Line 5 has a value ('x') in column 3, which has no header; check for an unquoted comma, semicolon or line break",
      ],
      [6, 'Line 6 has 1 field but the header has 4; check for an unquoted comma, semicolon or line break'],
    ])
  })
})

describe('CSV quotes', () => {
  it('reads a quote inside an unquoted field as a character', () => {
    expect(rowsOf('file,title\na.jpg,12" poster\nb.jpg,say "hi" twice\n')).toEqual([
      [2, { media: 'a.jpg', title: '12" poster' }],
      [3, { media: 'b.jpg', title: 'say "hi" twice' }],
    ])
  })

  it('allows spaces around a quoted field, and keeps quoted commas, quotes and line breaks', () => {
    expect(rowsOf('file,title,description\n "a.jpg" , "Soup, ""hot""" ,"two\nlines"\n')).toEqual([
      [2, { media: 'a.jpg', title: 'Soup, "hot"', description: 'two\nlines' }],
    ])
  })

  it('reads a field that only starts with a quoted word with its quotes as written', () => {
    expect(rowsOf('file,title,board\na.jpg,"12" poster,Recipes\n')).toEqual([
      [2, { media: 'a.jpg', title: '"12" poster', board: 'Recipes' }],
    ])
  })

  it('fails only the row with an unclosed quote, naming its line, and reads on from the next line', () => {
    expect(rowsOf('file,title\na.jpg,"never closed\nb.jpg,fine\n')).toEqual([
      [
        2,
        'Line 2 has a quote (") that opens a field and is never closed; close it, or quote the whole field and double the quotes inside it ("")',
      ],
      [3, { media: 'b.jpg', title: 'fine' }],
    ])
  })

  it('refuses the file when the header cannot be read, or when too many lines cannot be', () => {
    expect(parseCsvText('file,"title\na.jpg,x\n').fileErrors).toEqual([
      'The header cannot be read: Line 1 has a quote (") that opens a field and is never closed; close it, or quote the whole field and double the quotes inside it ("")',
    ])
    const broken = parseCsvText('file,title\n' + 'a.jpg,"x" y,"z\n'.repeat(60))
    expect(broken.rows).toEqual([])
    expect(broken.fileErrors).toEqual([
      'The file is not valid CSV: more than 50 lines cannot be read (the last on line 52); check that it is a CSV file',
    ])
  })
})

describe("Excel's sep= line", () => {
  it.each([
    ['sep=;\nfile;title\na.jpg;Soup, hot\n', ';'],
    ['SEP=,\nfile,title\na.jpg,"Soup, hot"\n', ','],
    ['sep=\t\nfile\ttitle\na.jpg\tSoup, hot\n', 'tab'],
    ['sep=|\nfile|title\na.jpg|Soup, hot\n', '|'],
  ])('sets the delimiter and is not the header: %j', (text) => {
    const parsed = parseCsvText(text)
    expect(parsed.fileErrors).toEqual([])
    expect(parsed.rows.map((r) => [r.line, r.cells])).toEqual([[3, { media: 'a.jpg', title: 'Soup, hot' }]])
  })

  it('says so when nothing follows it', () => {
    expect(parseCsvText('sep=;\n').fileErrors).toEqual(['The file has a sep= line but no header'])
  })
})

describe('publish date zones', () => {
  it('accepts an offset of hours alone (ISO 8601 ±hh)', () => {
    expect(parsePublishAt('2030-01-02T03:04+01')).toBe(Date.UTC(2030, 0, 2, 2, 4))
    expect(parsePublishAt('2030-01-02T03:04:05-05')).toBe(Date.UTC(2030, 0, 2, 8, 4, 5))
    expect(parsePublishAt('2030-01-02T03:04 +0530')).toBe(Date.UTC(2030, 0, 1, 21, 34))
  })
  it.each(['2030-01-02T03:04+24', '2030-01-02T03:04+01:60', '2030-01-02T03:04+1'])('refuses %s', (v) => {
    expect(parsePublishAt(v)).toBeNull()
  })
})
