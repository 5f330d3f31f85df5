import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { prepareImage, type PrepareOptions } from '../../src/main/media/prepare-image'
import { exifRead, exifWrite, magick, photo } from '../support/image-files'

// The bad inputs of issue 16 that need no queue: each converted correctly or refused with its own words.
let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pinload-prepare-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A baseline grey TIFF's header (TIFF 6.0, one strip) whose strip is missing: the image is only its size. */
function tiffHeaderOnly(width: number, height: number): Buffer {
  const LONG = 4
  const SHORT = 3
  const tags: [tag: number, type: number, value: number][] = [
    [256, LONG, width],
    [257, LONG, height],
    [258, SHORT, 8],
    [259, SHORT, 1],
    [262, SHORT, 1],
    [273, LONG, 8 + 2 + 9 * 12 + 4],
    [277, SHORT, 1],
    [278, LONG, height],
    [279, LONG, width * height],
  ]
  const b = Buffer.alloc(8 + 2 + tags.length * 12 + 4)
  b.write('II', 0, 'latin1')
  b.writeUInt16LE(42, 2)
  b.writeUInt32LE(8, 4)
  b.writeUInt16LE(tags.length, 8)
  tags.forEach(([tag, type, value], i) => {
    const at = 10 + i * 12
    b.writeUInt16LE(tag, at)
    b.writeUInt16LE(type, at + 2)
    b.writeUInt32LE(1, at + 4)
    if (type === SHORT) b.writeUInt16LE(value, at + 8)
    else b.writeUInt32LE(value, at + 8)
  })
  return b
}

const options = (path: string, mime: string, extra: Partial<PrepareOptions> = {}): PrepareOptions => ({
  name: path.split('/').pop()!,
  mime,
  keepMetadata: false,
  tempDir: join(dir, 'prepared'),
  key: `k-${Math.random().toString(36).slice(2)}`,
  size: statSync(path).size,
  ...extra,
})

