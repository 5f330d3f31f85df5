import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { beforeEach, describe, expect, it } from 'vitest'
import { ImportService } from '../../src/main/sources/import-service'
import { type FakePinterest } from '../../src/main/fake-pinterest/index'
import { bytes } from '../support/media-bytes'
import type { MemorySink } from '../support/source-doubles'
import { put, useCsvWorld, world } from './csv-import-kit'

useCsvWorld()
let fake: FakePinterest
let dir: string
let sink: MemorySink
let service: ImportService
let recipes: string
let travel: string
beforeEach(() => ({ fake, dir, sink, service, recipes, travel } = world))

describe('CSV import: boards', () => {
  it('with "create missing boards", previews without creating and creates each board once at confirm', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => `https://images.example.com/${i}.jpg,Brand New,Fresh`)
    const csv = put('new.csv', ['url,board,section', ...rows].join('\n'))
    const boardsBefore = fake.boards.length

    const strict = await service.preview(csv, { createMissingBoards: false })
    expect(strict.validCount).toBe(0)
    expect(strict.rows[0]!.errors).toEqual(["No board named 'Brand New' (boards: Recipes, Travel)"])

    const preview = await service.preview(csv, { createMissingBoards: true })
    expect(preview.validCount).toBe(50)
    expect(
      preview.rows.every((r) => r.boardName === 'Brand New' && r.draft?.meta.boardId === undefined),
    ).toBe(true)
    expect(fake.boards).toHaveLength(boardsBefore)

    const res = await service.confirm(preview.previewId)
    expect(res.queued).toBe(50)
    expect(fake.boards).toHaveLength(boardsBefore + 1)
    const created = fake.boards.find((b) => b.name === 'Brand New')!
    expect(created.sections.map((s) => s.name)).toEqual(['Fresh'])
    expect(fake.requests.filter((r) => r.method === 'POST' && r.path === '/v5/boards')).toHaveLength(1)
    expect(
      sink.batches[0]!.drafts.every(
        (d) => d.meta.boardId === created.id && d.meta.boardSectionId === created.sections[0]!.id,
      ),
    ).toBe(true)
  })

  it('resolves names exactly, then ignoring case, and lists the boards once per import', async () => {
    fake.addBoard({ name: 'Mixed' })
    fake.addBoard({ name: 'MIXED' })
    put('a.jpg', bytes.jpeg())
    const csv = put('c.csv', ['file,board', 'a.jpg,Mixed', 'a.jpg,TRAVEL', 'a.jpg,mixed'].join('\n'))
    const preview = await service.preview(csv)
    expect(preview.rows.map((r) => r.errors)).toEqual([
      [],
      [],
      ["Several boards match 'mixed' when case is ignored (Mixed, MIXED); use the exact name"],
    ])
    expect(preview.rows[1]!.draft!.meta.boardId).toBe(travel)
    expect(fake.requests.filter((r) => r.method === 'GET' && r.path === '/v5/boards')).toHaveLength(1)
  })

  it('forgets a preview after 30 minutes', async () => {
    put('a.jpg', bytes.jpeg())
    const preview = await service.preview(put('c.csv', `file,board\na.jpg,${recipes}\n`))
    world.clock += 31 * 60_000
    await expect(service.confirm(preview.previewId)).rejects.toMatchObject({
      kind: 'not_found',
      message: expect.stringMatching(/expired/) as unknown,
    })
    expect(sink.batches).toEqual([])
  })

  it('works with board IDs when not connected, and says why names cannot be used', async () => {
    put('a.jpg', bytes.jpeg())
    const offline = new ImportService({ sink, resolverFor: () => null })
    const preview = await offline.preview(put('c.csv', `file,board\na.jpg,${recipes}\na.jpg,Recipes\n`))
    expect(preview.rows[0]!.draft!.meta.boardId).toBe(recipes)
    expect(preview.rows[1]!.errors).toEqual([
      "Cannot look up board 'Recipes': not connected to Pinterest (use the board ID, or connect first)",
    ])
  })
})

