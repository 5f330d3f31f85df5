import { createHash } from 'node:crypto'
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import type { PinterestApi } from '../../src/main/pinterest/api-types'
import { exifRead, exifWrite, magick, photo } from '../support/image-files'
import type { ItemDraft } from '../../src/shared/domain'
import { writeVideo } from '../support/media-files'
import { videoSource } from '../../src/main/services/thumbnail-source'
import { ItemRepository } from '../../src/main/db/item-repository'
import { draftFor, realHarness, type RealHarness } from './pipeline-helpers'

/**
 * Issue 16 through the real queue, client and fake Pinterest: files in the formats people have are published as
 * JPEG or PNG, damaged ones are refused with what to do, and location metadata leaves without the pixels changing.
 * The bytes each create sent are captured at the client and matched to the fake's sha256 of what it received.
 */

let fake: FakePinterest
let dir: string
let h: RealHarness | undefined
/** Bytes each image create sent, by Pin title. */
const sent = new Map<string, Buffer>()

function capturing(client: PinterestApi): PinterestApi {
  return {
    ...client,
    createImagePinFromFile(file, pin, o) {
      sent.set(pin.title ?? '', file.read?.bytes ? Buffer.from(file.read.bytes) : readFileSync(file.path))
      return client.createImagePinFromFile(file, pin, o)
    },
    createVideoPin(mediaId, cover, pin, o) {
      // Read at the call: the prepared copy of the cover is deleted once the create settled.
      if (cover.kind === 'image_file')
        coverSent.set(pin.title ?? '', { contentType: cover.contentType, bytes: readFileSync(cover.path) })
      return client.createVideoPin(mediaId, cover, pin, o)
    },
  }
}
/** The cover image each video create sent, by Pin title. */
const coverSent = new Map<string, { contentType: string; bytes: Buffer }>()