describe('prepareImage on bad input', () => {
  it('a 20,000 px panorama JPEG goes as it is; the same as TIFF is converted at full size', async () => {
    // Made with sharp: ImageMagick's policy stops at 16,000 px (and WebP itself at 16,383).
    const pano = join(dir, 'pano.jpg')
    const pixels = { create: { width: 20000, height: 1000, channels: 3, background: '#3a7bd5' } } as const
    await sharp(pixels).jpeg().toFile(pano)
    expect(await prepareImage(pano, options(pano, 'image/jpeg'))).toEqual({
      ok: true,
      value: { contentType: 'image/jpeg' },
    })
    const tiff = join(dir, 'pano.tiff')
    await sharp(pixels).tiff().toFile(tiff)
    const r = await prepareImage(tiff, options(tiff, 'image/tiff'))
    if (!r.ok) throw new Error(r.error.message)
    const m = await sharp(r.value.tempPath).metadata()
    expect([m.format, m.width, m.height]).toEqual(['jpeg', 20000, 1000])
  })

  it('a TIFF over 300 megapixels is refused by its size before any decode; one over 100 MP is scaled to 100 MP', async () => {
    const flat = (width: number, height: number) =>
      ({ create: { width, height, channels: 3, background: '#3a7bd5' }, limitInputPixels: false }) as const
    // Only the header of a 320 MP grey TIFF: the pixels it points to are not there, so any decode would fail.
    const huge = join(dir, 'huge.tiff')
    writeFileSync(huge, tiffHeaderOnly(20000, 16000))
    expect(await prepareImage(huge, options(huge, 'image/tiff'))).toEqual({
      ok: false,
      error: {
        kind: 'file',
        message: 'huge.tiff is too large to convert: 20,000 × 16,000 pixels, over 300 megapixels',
        fix: 'Export it smaller (for example 16,000 pixels on its long side), then add it again.',
      },
    })
    // A JPEG whose frame header says 20,000 × 16,000 and whose end is missing: too large, not "incomplete".
    const small = readFileSync(photo(dir, 'small-for-huge.jpg', '64x48'))
    const sof = small.indexOf(Buffer.from([0xff, 0xc0]))
    small.writeUInt16BE(16000, sof + 5)
    small.writeUInt16BE(20000, sof + 7)
    const hugeJpeg = join(dir, 'huge-cut.jpg')
    writeFileSync(hugeJpeg, small.subarray(0, small.length - 10))
    const j = await prepareImage(hugeJpeg, options(hugeJpeg, 'image/jpeg'))
    expect(j.ok ? 'sent' : j.error.message).toBe(
      'huge-cut.jpg is too large to convert: 20,000 × 16,000 pixels, over 300 megapixels',
    )
    const large = join(dir, 'large.tiff')
    await sharp(flat(11000, 10000)).tiff({ compression: 'lzw', tile: true }).toFile(large)
    const r = await prepareImage(large, options(large, 'image/tiff'))
    if (!r.ok) throw new Error(r.error.message)
    const m = await sharp(r.value.tempPath).metadata()
    expect(m.width * m.height).toBeLessThanOrEqual(100_000_000)
    expect(m.width).toBeGreaterThan(10_000)
    expect(m.width / m.height).toBeCloseTo(1.1, 2)
  })

  it('an image over the size limit is scaled down until it fits, not refused', async () => {
    const big = photo(dir, 'big.png', '1600x1200')
    const maxBytes = Math.floor(statSync(big).size / 4)
    const r = await prepareImage(big, options(big, 'image/png', { maxBytes }))
    if (!r.ok) throw new Error(r.error.message)
    const out = readFileSync(r.value.tempPath!)
    expect(out.length).toBeLessThanOrEqual(maxBytes)
    const m = await sharp(out).metadata()
    expect(m.width / m.height).toBeCloseTo(4 / 3, 1)
    expect(m.width).toBeLessThanOrEqual(1600)
    // A JPEG too: re-encoded smaller, still a JPEG of the same shape.
    const jpeg = photo(dir, 'big.jpg', '1600x1200')
    const jpegMax = Math.floor(statSync(jpeg).size / 4)
    const j = await prepareImage(jpeg, options(jpeg, 'image/jpeg', { maxBytes: jpegMax }))
    if (!j.ok) throw new Error(j.error.message)
    const jOut = readFileSync(j.value.tempPath!)
    expect(jOut.length).toBeLessThanOrEqual(jpegMax)
    const jm = await sharp(jOut).metadata()
    expect([jm.format, j.value.contentType]).toEqual(['jpeg', 'image/jpeg'])
    expect(jm.width / jm.height).toBeCloseTo(4 / 3, 1)
  })

  it('a TIFF, GIF or BMP that does not decode is refused naming its type and what to do', async () => {
    for (const [name, bytes, mime, label] of [
      [
        'scan.tiff',
        Buffer.concat([Buffer.from('II*\0\x08\0\0\0', 'latin1'), Buffer.alloc(40, 9)]),
        'image/tiff',
        'a TIFF image',
      ],
      [
        'anim.gif',
        // Damaged inside, whole to its trailer byte (one without it is taken for a cut-off copy, below).
        Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.alloc(40, 3), Buffer.from([0x3b])]),
        'image/gif',
        'a GIF image',
      ],
      [
        'old.bmp',
        Buffer.concat([Buffer.from('BM', 'latin1'), Buffer.alloc(60, 1)]),
        'image/bmp',
        'a BMP image',
      ],
    ] as const) {
      const path = join(dir, name)
      writeFileSync(path, bytes)
      const r = await prepareImage(path, options(path, mime))
      expect(r.ok, name).toBe(false)
      if (r.ok) continue
      expect(r.error.message).toMatch(
        new RegExp(`^${name.replace('.', '\\.')} cannot be read as ${label} \\(`),
      )
      expect(r.error.fix).toBe('Open it in an image editor and export it again as JPEG or PNG.')
    }
  })

  it('a JPEG whose headers run past the first 512 KiB still loses its GPS', async () => {
    const path = photo(dir, 'long-header.jpg', '300x200')
    exifWrite(path, ['-GPSLatitude=48.8584', '-GPSLatitudeRef=N'])
    const bytes = readFileSync(path)
    // Ten 60 KB comment segments right after the start of image: the first scan begins past 600 KB.
    const comments = Array.from({ length: 10 }, () => {
      const c = Buffer.alloc(4 + 60_000, 0x20)
      c.writeUInt16BE(0xfffe, 0)
      c.writeUInt16BE(60_002, 2)
      return c
    })
    writeFileSync(path, Buffer.concat([bytes.subarray(0, 2), ...comments, bytes.subarray(2)]))
    expect(exifRead(path)['EXIF:GPSLatitude']).toBeCloseTo(48.8584, 3)
    const r = await prepareImage(path, options(path, 'image/jpeg'))
    if (!r.ok) throw new Error(r.error.message)
    expect(Object.keys(exifRead(r.value.tempPath!)).filter((k) => k.includes('GPS'))).toEqual([])
  })

  it('IPTC and Photoshop data (APP13: city, author, a copy of the EXIF) go too; the ICC profile and pixels stay', async () => {
    const path = join(dir, 'iptc.jpg')
    // A Display P3 profile: dropping it would shift the colours.
    await sharp(photo(dir, 'iptc-src.jpg', '300x200'))
      .withIccProfile('p3')
      .jpeg()
      .toFile(path)
    exifWrite(path, ['-IPTC:City=Paris', '-IPTC:By-line=Jane Doe', '-Photoshop:XResolution=300'])
    expect(exifRead(path)['IPTC:City']).toBe('Paris')
    expect(exifRead(path)['ICC_Profile:ProfileDescription']).toMatch(/P3/)
    const r = await prepareImage(path, options(path, 'image/jpeg'))
    if (!r.ok) throw new Error(r.error.message)
    const tags = exifRead(r.value.tempPath!)
    expect(Object.keys(tags).filter((k) => /^(IPTC|Photoshop):/.test(k))).toEqual([])
    expect(tags['ICC_Profile:ProfileDescription']).toBe(exifRead(path)['ICC_Profile:ProfileDescription'])
    const [a, b] = await Promise.all([path, r.value.tempPath!].map((p) => sharp(p).raw().toBuffer()))
    expect(a!.equals(b!)).toBe(true)
  })

  it('a JPEG whose header this reader cannot walk (stray bytes between segments) still loses its GPS', async () => {
    const path = photo(dir, 'stray.jpg', '300x200')
    exifWrite(path, ['-GPSLatitude=48.8584', '-GPSLatitudeRef=N'])
    const bytes = readFileSync(path)
    // Two stray zero bytes right after the start of image: decoders skip them with a warning.
    writeFileSync(path, Buffer.concat([bytes.subarray(0, 2), Buffer.from([0, 0]), bytes.subarray(2)]))
    expect(exifRead(path)['EXIF:GPSLatitude']).toBeCloseTo(48.8584, 3)
    const r = await prepareImage(path, options(path, 'image/jpeg'))
    if (!r.ok) throw new Error(r.error.message)
    expect(r.value.tempPath).toBeDefined()
    expect(Object.keys(exifRead(r.value.tempPath!)).filter((k) => k.includes('GPS'))).toEqual([])
  })

  it('a JPEG without metadata of its own still loses what follows the picture (a second picture with GPS)', async () => {
    const main = photo(dir, 'plain-main.jpg', '300x200')
    const second = photo(dir, 'second.jpg', '60x40')
    exifWrite(second, ['-GPSLatitude=48.8584', '-GPSLatitudeRef=N', '-Artist=SECOND-PICTURE'])
    expect(exifRead(main)['EXIF:GPSLatitude']).toBeUndefined()
    const path = join(dir, 'plain-with-trailer.jpg')
    writeFileSync(path, Buffer.concat([readFileSync(main), readFileSync(second)]))
    const r = await prepareImage(path, options(path, 'image/jpeg'))
    if (!r.ok) throw new Error(r.error.message)
    expect(r.value.tempPath).toBeDefined()
    const sent = readFileSync(r.value.tempPath!)
    expect(sent.includes('SECOND-PICTURE')).toBe(false)
    expect(sent.length).toBe(readFileSync(main).length)
    const [a, b] = await Promise.all([main, r.value.tempPath!].map((p) => sharp(p).raw().toBuffer()))
    expect(a!.equals(b!)).toBe(true)
    // With nothing after the picture, the file goes as it is: no copy.
    const alone = await prepareImage(main, options(main, 'image/jpeg'))
    expect(alone.ok && alone.value.tempPath).toBe(undefined)
  })

  it('a WebP, GIF, AVIF or HEIC cut off before its end is refused as incomplete, not in the decoder’s words', async () => {
    const base = photo(dir, 'cut-base.png', '640x480')
    const made = [
      ['cut.webp', 'image/webp', await sharp(base).webp().toBuffer()],
      ['cut.gif', 'image/gif', await sharp(base).gif().toBuffer()],
      ['cut.avif', 'image/avif', await sharp(base).avif().toBuffer()],
      ['cut.heic', 'image/heic', readFileSync(magick(dir, 'whole.heic', [base]))],
    ] as const
    for (const [name, mime, whole] of made) {
      const path = join(dir, name)
      writeFileSync(path, whole.subarray(0, Math.floor(whole.length * 0.7)))
      const r = await prepareImage(path, options(path, mime))
      expect(r.ok ? 'sent' : r.error.message, name).toMatch(
        new RegExp(`^${name.replace('.', '\\.')} is incomplete: its image data stops before the end`),
      )
    }
  })

  it('a PNG cut off before its end is refused as incomplete', async () => {
    const whole = photo(dir, 'whole.png', '400x300')
    const cut = join(dir, 'cut.png')
    const bytes = readFileSync(whole)
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)))
    const r = await prepareImage(cut, options(cut, 'image/png'))
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.message).toMatch(/^cut\.png is incomplete/)
  })
})