describe('CSV import: columns Pinload does not know', () => {
  it('warns about them in the preview, names a close match, and still queues the rows', async () => {
    put('a.jpg', bytes.jpeg())
    const csv = put(
      'w.csv',
      ['file,board,publishAt,notes', 'a.jpg,Recipes,2030-01-01T10:00:00Z,from grandma'].join('\n'),
    )
    const preview = await service.preview(csv)
    expect(preview.fileErrors).toEqual([])
    expect(preview.validCount).toBe(1)
    expect(preview.fileWarnings.join('\n')).toMatch(/notes/)
    // publishAt is an accepted spelling of publish_at: no warning for it, and the date is taken.
    expect(preview.fileWarnings.join('\n')).not.toMatch(/publishAt/)
    expect(preview.rows[0]!.draft?.publishAt).toBe(Date.parse('2030-01-01T10:00:00Z'))
  })
})

describe('CSV import: stray commas and quotes', () => {
  it('refuses a row whose stray comma shifted its fields, and creates no board from the shifted text', async () => {
    put('a.jpg', bytes.jpeg())
    put('b.jpg', bytes.jpeg())
    const csv = put(
      's.csv',
      ['file,title,board,description', 'a.jpg,Soup, hot and fresh,Recipes,', 'b.jpg,Stew,Recipes,warm'].join(
        '\n',
      ),
    )
    const boardsBefore = fake.boards.length
    const preview = await service.preview(csv, { createMissingBoards: true })
    expect(preview.rows.map((r) => r.errors)).toEqual([
      ['Line 2 has 5 fields but the header has 4; check for an unquoted comma, semicolon or line break'],
      [],
    ])
    const res = await service.confirm(preview.previewId)
    expect(res.queued).toBe(1)
    expect(fake.boards).toHaveLength(boardsBefore)
    expect(sink.batches[0]!.drafts).toEqual([
      { path: join(dir, 'b.jpg'), meta: { title: 'Stew', description: 'warm', boardId: recipes } },
    ])
  })

  it('keeps Excel-style trailing delimiters when the header has them too', async () => {
    put('a.jpg', bytes.jpeg())
    const csv = put(
      'x.csv',
      [
        'file,board,title,description,,',
        'a.jpg,Recipes,Soup,hot,,',
        'a.jpg,Travel,Soup, hot,,,',
        'a.jpg,Travel,Soup, hot and,fresh,',
      ].join('\r\n'),
    )
    const preview = await service.preview(csv)
    expect(preview.fileErrors).toEqual([])
    expect(preview.rows.map((r) => r.errors)).toEqual([
      [],
      ['Line 3 has 7 fields but the header has 6; check for an unquoted comma, semicolon or line break'],
      [
        "Line 4 has a value ('fresh') in column 5, which has no header; check for an unquoted comma, semicolon or line break",
      ],
    ])
    expect(preview.rows[0]!.draft).toEqual({
      path: join(dir, 'a.jpg'),
      meta: { title: 'Soup', description: 'hot', boardId: recipes },
    })
  })

  it('reads stray quotes as the user meant them, and fails only the row a quote breaks', async () => {
    put('a.jpg', bytes.jpeg())
    put('b.jpg', bytes.jpeg())
    put('c.jpg', bytes.jpeg())
    put('d.jpg', bytes.jpeg())
    const csv = put(
      'q.csv',
      [
        'file,board,title,description',
        'a.jpg,Recipes,12" poster,',
        '"b.jpg" ,Recipes,"Soup, hot",',
        'c.jpg,Recipes,"Best" soup ever,',
        // A quoted field runs on to line 6: read with plain quotes, line 5 would be a whole row with description '"two'.
        'c.jpg,Travel,"Best" soup,"two',
        'lines"',
        'c.jpg,Recipes,"Soup, hot',
        'and fresh" today,',
        'd.jpg,Travel,"never closed,',
        'd.jpg,Recipes,After,',
      ].join('\n'),
    )
    const preview = await service.preview(csv)
    expect(preview.fileErrors).toEqual([])
    const fix = '; quote the whole field and double the quotes inside it ("")'
    expect(preview.rows.map((r) => [r.line, r.draft?.meta.title ?? r.errors.join('; ')])).toEqual([
      [2, '12" poster'],
      [3, 'Soup, hot'],
      [4, '"Best" soup ever'],
      [5, `Line 5 has text after the closing quote of a quoted field${fix}`],
      [6, 'Line 6 has 1 field but the header has 4; check for an unquoted comma, semicolon or line break'],
      [
        7,
        `Line 7 has text after the closing quote of a quoted field (the quoted field ends on line 8)${fix}`,
      ],
      [9, `Line 9 has a quote (") that opens a field and is never closed; close it, or${fix.slice(1)}`],
      [10, 'After'],
    ])
    expect(preview.rows[1]!.draft!.path).toBe(join(dir, 'b.jpg'))
  })
})