async function publish(
  files: string[],
  settings: { keepPhotoMetadata?: boolean } = {},
  edit: (d: ItemDraft) => ItemDraft = (d) => d,
  board = fake.addBoard({ name: `Board ${Math.random()}` }),
) {
  const harness = realHarness(fake, { settings, apiFor: () => capturing(harness.client) })
  h = harness
  harness.queue.enqueue(
    files.map((f) => edit(draftFor(f, board.id))),
    { kind: 'cli', label: 'formats' },
  )
  harness.queue.start()
  await harness.queue.whenIdle()
  const items = harness.queue.list().items
  const pins = fake.pins.filter((p) => p.board_id === board.id)
  return { items, pins, harness }
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex')
const title = (path: string) =>
  path
    .split('/')
    .pop()!
    .replace(/\.\w+$/, '')

beforeAll(async () => {
  fake = await startFakePinterest({ rateLimits: false })
  dir = mkdtempSync(join(tmpdir(), 'pinload-media-convert-'))
})
afterEach(async () => {
  await h?.close()
  h = undefined
})
afterAll(async () => {
  await fake.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('formats people have are published as JPEG or PNG', () => {
  it('WebP, animated GIF, TIFF, BMP, AVIF and HEIC each become a valid JPEG; a transparent WebP a PNG', async () => {
    const base = photo(dir, 'base.png', '240x160')
    const files = [
      magick(dir, 'web.webp', [base]),
      magick(dir, 'anim.gif', ['-delay', '20', base, '-negate', base]),
      magick(dir, 'scan.tiff', [base]),
      magick(dir, 'paint.bmp', [base], 'bmp3'),
      magick(dir, 'new.avif', [base]),
      magick(dir, 'iphone.heic', [base]),
      magick(dir, 'logo.webp', ['-size', '120x80', 'xc:none', '-fill', 'red', '-draw', 'circle 60,40 60,10']),
    ]
    const { items, pins, harness } = await publish(files)
    expect(items.map((i) => [i.path, i.state, i.error?.message])).toEqual(
      files.map((f) => [f, 'published', undefined]),
    )
    for (const f of files) {
      const bytes = sent.get(title(f))!
      const pin = pins.find((p) => p.title === title(f))!
      // What the fake received is what was captured, and it decodes as the type it was sent as.
      expect(pin.image_sha256, f).toBe(sha(bytes))
      const meta = await sharp(bytes).metadata()
      const want = f.endsWith('logo.webp') ? 'png' : 'jpeg'
      expect([f, meta.format, pin.image_content_type]).toEqual([f, want, `image/${want}`])
      expect([meta.width, meta.height]).toEqual(f.endsWith('logo.webp') ? [120, 80] : [240, 160])
      if (want === 'png') expect((await sharp(bytes).stats()).isOpaque).toBe(false)
    }
    // The GIF's first frame, not the negated second one: compare with the first frame decoded directly.
    const gif = await sharp(sent.get('anim')).resize(8, 8).raw().toBuffer()
    const first = await sharp(join(dir, 'anim.gif'), { pages: 1 }).resize(8, 8).raw().toBuffer()
    expect(Math.max(...gif.map((v, i) => Math.abs(v - first[i]!)))).toBeLessThan(24)
    // Converted copies are removed once the create settled; dedupe keeps the source's hash.
    expect(readdirSync(join(harness.dir, 'data', 'prepared'))).toEqual([])
    const row = harness.queue.list().items.find((i) => i.path === files[5])!
    expect(row.convertedFrom).toBe('HEIC')
  })

  it('converted photos leave without their location; a copy of a published one elsewhere is skipped by its source', async () => {
    const base = photo(dir, 'base-gps.png', '240x160')
    const files = [
      magick(dir, 'trip.webp', [base]),
      magick(dir, 'trip-scan.tiff', [base]),
      magick(dir, 'trip-phone.heic', [base]),
    ]
    for (const f of files) exifWrite(f, ['-GPSLatitude=48.8584', '-GPSLatitudeRef=N', '-GPSLongitude=2.2945'])
    for (const f of files) expect(exifRead(f)['EXIF:GPSLatitude'], f).toBeCloseTo(48.8584, 3)
    const board = fake.addBoard({ name: 'Trips' })
    const { items, harness } = await publish(files, {}, undefined, board)
    expect(items.map((i) => i.state)).toEqual(['published', 'published', 'published'])
    for (const f of files) {
      const out = join(dir, `sent-${title(f)}.jpg`)
      writeFileSync(out, sent.get(title(f))!)
      expect(
        Object.keys(exifRead(out)).filter((k) => k.includes('GPS')),
        f,
      ).toEqual([])
    }
    // The same WebP at another path: its hash is the source's, the same as the published one's, so it is skipped.
    mkdirSync(join(dir, 'again'))
    const copy = join(dir, 'again', 'trip.webp')
    copyFileSync(files[0]!, copy)
    harness.queue.enqueue([draftFor(copy, board.id)], { kind: 'cli', label: 'again' })
    await harness.queue.whenIdle()
    const twin = harness.queue.list().items.find((i) => i.path === copy)
    expect([twin?.state, twin?.error?.message]).toEqual([
      'skipped',
      expect.stringMatching(/^Already on board/),
    ])
    expect(fake.pins.filter((p) => p.board_id === board.id)).toHaveLength(3)
    // The hash kept is the source file's, not that of the JPEG sent (which Pinterest received).
    const first = items.find((i) => i.path === files[0])!
    expect(new ItemRepository(harness.db).get(first.id)?.content_hash).toBe(sha(readFileSync(files[0]!)))
    expect(sha(readFileSync(files[0]!))).not.toBe(sha(sent.get('trip')!))
  })

  it('a CMYK JPEG is sent as sRGB and a 16-bit PNG as 8 bits', async () => {
    const base = photo(dir, 'base2.png', '200x150')
    const cmyk = magick(dir, 'print.jpg', [base, '-colorspace', 'CMYK'])
    const deep = magick(dir, 'deep.png', [base, '-depth', '16'], 'png48')
    expect((await sharp(cmyk).metadata()).space).toBe('cmyk')
    expect((await sharp(deep).metadata()).depth).toBe('ushort')
    const { items } = await publish([cmyk, deep])
    expect(items.map((i) => i.state)).toEqual(['published', 'published'])
    const j = await sharp(sent.get('print')).metadata()
    expect([j.format, j.space, j.channels]).toEqual(['jpeg', 'srgb', 3])
    const p = await sharp(sent.get('deep')).metadata()
    expect([p.format, p.depth]).toEqual(['png', 'uchar'])
  })
})

describe('prepared copies', () => {
  it('a copy an earlier run left (a crash between make and delete) is removed by the next run', async () => {
    const board = fake.addBoard({ name: 'Leftovers' })
    const harness = realHarness(fake)
    h = harness
    const prepared = join(harness.dir, 'data', 'prepared')
    mkdirSync(prepared, { recursive: true })
    const stale = join(prepared, 'item-999.jpg')
    writeFileSync(stale, 'left by a crash')
    utimesSync(stale, new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000))
    harness.queue.enqueue([draftFor(magick(dir, 'again.webp', [photo(dir, 'again.png')]), board.id)], {
      kind: 'cli',
      label: 'leftovers',
    })
    harness.queue.start()
    await harness.queue.whenIdle()
    expect(harness.queue.list().items.map((i) => i.state)).toEqual(['published'])
    expect(readdirSync(prepared)).toEqual([])
  })
})

describe('damaged and unsupported files are refused with what to do', () => {
  it('a JPEG cut off mid-stream, an undecodable WebP and a HEIF sequence each fail on their own; the rest goes on', async () => {
    const cut = photo(dir, 'cut.jpg', '900x700')
    truncateSync(cut, Math.floor(readFileSync(cut).length * 0.6))
    const junk = join(dir, 'junk.webp')
    writeFileSync(junk, Buffer.concat([Buffer.from('RIFF\x40\0\0\0WEBPVP8 ', 'latin1'), Buffer.alloc(60, 7)]))
    const burst = join(dir, 'burst.heic')
    writeFileSync(
      burst,
      Buffer.concat([Buffer.from('\0\0\0\x18ftypmsf1\0\0\0\0msf1hevc', 'latin1'), Buffer.alloc(64)]),
    )
    const fine = photo(dir, 'fine.jpg')
    const { items, pins } = await publish([cut, junk, burst, fine])
    const byPath = new Map(items.map((i) => [i.path, i]))
    expect(byPath.get(cut)?.state).toBe('failed')
    expect(byPath.get(cut)?.error?.message).toMatch(
      /^cut\.jpg is incomplete: its image data stops before the end/,
    )
    expect(byPath.get(cut)?.error?.fix).toMatch(/Copy or export the original again/)
    expect(byPath.get(junk)?.error?.message).toMatch(/^junk\.webp cannot be read as a WebP image \(/)
    expect(byPath.get(burst)?.error?.message).toBe(
      'burst.heic is a HEIF image sequence (a burst or an animation), not a single photo',
    )
    expect(byPath.get(fine)?.state).toBe('published')
    expect(pins.map((p) => p.title)).toEqual(['fine'])
  })
})

describe('location and device metadata', () => {
  const tagged = () => {
    const path = photo(dir, `gps-${Math.random().toString(36).slice(2)}.jpg`, '640x480')
    exifWrite(path, [
      '-GPSLatitude=48.8584',
      '-GPSLatitudeRef=N',
      '-GPSLongitude=2.2945',
      '-GPSLongitudeRef=E',
      '-Make=PinloadCam',
      '-Model=Test 1',
      '-SerialNumber=SN123456',
      '-Orientation#=6',
      '-XMP:City=Paris',
    ])
    return path
  }

  it('a JPEG with GPS is published with none, the orientation kept and identical decoded pixels', async () => {
    const path = tagged()
    expect(exifRead(path)['EXIF:GPSLatitude']).toBeCloseTo(48.8584, 3)
    // A phone's second picture after the main one (a multi-picture file's preview) carries an EXIF of its own.
    const main = readFileSync(path)
    const preview = photo(dir, 'preview.jpg', '64x48')
    exifWrite(preview, ['-GPSLatitude=48.8584', '-GPSLatitudeRef=N', '-Artist=PINLOAD-SECOND-PICTURE'])
    appendFileSync(path, readFileSync(preview))
    const { items } = await publish([path])
    expect(items[0]?.state).toBe('published')
    const out = join(dir, 'published.jpg')
    const sentBytes = sent.get(title(path))!
    writeFileSync(out, sentBytes)
    const tags = exifRead(out)
    const names = Object.keys(tags)
    expect(names.filter((k) => /GPS|Make|Model|Serial|City|XMP/.test(k))).toEqual([])
    expect(tags['EXIF:Orientation']).toBe(6)
    expect(sentBytes.includes(Buffer.from('PINLOAD-SECOND-PICTURE'))).toBe(false)
    // Not re-encoded: the decoded pixels (without applying orientation) are the same, byte for byte.
    const [a, b] = await Promise.all([sharp(path).raw().toBuffer(), sharp(out).raw().toBuffer()])
    expect(b.equals(a)).toBe(true)
    // And the scan data itself is the source's: the published file ends with the main picture's last 100 KB.
    expect(sentBytes.subarray(-100_000).equals(main.subarray(-100_000))).toBe(true)
  })

  it('a PNG with GPS, text and a time is published with none of them, the orientation kept and the same chunks of pixels', async () => {
    const path = photo(dir, 'gps-screenshot.png', '480x320', 'png24') // 8 bits: a 16-bit PNG is converted anyway
    exifWrite(path, [
      '-EXIF:GPSLatitude=48.8584',
      '-EXIF:GPSLatitudeRef=N',
      '-EXIF:Make=PinloadCam',
      '-EXIF:Orientation#=6',
      '-XMP:City=Paris',
      '-PNG:Comment=PINLOAD-PNG-TEXT',
      '-PNG:ModifyDate=2026:12:05 07:00:00',
    ])
    const before = exifRead(path)
    expect(before['EXIF:GPSLatitude']).toBeCloseTo(48.8584, 3)
    expect(readFileSync(path).includes(Buffer.from('PINLOAD-PNG-TEXT'))).toBe(true)
    const { items } = await publish([path])
    expect(items[0]?.state).toBe('published')
    const out = join(dir, 'published.png')
    const sentBytes = sent.get(title(path))!
    writeFileSync(out, sentBytes)
    const tags = exifRead(out)
    // The file system's own dates (File:…) are this test's file, not the picture's.
    const found = (t: Record<string, unknown>) =>
      Object.keys(t).filter((k) => !k.startsWith('File:') && /GPS|Make|City|XMP|Comment|ModifyDate/.test(k))
    expect(found(before).length).toBeGreaterThanOrEqual(6)
    expect(found(tags)).toEqual([])
    expect(tags['EXIF:Orientation']).toBe(6)
    expect(sentBytes.includes(Buffer.from('PINLOAD-PNG-TEXT'))).toBe(false)
    // Not re-encoded: the compressed pixel data is the source's, byte for byte, and so are the decoded pixels.
    const idat = (b: Buffer) => b.subarray(b.indexOf('IDAT') - 4, b.indexOf('IEND') - 4)
    expect(idat(sentBytes).equals(idat(readFileSync(path)))).toBe(true)
    const [a, b] = await Promise.all([sharp(path).raw().toBuffer(), sharp(out).raw().toBuffer()])
    expect(b.equals(a)).toBe(true)
  })

  it("a video's cover file is read by its bytes, not its name, and leaves without its location", async () => {
    // A JPEG saved as .png, with GPS: sent as image/jpeg (the name would have said PNG, which Pinterest refuses).
    const cover = join(dir, 'cover-really-jpeg.png')
    writeFileSync(cover, readFileSync(tagged()))
    const broken = join(dir, 'cover-cut.jpg')
    writeFileSync(broken, readFileSync(photo(dir, 'cover-whole.jpg', '800x600')).subarray(0, 9_000))
    const clip = writeVideo(dir, 'covered.mp4')
    const clip2 = join(dir, 'covered-badly.mp4')
    writeFileSync(clip2, readFileSync(clip))
    const withCover = (d: ItemDraft) => ({
      ...d,
      meta: { ...d.meta, coverImagePath: d.path?.endsWith('badly.mp4') ? broken : cover },
    })
    const mediaBefore = fake.media.length
    const { items, pins } = await publish([clip, clip2], {}, withCover)
    const good = items.find((i) => i.path === clip)
    expect(good?.state).toBe('published')
    const got = coverSent.get('covered')!
    expect(got.contentType).toBe('image/jpeg')
    const out = join(dir, 'cover-sent.jpg')
    writeFileSync(out, got.bytes)
    expect(Object.keys(exifRead(out)).filter((k) => /GPS|Make|Serial|City/.test(k))).toEqual([])
    expect(pins.find((p) => p.title === 'covered')?.video_cover).toEqual({
      kind: 'base64',
      sha256: sha(got.bytes),
    })
    // A cut-off cover fails its own item before its video is uploaded, saying it is the cover (its own kind:
    // the video can still be played to choose a frame), and nothing is created for it.
    const bad = items.find((i) => i.path === clip2)
    expect(bad?.state).toBe('failed')
    expect(bad?.error?.kind).toBe('cover')
    expect(bad?.error?.message).toMatch(/^Cover image: cover-cut\.jpg is incomplete/)
    // The check's own advice first, then the way out that keeps the video.
    expect(bad?.error?.fix).toMatch(
      /^Copy or export the original again.* Or: choose another picture, or a frame of the video/,
    )
    expect(fake.media.length - mediaBefore).toBe(1)
    expect(pins.some((p) => p.title === 'covered-badly')).toBe(false)
    const row = new ItemRepository(h!.db).get(bad!.id)
    // Found a video before the cover failed, and kept so: the window shows its poster and frame picker.
    expect(row?.kind).toBe('video')
    expect(await videoSource(row)).toMatchObject({ path: clip2 })
    expect(readdirSync(join(h!.settings.dataDir, 'prepared')).filter((f) => f.includes('cover'))).toEqual([])
  })

  it("a refused create leaves no prepared copy of the video's cover behind", async () => {
    const cover = join(dir, 'cover-for-refused.png')
    writeFileSync(cover, readFileSync(tagged()))
    const clip = writeVideo(dir, 'refused.mp4')
    fake.faults.add({
      match: { method: 'POST', path: '/v5/pins' },
      times: 1,
      action: { type: 'status', status: 400, code: 1, message: 'Invalid parameters: cover looks wrong.' },
    })
    const { items } = await publish([clip], {}, (d) => ({ ...d, meta: { ...d.meta, coverImagePath: cover } }))
    expect(items[0]?.state).toBe('failed')
    expect(items[0]?.error?.message).toMatch(/cover looks wrong/)
    // The cover was prepared (converted, stripped) for the create that was refused, and went with it.
    expect(coverSent.get('refused')?.contentType).toBe('image/jpeg')
    expect(readdirSync(join(h!.settings.dataDir, 'prepared')).filter((f) => f.includes('cover'))).toEqual([])
  })

  it('with keepPhotoMetadata the file is sent as it is', async () => {
    const path = tagged()
    const { items, pins } = await publish([path], { keepPhotoMetadata: true })
    expect(items[0]?.state).toBe('published')
    expect(pins[0]?.image_sha256).toBe(sha(readFileSync(path)))
    expect(existsSync(path)).toBe(true)
  })
})
