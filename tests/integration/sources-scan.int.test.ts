import { mkdtempSync, rmSync, symlinkSync, utimesSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { resolveScanBoards, scanPaths } from '../../src/main/sources/folder-scan'
import { checkTemplate, renderTemplate } from '../../src/main/sources/templates'
import type { BoardResolver } from '../../src/main/sources/source-types'
import { bytes } from '../support/media-bytes'
import { tinyMp4 } from '../support/mp4-builder'
import { writeFileDeep } from '../support/temp-files'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pinload-scan-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

const put = (rel: string, data: Buffer | string) => writeFileDeep(join(dir, rel), data)

function problemFor(problems: { where: string; message: string; fix?: string }[], path: string) {
  const found = problems.filter((p) => p.where === path)
  expect(found, `problems for ${path}: ${JSON.stringify(problems)}`).toHaveLength(1)
  return found[0]!
}

describe('scanPaths: bad files are reported one by one, the good ones all go through', () => {
  it('reports each bad input with its own rule and keeps every valid file', async () => {
    const good = [
      put('a/img2.jpg', bytes.jpeg()),
      put('a/img10.jpg', bytes.jpeg()),
      put('a/photo.txt', bytes.jpeg()), // a JPEG with the wrong extension is still a JPEG
      put('a/clip.mp4', bytes.mp4()),
      put('a/old.mov', bytes.mov()),
      put('a/Ünïcødé 写真.png', bytes.png()),
      put('b/deep/er/x.jpg', bytes.jpeg()),
      // Converted to JPEG/PNG before they are sent (issue 16).
      put('a/anim.webp', bytes.webp()),
      put('a/anim.gif', bytes.gif()),
      put('a/iphone.heic', bytes.heic()),
    ]
    // Silently skipped: hidden and system files, sidecars, macOS and Synology metadata folders.
    put('a/.hidden.jpg', bytes.jpeg())
    put('a/Thumbs.db', bytes.text())
    put('a/desktop.ini', bytes.text())
    put('a/.DS_Store', bytes.text())
    put('a/__MACOSX/._img2.jpg', bytes.jpeg())
    put('a/@eaDir/img2.jpg', bytes.jpeg())
    put('a/.git/objects/x.jpg', bytes.jpeg())
    put('a/notes.json', '{"unrelated": true}')

    const bad: [string, RegExp][] = [
      [
        put('bad/fake.jpg', bytes.text('<!DOCTYPE html><html>oops')),
        /fake\.jpg is not an image or video \(it is a web page or XML file\)/,
      ],
      [
        put('bad/binary.jpg', Buffer.from([0x00, 0x01, 0x02, 0x03, 0x04, 0xfe, 0xee])),
        /binary\.jpg is not an image or video \(its type is unknown\)/,
      ],
      [
        put('bad/movie.webm', bytes.webm()),
        /movie\.webm is a WebM\/Matroska video; Pinterest only takes MP4, MOV or M4V/,
      ],
      [put('bad/movie.avi', bytes.avi()), /movie\.avi is an AVI video; Pinterest only takes MP4, MOV or M4V/],
      [put('bad/empty.jpg', Buffer.alloc(0)), /empty\.jpg is empty \(0 bytes\)/],
      [put('bad/zero.mp4', Buffer.alloc(0)), /zero\.mp4 is empty \(0 bytes\)/],
    ]
    const dangling = join(dir, 'bad/dangling.jpg')
    symlinkSync(join(dir, 'nowhere.jpg'), dangling)
    bad.push([dangling, /dangling\.jpg is a link to '.*nowhere\.jpg', which does not exist/])
    const selfLoop = join(dir, 'bad/self.jpg')
    symlinkSync(selfLoop, selfLoop)
    bad.push([selfLoop, /self\.jpg is a symbolic link that points back to itself/])
    const dirLoop = join(dir, 'bad/loop')
    symlinkSync(join(dir, 'bad'), dirLoop)
    bad.push([dirLoop, /loop links back to a folder that contains it \(a symbolic link loop\); skipped/])
    // Root reads anything, so chmod 000 proves nothing here: a FIFO is a file that cannot be read as media.
    const fifo = join(dir, 'bad/pipe.jpg')
    execFileSync('mkfifo', [fifo])
    bad.push([fifo, /pipe\.jpg is a named pipe \(FIFO\), not an image or video file/])
    // The pipeline's video rules apply at scan time too, so a clip Pinterest would refuse never enters the queue.
    bad.push([
      put('bad/short.mp4', tinyMp4({ durationSec: 2, width: 720, height: 1280 })),
      /short\.mp4 lasts 2\.0 s; Pinterest needs videos of at least 4 s/,
    ])
    bad.push([
      put('bad/wide.mov', tinyMp4({ durationSec: 8, width: 2000, height: 800, brand: 'qt  ' })),
      /wide\.mov is 2000×800 \(aspect ratio 2\.50:1\)/,
    ])
    bad.push([put('bad/cut.mp4', bytes.mp4().subarray(0, 40)), /cut\.mp4 has no readable movie header/])
    put('bad/broken.jpg', bytes.jpeg())
    put('bad/broken.jpg.json', '{"title": "unterminated')
    bad.push([join(dir, 'bad/broken.jpg'), /Sidecar broken\.jpg\.json is not valid JSON/])
    put('bad/list.jpg', bytes.jpeg())
    put('bad/list.json', '["not", "an", "object"]')
    bad.push([join(dir, 'bad/list.jpg'), /Sidecar list\.json must be a JSON object/])
    put('bad/num.jpg', bytes.jpeg())
    put('bad/num.json', '{"title": 42}')
    bad.push([join(dir, 'bad/num.jpg'), /Sidecar num\.json: "title" must be text, not number/])
    put('bad/long.jpg', bytes.jpeg())
    put('bad/long.jpg.json', JSON.stringify({ title: 'x'.repeat(130) }))
    bad.push([
      join(dir, 'bad/long.jpg'),
      /long\.jpg: Title is 130 characters; Pinterest allows at most 100 \(from its sidecar\)/,
    ])
    put('bad/link.jpg', bytes.jpeg())
    put('bad/link.json', JSON.stringify({ link: 'ftp://example.com/x' }))
    bad.push([
      join(dir, 'bad/link.jpg'),
      /Link 'ftp:\/\/example\.com\/x' uses ftp:; only http:\/\/ and https:\/\/ addresses are allowed/,
    ])
    // A misspelt sidecar key would publish the Pin without that field.
    put('bad/typo.jpg', bytes.jpeg())
    put('bad/typo.json', JSON.stringify({ title: 'ok', descripton: 'lost' }))
    bad.push([
      join(dir, 'bad/typo.jpg'),
      /Sidecar typo\.json: unknown key "descripton"; the keys are title, description, link, alt_text, board and section/,
    ])
    // Downloads and copies still being written: their bytes are not all there yet.
    for (const name of ['photo.jpg.part', 'clip.mp4.crdownload', '~$draft.jpg']) {
      bad.push([
        put(`bad/${name}`, bytes.jpeg()),
        /is a download or copy still in progress \(or a temporary file\); skipped/,
      ])
    }

    const res = await scanPaths([join(dir, 'a'), join(dir, 'b'), join(dir, 'bad')], { boardId: '111' })

    expect(res.drafts.map((d) => d.path).sort()).toEqual([...good].sort())
    for (const [path, rule] of bad) expect(problemFor(res.problems, path).message).toMatch(rule)
    expect(res.problems).toHaveLength(bad.length)
    const fixes = res.problems.map((p) => p.fix ?? '')
    expect(fixes.filter((f) => f === 'Convert it to MP4 (H.264).')).toHaveLength(2)
    expect(res.drafts.every((d) => d.meta.boardId === '111')).toBe(true)
  })

  it('orders files naturally and fills the title template', async () => {
    const files = ['shoot/img10.jpg', 'shoot/img2.jpg', 'shoot/img1.png', 'shoot/sub/img3.jpg']
    for (const f of files) put(f, bytes.jpeg())
    put('shoot/readme.txt', bytes.text())
    const when = new Date(2026, 4, 7, 12, 0, 0) // local 2026-05-07
    for (const f of files) utimesSync(join(dir, f), when, when)
    const res = await scanPaths([join(dir, 'shoot')], {
      titleTemplate: '{folder} #{index}: {name} ({date})',
      description: 'Spring',
      altText: 'alt',
      link: 'https://example.com/p',
    })
    expect(res.drafts.map((d) => d.path)).toEqual(
      ['shoot/img1.png', 'shoot/img2.jpg', 'shoot/img10.jpg', 'shoot/sub/img3.jpg'].map((f) => join(dir, f)),
    )
    expect(res.drafts.map((d) => d.meta.title)).toEqual([
      'shoot #1: img1 (2026-05-07)',
      'shoot #2: img2 (2026-05-07)',
      'shoot #3: img10 (2026-05-07)',
      'sub #4: img3 (2026-05-07)',
    ])
    expect(res.drafts[0]!.meta).toEqual({
      title: 'shoot #1: img1 (2026-05-07)',
      description: 'Spring',
      altText: 'alt',
      link: 'https://example.com/p',
    })
    expect(problemFor(res.problems, join(dir, 'shoot/readme.txt')).message).toMatch(
      /readme\.txt is not an image or video \(it is a text file\)/,
    )
  })

  it('refuses a title template with unknown placeholders, naming them', async () => {
    put('x/a.jpg', bytes.jpeg())
    const res = await scanPaths([join(dir, 'x')], { titleTemplate: '{name} by {author} on {day}' })
    expect(res.drafts).toEqual([])
    expect(res.problems).toEqual([
      {
        where: 'templates',
        message:
          'Title template has unknown placeholders {author}, {day}; use {name}, {folder}, {index}, {date} or {board}',
      },
    ])
    expect(checkTemplate('{name', 'title')).toBe('Title template has an unmatched { or }')
    expect(checkTemplate('{name} – {index}', 'title')).toBeNull()
  })

  it('reports a template title over 100 characters instead of cutting it', async () => {
    const long = `${'n'.repeat(99)}.jpg`
    put(`t/${long}`, bytes.jpeg())
    put('t/ok.jpg', bytes.jpeg())
    const res = await scanPaths([join(dir, 't')], { titleTemplate: '{name} #{index}' })
    expect(res.drafts.map((d) => d.meta.title)).toEqual(['ok #2'])
    expect(problemFor(res.problems, join(dir, 't', long)).message).toMatch(
      /Title is 102 characters; Pinterest allows at most 100/,
    )
    expect(
      renderTemplate('{name} #{index}', {
        name: 'n'.repeat(99),
        folder: 't',
        index: 1,
        mtimeMs: 0,
        board: '',
      }).length,
    ).toBe(102)
  })

  it('applies sidecars over the defaults; board names wait for the resolver, digits are IDs', async () => {
    const a = put('s/a.jpg', bytes.jpeg())
    // Keys in any case and with any separator: "Title", "Alt-Text".
    put(
      's/a.jpg.json',
      JSON.stringify({ Title: 'From sidecar', 'Alt-Text': 'A cat', board: 'Recipes', Section: 'Soups' }),
    )
    const b = put('s/b.jpg', bytes.jpeg())
    put(
      's/b.json',
      '\uFEFF' +
        JSON.stringify({
          description: 'Own words',
          altText: 'B',
          board: 987654321,
          link: 'https://example.org/b',
        }),
    )
    const c = put('s/c.jpg', bytes.jpeg())
    const res = await scanPaths([join(dir, 's')], {
      boardId: '1',
      boardSectionId: '5',
      titleTemplate: '{name}',
      description: 'Default',
    })
    expect(res.problems).toEqual([])
    expect(res.drafts).toEqual([
      { path: a, meta: { title: 'From sidecar', description: 'Default', altText: 'A cat' } },
      {
        path: b,
        meta: {
          title: 'b',
          description: 'Own words',
          altText: 'B',
          link: 'https://example.org/b',
          boardId: '987654321',
        },
      },
      { path: c, meta: { title: 'c', description: 'Default', boardId: '1', boardSectionId: '5' } },
    ])
    expect(res.boardNames).toEqual(['Recipes', undefined, undefined])
    expect(res.sectionNames).toEqual(['Soups', undefined, undefined])

    const calls: string[] = []
    const resolver: BoardResolver = {
      resolve: async (name) => (
        calls.push(name),
        name === 'Recipes' ? { id: '42' } : { error: `No board named '${name}'`, missing: true }
      ),
      lookup: async () => ({ error: 'unused' }),
      resolveSection: async (boardId, name) =>
        boardId === '42' && name === 'Soups' ? { id: '43' } : { error: 'no section' },
      lookupSection: async () => ({ error: 'unused' }),
    }
    const resolved = await resolveScanBoards(res, resolver)
    expect(resolved.drafts[0]!.meta).toEqual({
      title: 'From sidecar',
      description: 'Default',
      altText: 'A cat',
      boardId: '42',
      boardSectionId: '43',
    })
    expect(calls).toEqual(['Recipes'])
    const offline = await resolveScanBoards(res, null)
    expect(offline.drafts.map((d) => d.path)).toEqual([b, c])
    expect(problemFor(offline.problems, a).message).toMatch(
      /Cannot look up board 'Recipes' from the sidecar: not connected/,
    )
  })

  it('takes files dropped one by one, de-duplicates the same file reached twice, and reports a missing path', async () => {
    const a = put('d/a.jpg', bytes.jpeg())
    symlinkSync(a, join(dir, 'd/link-to-a.jpg'))
    const res = await scanPaths([a, join(dir, 'd'), join(dir, 'gone.jpg')], {})
    expect(res.drafts.map((d) => d.path)).toEqual([a])
    expect(problemFor(res.problems, join(dir, 'gone.jpg')).message).toMatch(/gone\.jpg was not found/)
  })

  it('stops when aborted', async () => {
    put('z/a.jpg', bytes.jpeg())
    const ac = new AbortController()
    ac.abort()
    await expect(scanPaths([join(dir, 'z')], {}, { signal: ac.signal })).rejects.toThrow()
  })
})
