import { execFileSync, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { checkPinFields, preflightFile, preflightSmallImage } from '../../src/main/media/preflight'
import { IMAGE_MAX_BYTES } from '../../src/shared/limits'
import { tinyMp4 } from '../support/mp4-builder'

const dir = mkdtempSync(join(tmpdir(), 'pinload-preflight-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function file(name: string, bytes: Buffer | string): string {
  const p = join(dir, name)
  writeFileSync(p, bytes)
  return p
}
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9])
const PNG = Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.alloc(30)])

async function failure(path: string) {
  const r = await preflightFile(path)
  if (r.ok) throw new Error(`expected ${path} to fail`)
  expect(r.error.kind).toBe('file')
  return r.error
}

describe('preflightFile', () => {
  it('accepts JPEG and PNG by content, whatever the extension says', async () => {
    const r = await preflightFile(file('photo.png', JPEG))
    expect(r).toMatchObject({
      ok: true,
      value: { kind: 'image', contentType: 'image/jpeg', size: JPEG.length },
    })
    const p = await preflightFile(file('noext', PNG))
    expect(p).toMatchObject({ ok: true, value: { kind: 'image', contentType: 'image/png' } })
  })

  it('takes WebP, GIF, HEIC and AVIF images, converted before they are sent (issue 16)', async () => {
    const cases: [string, Buffer | string, string][] = [
      ['cat.jpg', Buffer.from('RIFF\0\0\0\0WEBPVP8 xxxxxxxx', 'latin1'), 'image/webp'],
      ['a.gif', 'GIF89a\x01\0\x01\0', 'image/gif'],
      ['b.heic', Buffer.from('\0\0\0\x18ftypheic\0\0\0\0', 'latin1'), 'image/heic'],
      ['c.avif', Buffer.from('\0\0\0\x18ftypavif\0\0\0\0', 'latin1'), 'image/avif'],
    ]
    for (const [name, bytes, contentType] of cases)
      expect(await preflightFile(file(name, bytes))).toMatchObject({
        ok: true,
        value: { kind: 'image', contentType },
      })
  })

  it('refuses a missing, empty or non-media file', async () => {
    const gone = await failure(join(dir, 'gone.jpg'))
    expect(gone).toEqual({
      kind: 'file',
      message: `gone.jpg no longer exists at ${join(dir, 'gone.jpg')}`,
      fix: 'Put the file back or remove it from the queue.',
    })
    expect((await failure(file('empty.jpg', ''))).message).toContain('empty')
    expect((await failure(file('notes.jpg', 'hello world'))).message).toContain('not an image or video')
  })

  it("shares the sources' guards: a FIFO is never opened, a fake JPEG shows its bytes, a dangling link names its target", async () => {
    const fifo = join(dir, 'pipe.jpg')
    execFileSync('mkfifo', [fifo])
    expect(await failure(fifo)).toEqual({
      kind: 'file',
      message: 'pipe.jpg is a named pipe (FIFO), not an image or video file',
      fix: 'Choose an image or video file.',
    })
    expect((await failure(file('page.jpg', '<html>oops</html>'))).message).toBe(
      'page.jpg is not an image or video (it is a web page or XML file)',
    )
    const link = join(dir, 'moved.jpg')
    symlinkSync(join(dir, 'elsewhere.jpg'), link)
    expect((await failure(link)).message).toMatch(
      /^moved\.jpg is a link to '.*elsewhere\.jpg', which does not exist$/,
    )
  })

  it('takes an image over the Pin size limit (scaled down before sending), refuses one over 200 MB (sparse files)', async () => {
    const over = file('over.jpg', JPEG)
    truncateSync(over, IMAGE_MAX_BYTES + 1)
    expect(await preflightFile(over)).toMatchObject({ ok: true, value: { kind: 'image' } })
    const p = file('big.jpg', JPEG)
    truncateSync(p, 200 * 1024 * 1024 + 1)
    const e = await failure(p)
    expect(e.message).toMatch(/big\.jpg is a 200\.0 MB image; Pinload converts images up to 200\.0 MB/)
    expect(e.fix).toMatch(/export it smaller/i)
  })

  it('accepts a video within bounds and reports its duration and size', async () => {
    const r = await preflightFile(file('clip.mp4', tinyMp4({ durationSec: 6, width: 720, height: 1280 })))
    expect(r).toEqual({
      ok: true,
      value: expect.objectContaining({
        kind: 'video',
        contentType: 'video/mp4',
        durationSec: 6,
        width: 720,
        height: 1280,
      }) as unknown,
    })
  })

  it.each([
    [{ durationSec: 2, width: 720, height: 1280 }, /lasts 2\.0 s; Pinterest needs videos of at least 4 s/],
    [
      { durationSec: 16 * 60, width: 720, height: 1280 },
      /lasts 16 min 0 s; Pinterest accepts videos up to 15 min/,
    ],
    [
      { durationSec: 10, width: 3000, height: 1000 },
      /3000×1000 \(aspect ratio 3\.00:1\); Pinterest needs a ratio between 1:2 and 1\.91:1/,
    ],
    [{ durationSec: 10, width: 500, height: 1000 }, /aspect ratio 0\.50:1/],
  ])('refuses a video outside the rules (%o)', async (spec, message) => {
    expect((await failure(file('v.mp4', tinyMp4(spec)))).message).toMatch(message)
  })

  // Needs ffmpeg (CI installs it): a machine without it fails here rather than skipping.
  it('refuses a fragmented MP4 that is too short, its length read from the fragments', async () => {
    const out = join(dir, 'short-frag.mp4')
    const args = [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=180x320:rate=10',
      '-t',
      '2',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv420p',
    ]
    expect(spawnSync('ffmpeg', [...args, '-movflags', 'frag_keyframe+empty_moov', out]).status).toBe(0)
    expect((await failure(out)).message).toMatch(/lasts 2\.0 s; Pinterest needs videos of at least 4 s/)
  }, 30_000)

  it('refuses a video without a readable moov, and a WebM', async () => {
    const noMoov = Buffer.concat([tinyMp4({ durationSec: 6, width: 720, height: 1280 }).subarray(0, 40)])
    expect((await failure(file('cut.mp4', noMoov))).message).toContain('no readable movie header')
    const webm = await failure(file('x.webm', Buffer.from('\x1aE\xdf\xa3\x01\0\0\0', 'latin1')))
    expect(webm.message).toBe('x.webm is a WebM/Matroska video; Pinterest only takes MP4, MOV or M4V videos')
    expect(webm.fix).toBe('Convert it to MP4 (H.264).')
  })
})

