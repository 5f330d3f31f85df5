import { describe, expect, it } from 'vitest'
import { detectDelimiter, mapColumns } from '../../src/main/sources/csv-columns'
import { decodeCsv, parseCsvText } from '../../src/main/sources/csv-import'
import { parsePublishAt } from '../../src/main/sources/csv-rows'
import { checkWebUrl } from '../../src/main/media/pin-field-rules'

describe('CSV columns', () => {
  it('maps our headers and Pinterest bulk headers case-insensitively, trimmed', () => {
    const ours = mapColumns([
      ' File ',
      'TITLE',
      'alt_text',
      'Publish_At',
      'board',
      'section',
      'cover',
      'link',
      'description',
    ])
    expect(ours.format).toBe('pinload')
    expect(ours.index).toEqual({
      media: 0,
      title: 1,
      altText: 2,
      publishAt: 3,
      board: 4,
      section: 5,
      cover: 6,
      link: 7,
      description: 8,
    })
    const bulk = mapColumns([
      'Title',
      'Media URL',
      'Pinterest board',
      'Thumbnail',
      'Description',
      'Link',
      'Publish date',
      'Keywords',
    ])
    expect(bulk.format).toBe('pinterest_bulk')
    expect(bulk.errors).toEqual([])
    expect(bulk.index).toEqual({
      title: 0,
      media: 1,
      board: 2,
      cover: 3,
      description: 4,
      link: 5,
      publishAt: 6,
      keywords: 7,
    })
    expect(mapColumns(['image', 'Alt Text']).index).toEqual({ media: 0, altText: 1 })
    expect(mapColumns(['url']).index).toEqual({ media: 0 })
  })

  it('detects the delimiter from the header line only, ignoring quoted ones', () => {
    expect(detectDelimiter('file;title;board\na,b,c,d,e')).toBe(';')
    expect(detectDelimiter('file\ttitle\tboard\n')).toBe('\t')
    expect(detectDelimiter('"a;b;c",title,board\n')).toBe(',')
    expect(detectDelimiter('file\n')).toBe(',')
  })

  it('counts lines from the header, across quoted newlines and blank lines', () => {
    const parsed = parseCsvText(
      'file,description\r\na.jpg,"two\r\nlines"\r\n\r\nb.jpg,x\r\nc.jpg,y,,\r\nd.jpg,y,z\r\n',
    )
    expect(
      parsed.rows.map((r) => [r.line, r.cells.media, r.cells.description, r.fieldCountError ?? '']),
    ).toEqual([
      [2, 'a.jpg', 'two\nlines', ''],
      [5, 'b.jpg', 'x', ''],
      [
        6,
        'c.jpg',
        'y',
        'Line 6 has 4 fields but the header has 2; check for an unquoted comma, semicolon or line break',
      ],
      [
        7,
        'd.jpg',
        'y',
        'Line 7 has 3 fields but the header has 2; check for an unquoted comma, semicolon or line break',
      ],
    ])
  })

  it('names the encoding problem', () => {
    expect(decodeCsv(Buffer.from([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ text: 'a' })
    expect(decodeCsv(Buffer.from([0xfe, 0xff, 0, 0x61]))).toMatchObject({
      error: expect.stringMatching(/UTF-16/) as unknown,
    })
    expect(decodeCsv(Buffer.from('a\0b\0c\0d\0', 'latin1'))).toMatchObject({
      error: expect.stringMatching(/UTF-16 or binary/) as unknown,
    })
    expect(decodeCsv(Buffer.from('ok\nna\xefve\n', 'latin1'))).toMatchObject({
      error: expect.stringMatching(/byte 0xEF on line 2/) as unknown,
    })
  })
})

describe('publish dates', () => {
  it('reads ISO 8601 with and without a zone (local time when none)', () => {
    expect(parsePublishAt('2030-01-02')).toBe(new Date(2030, 0, 2).getTime())
    expect(parsePublishAt('2030-01-02T03:04')).toBe(new Date(2030, 0, 2, 3, 4).getTime())
    expect(parsePublishAt('2030-01-02 03:04:05')).toBe(new Date(2030, 0, 2, 3, 4, 5).getTime())
    expect(parsePublishAt('2030-01-02T03:04:05.250Z')).toBe(Date.UTC(2030, 0, 2, 3, 4, 5, 250))
    expect(parsePublishAt('2030-01-02T03:04:05-05:30')).toBe(Date.UTC(2030, 0, 2, 8, 34, 5))
    expect(parsePublishAt('2030-01-02T03:04+0100')).toBe(Date.UTC(2030, 0, 2, 2, 4))
  })
  it.each(['2030-13-01', '2030-02-29', '2030-01-02T24:00', '02/01/2030', 'soon', '2030-1-2'])(
    'refuses %s',
    (v) => {
      expect(parsePublishAt(v)).toBeNull()
    },
  )
})

describe('web addresses', () => {
  it('accepts http(s) and says what is wrong otherwise', () => {
    expect(checkWebUrl('https://example.com/a?b=c', 'Link')).toBeNull()
    expect(checkWebUrl('example.com', 'Link')).toMatch(/is not a web address/)
    expect(checkWebUrl('mailto:me@example.com', 'Link')).toMatch(/uses mailto:/)
    expect(checkWebUrl('http://intranet/x', 'Link')).toMatch(/has no valid host name/)
    expect(checkWebUrl(`https://example.com/${'a'.repeat(2100)}`, 'Link')).toMatch(
      /Link is 2\d{3} characters; Pinterest allows at most 2048/,
    )
    expect(checkWebUrl('https://example.com/my photo', 'Link')).toBe(
      "Link 'https://example.com/my photo' contains spaces; write them as %20",
    )
    expect(checkWebUrl(`ftp://example.com/${'b'.repeat(200)}`, 'Link')).toBe(
      `Link 'ftp://example.com/${'b'.repeat(62)}…' uses ftp:; only http:// and https:// addresses are allowed`,
    )
  })
})