describe('CSV import: columns and media the API cannot take', () => {
  it.each(['publishAt', 'publish_at', 'Publish date', 'published_at', 'scheduled at'])(
    "reads a '%s' column as the publish date",
    async (name) => {
      put('a.jpg', bytes.jpeg())
      const preview = await service.preview(
        put('p.csv', `file,board,${name}\na.jpg,Recipes,2031-05-06T07:08Z\n`),
      )
      expect(preview.rows[0]!.errors).toEqual([])
      expect(preview.rows[0]!.draft!.publishAt).toBe(Date.UTC(2031, 4, 6, 7, 8))
    },
  )

  it('refuses a video by URL (the API takes only images by URL) and checks its thumbnail as a video cover', async () => {
    const header = 'Title,Media URL,Pinterest board,Thumbnail,Description,Link,Publish date,Keywords'
    const csv = put(
      'v.csv',
      [
        header,
        'Tour,https://cdn.example.com/tour.mp4,Travel,12,,,,',
        'Clip,https://cdn.example.com/a/Clip.MOV?sig=x#t=3,Travel,,,,,',
        'Short,https://cdn.example.com/s.m4v,Travel,-1,,,,',
        'Still,https://cdn.example.com/still.jpg,Travel,12,,,,',
        'Page,https://cdn.example.com/mp4/page.html,Travel,,,,,',
      ].join('\n'),
    )
    const preview = await service.preview(csv)
    const video = (url: string) =>
      `Media URL '${url}' is a video; Pinterest's API takes videos only as uploaded files, not by URL: download it and give its local path instead`
    expect(preview.rows.map((r) => r.errors)).toEqual([
      [video('https://cdn.example.com/tour.mp4')],
      [video('https://cdn.example.com/a/Clip.MOV?sig=x#t=3')],
      [
        video('https://cdn.example.com/s.m4v'),
        "Cover time '-1' must be a whole number of seconds, 0 or more",
      ],
      ["'Thumbnail' is only for videos, and this row's media is an image URL"],
      [],
    ])
    expect(preview.rows[4]!.draft!.url).toBe('https://cdn.example.com/mp4/page.html')
  })

  it('reads a file:// URL as the path it names, and says so when it names another computer', async () => {
    const abs = put('media/a b.jpg', bytes.jpeg())
    const cover = put('media/cover.png', bytes.png())
    put('media/clip.mp4', bytes.mp4())
    const fileUrl = (p: string) => pathToFileURL(p).href
    const csv = put(
      'f.csv',
      [
        'file,board,cover',
        `${fileUrl(abs)},Recipes,`,
        `${fileUrl(join(dir, 'media/clip.mp4'))},Recipes,${fileUrl(cover)}`,
        'file://server/share/x.jpg,Recipes,',
      ].join('\n'),
    )
    const preview = await service.preview(csv)
    expect(preview.rows[0]!.draft).toEqual({ path: abs, meta: { boardId: recipes } })
    expect(preview.rows[1]!.draft).toEqual({
      path: join(dir, 'media/clip.mp4'),
      meta: { boardId: recipes, coverImagePath: cover },
    })
    expect(preview.rows[2]!.errors).toEqual([
      "'file://server/share/x.jpg' is not a file:// URL of a file on this computer; write the plain path instead (like /Users/me/pins/a.jpg or C:\\pins\\a.jpg)",
    ])
  })

  it("uses Excel's sep= line as the delimiter and counts it as line 1", async () => {
    put('a.jpg', bytes.jpeg())
    const preview = await service.preview(
      put('e.csv', '\uFEFFsep=;\r\nfile;title;board\r\na.jpg;Soup, hot;Recipes\r\na.jpg;Stew\r\n'),
    )
    expect(preview.fileErrors).toEqual([])
    expect(preview.rows[0]!.draft).toEqual({
      path: join(dir, 'a.jpg'),
      meta: { title: 'Soup, hot', boardId: recipes },
    })
    expect(preview.rows[1]!.errors).toEqual([
      'Line 4 has 2 fields but the header has 3; check for an unquoted comma, semicolon or line break',
    ])
  })
})
