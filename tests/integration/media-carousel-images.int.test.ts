import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkCarouselImages } from '../../src/main/media/carousel-images'
import { readImageSize } from '../../src/main/media/image-size'
import { exifWrite, magick, photo } from '../support/image-files'

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pinload-carousel-media-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('image sizes from headers', () => {
  it('reads PNG and JPEG sizes, a JPEG turned by its EXIF orientation as shown, and nothing of other files', async () => {
    expect(await readImageSize(photo(dir, 'a.png', '120x80'))).toEqual({ width: 120, height: 80 })
    expect(await readImageSize(photo(dir, 'a.jpg', '120x80'))).toEqual({ width: 120, height: 80 })
    const turned = photo(dir, 'turned.jpg', '120x80')
    exifWrite(turned, ['-Orientation=6', '-n'])
    expect(await readImageSize(turned)).toEqual({ width: 80, height: 120 })
    // Six full APP15 segments (about 390 KB) before the frame: found by seeking from segment to segment.
    const small = readFileSync(photo(dir, 'small.jpg', '64x48'))
    const app = Buffer.alloc(65_535 + 2, 0x20)
    app.writeUInt16BE(0xffef, 0)
    app.writeUInt16BE(65_535, 2)
    const padded = join(dir, 'padded.jpg')
    writeFileSync(
      padded,
      Buffer.concat([small.subarray(0, 2), ...Array.from({ length: 6 }, () => app), small.subarray(2)]),
    )
    expect(await readImageSize(padded)).toEqual({ width: 64, height: 48 })
    writeFileSync(join(dir, 'notes.txt'), 'not an image')
    expect(await readImageSize(join(dir, 'notes.txt'))).toBeNull()
  })
})

describe('the carousel pre-flight', () => {
  it('takes 2 to 5 images of one size as shown, and names what breaks the rule', async () => {
    const a = photo(dir, 'c1.jpg', '100x150')
    const b = photo(dir, 'c2.png', '100x150')
    const turned = photo(dir, 'c3.jpg', '150x100')
    exifWrite(turned, ['-Orientation=8', '-n'])
    const ok = await checkCarouselImages('look.carousel', [a, b, turned])
    expect(ok.ok && ok.files.map((f) => [f.contentType, f.width, f.height])).toEqual([
      ['image/jpeg', 100, 150],
      ['image/png', 100, 150],
      ['image/jpeg', 100, 150],
    ])
    const wide = photo(dir, 'wide.jpg', '150x100')
    expect(await checkCarouselImages('look.carousel', [a, wide])).toMatchObject({
      ok: false,
      message:
        'look.carousel: wide.jpg is 150×100 but c1.jpg is 100×150; carousel images must all be the same size',
    })
    // Images to convert (issue 13) are taken, their size read from their header.
    const gif = magick(dir, 'anim.gif', ['-size', '100x150', 'xc:red'])
    const conv = await checkCarouselImages('look.carousel', [a, gif])
    expect(conv.ok && conv.files.map((f) => [f.contentType, f.width, f.height])).toEqual([
      ['image/jpeg', 100, 150],
      ['image/gif', 100, 150],
    ])
    const square = magick(dir, 'square.webp', ['-size', '150x150', 'xc:red'])
    expect(await checkCarouselImages('look.carousel', [a, square])).toMatchObject({
      ok: false,
      message:
        'look.carousel: square.webp is 150×150 but c1.jpg is 100×150; carousel images must all be the same size',
    })
    writeFileSync(join(dir, 'notes.jpg'), 'not an image')
    expect(await checkCarouselImages('look.carousel', [a, join(dir, 'notes.jpg')])).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^look\.carousel: notes\.jpg is not an image or video/) as string,
    })
    expect(await checkCarouselImages('look.carousel', [a])).toMatchObject({
      ok: false,
      message: 'look.carousel holds 1 image; a carousel Pin takes 2 to 5',
    })
    expect(await checkCarouselImages('look.carousel', [a, a, a, a, a, a])).toMatchObject({
      ok: false,
      message: 'look.carousel holds 6 images; a carousel Pin takes 2 to 5',
    })
  })
})