describe('checkPinFields', () => {
  it('passes fields within limits and an https link', () => {
    expect(
      checkPinFields(
        {
          title: 't'.repeat(100),
          description: 'd'.repeat(800),
          altText: 'a'.repeat(500),
          link: 'https://example.com/x',
        },
        'a.jpg',
      ),
    ).toEqual([])
  })

  it("names each field over its limit, and a link that is not http(s), with the sources' wording", () => {
    const errs = checkPinFields(
      {
        title: 't'.repeat(101),
        description: 'd'.repeat(801),
        altText: 'a'.repeat(501),
        link: `https://e.com/${'x'.repeat(2048)}`,
      },
      'rows.csv:7',
    )
    expect(errs).toEqual([
      {
        kind: 'validation',
        message: 'rows.csv:7: Title is 101 characters; Pinterest allows at most 100.',
        fix: 'Shorten the title to 100 characters.',
      },
      {
        kind: 'validation',
        message: 'rows.csv:7: Description is 801 characters; Pinterest allows at most 800.',
        fix: 'Shorten the description to 800 characters.',
      },
      {
        kind: 'validation',
        message: 'rows.csv:7: Alt text is 501 characters; Pinterest allows at most 500.',
        fix: 'Shorten the alt text to 500 characters.',
      },
      {
        kind: 'validation',
        message: 'rows.csv:7: Link is 2062 characters; Pinterest allows at most 2048.',
        fix: 'Shorten the link to 2048 characters.',
      },
    ])
    const bad: [string, RegExp][] = [
      [
        'ftp://example.com/x',
        /^a\.jpg: Link 'ftp:\/\/example\.com\/x' uses ftp:; only http:\/\/ and https:\/\/ addresses are allowed\.$/,
      ],
      ['example.com', /^a\.jpg: Link 'example\.com' is not a web address/],
      ['javascript:alert(1)', /uses javascript:/],
      ['https://exa mple.com', /is not a web address/],
      ['https://example.com/a b', /contains spaces/],
    ]
    for (const [link, rule] of bad) {
      const [e, ...rest] = checkPinFields({ link }, 'a.jpg')
      expect(rest).toEqual([])
      expect(e?.message).toMatch(rule)
      expect(e?.fix).toMatch(/https:\/\//)
    }
    expect(checkPinFields({ link: '' }, 'a.jpg')).toEqual([])
  })
})

const smallJpeg = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
  Buffer.alloc(3000, 7),
  Buffer.from([0xff, 0xd9]),
])

describe('preflightSmallImage', () => {
  it('identifies, stamps and hashes a small JPEG from one read, and hands over those bytes', () => {
    const path = join(dir, 'small.jpg')
    writeFileSync(path, smallJpeg)
    const st = statSync(path)
    const q = preflightSmallImage(path)
    expect(q).toMatchObject({
      kind: 'image',
      contentType: 'image/jpeg',
      size: smallJpeg.length,
      mtimeMs: st.mtimeMs,
    })
    expect(q?.hash).toBe(createHash('sha256').update(smallJpeg).digest('hex'))
    expect(q?.bytes.equals(smallJpeg)).toBe(true)
  })

  it('leaves to the full pre-flight what is not a small image file', () => {
    const dirPath = join(dir, 'small-folder.jpg')
    mkdirSync(dirPath)
    const text = join(dir, 'small-notes.jpg')
    writeFileSync(text, 'not an image at all')
    const fifo = join(dir, 'small-pipe.jpg')
    execFileSync('mkfifo', [fifo])
    expect(preflightSmallImage(dirPath)).toBeNull()
    expect(preflightSmallImage(text)).toBeNull()
    expect(preflightSmallImage(join(dir, 'small-missing.jpg'))).toBeNull()
    // A FIFO must not block the open (nothing writes to it).
    expect(preflightSmallImage(fifo)).toBeNull()
  })
})

describe('a refused file', () => {
  it('is described without quoting any of its content', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pinload-echo-'))
    try {
      const secret = 'AKIAIOSFODNN7EXAMPLE wJalrXUtnFEMI/K7MDENG'
      const files: [string, Buffer][] = [
        ['keys.jpg', Buffer.from(`${secret}\n`)],
        ['page.png', Buffer.from(`<!doctype html><title>${secret}</title>`)],
        ['blob.mp4', Buffer.concat([Buffer.from([0, 1, 2, 0xfe]), Buffer.from(secret)])],
      ]
      for (const [name, body] of files) {
        writeFileSync(join(dir, name), body)
        const r = await preflightFile(join(dir, name))
        expect(r.ok).toBe(false)
        const text = JSON.stringify(r)
        expect(text).not.toContain('AKIA')
        expect(text).not.toMatch(/\b(00|01|fe) (01|02|00)\b/)
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
