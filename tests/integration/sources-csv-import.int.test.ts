import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import type { ImportService } from '../../src/main/sources/import-service'
import { bytes } from '../support/media-bytes'
import type { MemorySink } from '../support/source-doubles'
import { put, q, row, useCsvWorld, world } from './csv-import-kit'

useCsvWorld()
let dir: string
let sink: MemorySink
let service: ImportService
let recipes: string
let travel: string
let soups: string
beforeEach(() => ({ dir, sink, service, recipes, travel, soups } = world))

describe('CSV import: every bad row gets its own message, the valid rows all go through', () => {
  it('previews a messy Pinload CSV row by row and queues only the valid rows', async () => {
    put('media/good1.jpg', bytes.jpeg())
    put('media/good2.jpg', bytes.jpeg())
    put('media/good3.jpg', bytes.jpeg())
    put('media/clip.mp4', bytes.mp4())
    put('media/clip2.mp4', bytes.mp4())
    put('media/clip3.mp4', bytes.mp4())
    put('media/cover.png', bytes.png())
    put('media/fake.jpg', bytes.text('just some notes'))
    put('media/clip.webm', bytes.webm())
    const abs = put('elsewhere/abs.png', bytes.png())
    const lines: [string, RegExp | null][] = [
      [
        `media/good1.jpg,Title one,${q('Line one\nLine two, with comma')},https://example.com/1,Alt one,Recipes,Soups,,`,
        null,
      ],
      ['https://cdn.example.com/pic.jpg,Title URL,,,,Travel,,,2030-01-02T10:00', null],
      ['media/clip.mp4,Video,,,,recipes,,3,', null],
      ['media/clip2.mp4,Video 2,,,,Recipes,,media/cover.png,2030-06-01T08:30:00+02:00', null],
      [`${abs},Absolute,,,,${travel},,,`, null],
      [
        'media/missing.jpg,,,,,Recipes,,,',
        /'media\/missing\.jpg' was not found \(.*\)\. Check the file name and folder\.$/,
      ],
      ['media/good2.jpg,,,,,Nope,,,', /^No board named 'Nope' \(boards: Recipes, Travel\)$/],
      [
        `media/good2.jpg,${'t'.repeat(120)},,,,Recipes,,,`,
        /^Title is 120 characters; Pinterest allows at most 100$/,
      ],
      [
        `media/good2.jpg,,${'d'.repeat(900)},,,Travel,,,`,
        /^Description is 900 characters; Pinterest allows at most 800$/,
      ],
      ['media/good3.jpg,,,not a url,,Recipes,,,', /^Link 'not a url' is not a web address/],
      [
        'media/good3.jpg,,,javascript:alert(1),,Travel,,,',
        /^Link 'javascript:alert\(1\)' uses javascript:; only http/,
      ],
      ['media/good1.jpg,Again,,,,Recipes,,,', /^Duplicate of line 2: same media and board$/],
      [
        'media/good3.jpg,,,,,Recipes,,,next tuesday',
        /^Publish date 'next tuesday' is not a date; use ISO 8601/,
      ],
      [
        'media/good3.jpg,,,,,Recipes,,,2020-01-01T00:00Z',
        /^Publish date '2020-01-01T00:00Z' is in the past$/,
      ],
      ['media/good3.jpg,,,,,Recipes,,,2030-02-30', /^Publish date '2030-02-30' is not a date/],
      [
        ',Orphan title,,,,Recipes,,,',
        /^The 'file' cell is empty: each row needs a file path or an image URL$/,
      ],
      ['media/good3.jpg,Short row,Recipes', /^Line \d+ has 3 fields but the header has 9/],
      ['media/clip3.mp4,,,,,Recipes,,-5,', /^Cover time '-5' must be a whole number of seconds, 0 or more$/],
      ['media/clip3.mp4,,,,,Travel,,1.5,', /^Cover time '1\.5' must be a whole number/],
      ['media/good3.jpg,,,,,Travel,,2,', /^'cover' is only for videos, and this row's media is an image$/],
      [
        'media/clip3.mp4,,,,,Recipes,,nothere.png,',
        /^Cover image 'nothere\.png' was not found \(.*\)\. Check the file name and folder\.$/,
      ],
      ['media/clip3.mp4,,,,,Travel,,media/clip.mp4,', /^Cover image 'media\/clip\.mp4' is a video/],
      [
        'media/fake.jpg,,,,,Recipes,,,',
        /^'media\/fake\.jpg' is not an image or video \(it is a text file\)\. Choose a JPEG, PNG, MP4, MOV or M4V file\.$/,
      ],
      [
        'media/clip.webm,,,,,Recipes,,,',
        /^'media\/clip\.webm' is a WebM\/Matroska video; Pinterest only takes MP4, MOV or M4V videos\. Convert it to MP4 \(H\.264\)\.$/,
      ],
      [
        'http://exa mple.com/x.jpg,,,,,Recipes,,,',
        /^Media URL 'http:\/\/exa mple\.com\/x\.jpg' is not a web address/,
      ],
      [
        'ftp://files.example.com/x.jpg,,,,,Recipes,,,',
        /^Media URL 'ftp:\/\/files\.example\.com\/x\.jpg' uses ftp:/,
      ],
      ['media/good3.jpg,,,,,,,,', /^The 'board' cell is empty: each row needs a board name or ID$/],
      ['media/good3.jpg,,,,,Recipes,Mains,,', /^No section named 'Mains' on this board \(sections: Soups\)$/],
      [
        `media/good3.jpg,,,,${'a'.repeat(600)},Travel,,,`,
        /^Alt text is 600 characters; Pinterest allows at most 500$/,
      ],
      // Stray delimiters past a header that has none shift nothing only by luck: the row is refused, not guessed.
      [
        'media/good3.jpg,,,https://example.com/ok,,Recipes,,,,,,',
        /^Line \d+ has 12 fields but the header has 9; check for an unquoted comma/,
      ],
      ['media/good3.jpg,,,https://example.com/ok,,Recipes,,,', null],
    ]
    const header = 'file,title,description,link,alt_text,board,section,cover,publish_at'
    const csv = put('pins.csv', [header, ...lines.map((l) => l[0])].join('\n') + '\n')
    const preview = await service.preview(csv, {})
    expect(preview.fileErrors).toEqual([])
    expect(preview.format).toBe('pinload')
    expect(preview.rows).toHaveLength(lines.length)

    // Row i starts at line i+2, except after the quoted newline in row 1 (which spans lines 2-3).
    const lineOf = (i: number) => (i === 0 ? 2 : i + 3)
    const valid: number[] = []
    lines.forEach(([, rule], i) => {
      const r = row(preview, lineOf(i))
      if (rule === null) {
        expect(r.errors, `line ${lineOf(i)}`).toEqual([])
        valid.push(lineOf(i))
      } else {
        expect(r.errors, `line ${lineOf(i)}`).toHaveLength(1)
        expect(r.errors[0], `line ${lineOf(i)}`).toMatch(rule)
        expect(r.draft).toBeUndefined()
      }
    })
    expect(preview.validCount).toBe(valid.length)
    expect(preview.errorCount).toBe(lines.length - valid.length)

    expect(row(preview, 2).draft).toEqual({
      path: join(dir, 'media/good1.jpg'),
      meta: {
        title: 'Title one',
        description: 'Line one\nLine two, with comma',
        link: 'https://example.com/1',
        altText: 'Alt one',
        boardId: recipes,
        boardSectionId: soups,
      },
    })
    expect(row(preview, 4).draft).toEqual({
      url: 'https://cdn.example.com/pic.jpg',
      meta: { title: 'Title URL', boardId: travel },
      publishAt: new Date(2030, 0, 2, 10, 0).getTime(),
    })
    expect(row(preview, 5).draft).toEqual({
      path: join(dir, 'media/clip.mp4'),
      meta: { title: 'Video', boardId: recipes, coverKeyFrameSeconds: 3 },
    })
    expect(row(preview, 6).draft).toEqual({
      path: join(dir, 'media/clip2.mp4'),
      meta: { title: 'Video 2', boardId: recipes, coverImagePath: join(dir, 'media/cover.png') },
      publishAt: Date.UTC(2030, 5, 1, 6, 30),
    })
    expect(row(preview, 7).draft).toEqual({ path: abs, meta: { title: 'Absolute', boardId: travel } })

    const result = await service.confirm(preview.previewId)
    expect(result.queued).toBe(valid.length)
    expect(sink.batches).toHaveLength(1)
    expect(sink.batches[0]!.origin).toEqual({ kind: 'csv', label: 'pins.csv' })
    expect(sink.batches[0]!.drafts).toEqual(valid.map((l) => row(preview, l).draft))
    expect(result.problems.map((p) => p.where)).toEqual(
      preview.rows.filter((r) => !r.draft).map((r) => `pins.csv:${r.line}`),
    )
    await expect(service.confirm(preview.previewId)).rejects.toMatchObject({ kind: 'not_found' })
  })

  it.each([
    ['semicolons', 'file;title;board\nmedia/a.jpg;"Semi; colon";Recipes\n'],
    ['tabs', 'file\ttitle\tboard\nmedia/a.jpg\tSemi; colon\tRecipes\n'],
    ['CRLF and a BOM', '\uFEFFfile,title,board\r\nmedia/a.jpg,"Semi; colon",Recipes\r\n'],
  ])('reads %s', async (_name, text) => {
    put('media/a.jpg', bytes.jpeg())
    const preview = await service.preview(put('x.csv', text))
    expect(preview.fileErrors).toEqual([])
    expect(preview.rows).toEqual([
      {
        line: 2,
        boardName: 'Recipes',
        errors: [],
        draft: { path: join(dir, 'media/a.jpg'), meta: { title: 'Semi; colon', boardId: recipes } },
      },
    ])
  })

  it.each([
    [
      'Latin-1 text',
      Buffer.from('file,title,board\na.jpg,Caf\xe9,Recipes\n', 'latin1'),
      /^The file is not UTF-8 text \(byte 0xE9 on line 2; it looks like Latin-1\/Windows-1252\)/,
    ],
    [
      'UTF-16 text',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('file,board\na.jpg,Recipes\n', 'utf16le')]),
      /^The file is UTF-16 text, not UTF-8/,
    ],
    ['an empty file', Buffer.alloc(0), /^The file is empty$/],
    ['only a header', Buffer.from('file,title,board\n'), /^The file has a header but no rows$/],
    [
      'no media column',
      Buffer.from('name,title,board\na.jpg,T,Recipes\n'),
      /^No media column: the header needs one of 'file', 'path' or 'Media URL'; its first line has 3 named columns and none is a media column; check that this is a CSV of Pins$/,
    ],
    [
      'two media columns',
      Buffer.from('file,Media URL,board\na.jpg,,Recipes\n'),
      /^Columns 'file' and 'Media URL' both set the media file; keep one of them$/,
    ],
    [
      'an unclosed quote in the header',
      Buffer.from('file,"title,board\na.jpg,T,Recipes\n'),
      /^The header cannot be read: Line 1 has a quote \(\"\) that opens a field and is never closed/,
    ],
    [
      'more than 10,000 rows',
      Buffer.from('file,board\n' + 'a.jpg,Recipes\n'.repeat(10_001)),
      /^The file has more than 10,000 rows; split it into smaller files$/,
    ],
  ])('refuses %s as a whole, with no rows', async (_name, data, rule) => {
    const preview = await service.preview(put('bad.csv', data))
    expect(preview.rows).toEqual([])
    expect(preview.fileErrors).toHaveLength(1)
    expect(preview.fileErrors[0]).toMatch(rule)
    const res = await service.confirm(preview.previewId)
    expect(res.queued).toBe(0)
    expect(sink.batches).toEqual([])
  })

  it("imports Pinterest's own bulk-create format", async () => {
    put('shots/beach.jpg', bytes.jpeg())
    put('shots/tour.mp4', bytes.mp4())
    const header = 'Title,Media URL,Pinterest board,Thumbnail,Description,Link,Publish date,Keywords'
    const csv = put(
      'bulk.csv',
      [
        header,
        'Sunset,https://images.example.com/sunset.jpg,Travel,,Golden hour,https://blog.example.com/sunset,,"sunset, beach, travel"',
        'Beach day,shots/beach.jpg,Recipes,,,https://blog.example.com/beach,2031-03-04T05:06:07Z,',
        'Tour,shots/tour.mp4,travel,12,Walkthrough,,2031-03-04 09:00,video',
        `Too much,https://images.example.com/x.jpg,Travel,,${'w'.repeat(795)},,,"one, two"`,
      ].join('\r\n'),
    )
    const preview = await service.preview(csv)
    expect(preview.format).toBe('pinterest_bulk')
    expect(preview.fileErrors).toEqual([])
    const [sunset, beach, tour, tooMuch] = preview.rows
    expect(sunset!.errors).toEqual([])
    expect(sunset!.draft!.url).toBe('https://images.example.com/sunset.jpg')
    expect(sunset!.draft!.path).toBeUndefined()
    expect(sunset!.draft!.meta.title).toBe('Sunset')
    expect(sunset!.draft!.meta.description).toBe('Golden hour\n\nsunset, beach, travel')
    expect(sunset!.draft!.meta.link).toBe('https://blog.example.com/sunset')
    expect(sunset!.draft!.meta.boardId).toBe(travel)
    expect(sunset!.draft!.publishAt).toBeUndefined()

    expect(beach!.errors).toEqual([])
    expect(beach!.draft!.path).toBe(join(dir, 'shots/beach.jpg'))
    expect(beach!.draft!.url).toBeUndefined()
    expect(beach!.draft!.meta).toEqual({
      title: 'Beach day',
      link: 'https://blog.example.com/beach',
      boardId: recipes,
    })
    expect(beach!.draft!.publishAt).toBe(Date.UTC(2031, 2, 4, 5, 6, 7))

    expect(tour!.errors).toEqual([])
    expect(tour!.draft!.path).toBe(join(dir, 'shots/tour.mp4'))
    expect(tour!.draft!.meta).toEqual({
      title: 'Tour',
      description: 'Walkthrough\n\nvideo',
      boardId: travel,
      coverKeyFrameSeconds: 12,
    })
    expect(tour!.draft!.publishAt).toBe(new Date(2031, 2, 4, 9, 0).getTime())

    expect(tooMuch!.errors).toEqual([
      'Description with keywords appended is 805 characters; Pinterest allows at most 800',
    ])
  })
})
