import { linkSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { DecodeOrder } from '../../src/main/media/decode-order'
import { Thumbnails } from '../../src/main/media/thumbnails'
import { exifWrite, magick, photo } from '../support/image-files'
import { writeVideo } from '../support/media-files'

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pinload-thumbs-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const decode = async (url: string | null) => {
  expect(url).toMatch(/^data:image\/jpeg;base64,/)
  return sharp(Buffer.from(url!.split(',')[1]!, 'base64')).metadata()
}

describe('queue thumbnails made in main', () => {
  it('a 192 px JPEG with the EXIF orientation applied, for JPEG, HEIC and BMP alike', async () => {
    const t = new Thumbnails(join(dir, 'cache-a'))
    const landscape = photo(dir, 'turned.jpg', '1200x800')
    exifWrite(landscape, ['-Orientation#=6']) // shot in portrait: shown 800×1200
    const heic = magick(dir, 'phone.heic', [photo(dir, 'phone.png', '600x400')])
    const bmp = magick(dir, 'old.bmp', [photo(dir, 'old.png', '300x300')], 'bmp3')
    const m = await decode(await t.dataUrl(landscape))
    expect([m.width, m.height]).toEqual([128, 192])
    expect([(await decode(await t.dataUrl(heic))).width, (await decode(await t.dataUrl(bmp))).width]).toEqual(
      [192, 192],
    )
  })

  it('is cached on disk under the file fingerprint: the second ask decodes nothing; a changed file gets a new one', async () => {
    const cacheDir = join(dir, 'cache-b')
    const path = photo(dir, 'cached.jpg', '400x300')
    const first = await new Thumbnails(cacheDir).dataUrl(path)
    const files = readdirSync(cacheDir, { recursive: true }).filter((f) => String(f).endsWith('.jpg'))
    expect(files).toHaveLength(1)
    // Put other bytes under the cached name: a fresh instance (an app restart) answers with them, not a decode.
    const marker = await sharp({ create: { width: 5, height: 5, channels: 3, background: 'red' } })
      .jpeg()
      .toBuffer()
    writeFileSync(join(cacheDir, String(files[0])), marker)
    expect(await new Thumbnails(cacheDir).dataUrl(path)).toBe(
      `data:image/jpeg;base64,${marker.toString('base64')}`,
    )
    expect(first).not.toContain(marker.toString('base64'))
    // Saved over (new size and time): a new fingerprint, a new thumbnail.
    writeFileSync(path, readFileSync(photo(dir, 'other.jpg', '500x300')))
    expect((await decode(await new Thumbnails(cacheDir).dataUrl(path))).width).toBe(192)
  })

  it('is null for a video, a missing file and an image no decoder reads', async () => {
    const t = new Thumbnails(join(dir, 'cache-c'))
    const junk = join(dir, 'junk.jpg')
    writeFileSync(junk, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]))
    const video = writeVideo(dir, 'clip.mp4')
    expect(await Promise.all([t.dataUrl(video), t.dataUrl(join(dir, 'gone.jpg')), t.dataUrl(junk)])).toEqual([
      null,
      null,
      null,
    ])
  })

  it('serves the newest screen first and each screen top down; a row asked again moves up', async () => {
    let now = 0
    const order = new DecodeOrder<string>(50, () => now)
    // The blocker keeps the single slot busy until every row has lined up behind it (the test lets it go).
    let release!: () => void
    const held = new Promise<void>((r) => (release = r))
    let blocking = false
    // The order decodes start in, not the order answers arrive: the blocker's cache write may finish after the
    // next decode, which does not make that decode out of turn.
    const done: string[] = []
    const make = async (p: string) => {
      done.push(p)
      if (p.endsWith('blocker.jpg')) {
        blocking = true
        await held
      }
      return sharp(p).resize(192).jpeg().toBuffer()
    }
    const t = new Thumbnails(join(dir, 'cache-d'), 1, order, make)
    const blocker = photo(dir, 'blocker.jpg', '64x48')
    const base = photo(dir, 'big.jpg', '240x180')
    const paths = Array.from({ length: 9 }, (_, i) => {
      const p = join(dir, `row-${i}.jpg`)
      linkSync(base, p) // each path its own thumbnail, the same decode work
      return p
    })
    const ask = (p: string) => t.dataUrl(p)
    const all = [ask(blocker)]
    await vi.waitFor(() => expect(blocking).toBe(true))
    now = 1_000
    all.push(...paths.slice(0, 6).map(ask)) // the first screen, top down
    now = 2_000
    all.push(...paths.slice(6).map(ask)) // scrolled on: the next screen
    all.push(ask(paths[1]!)) // scrolled back a little: row 1 is on screen again
    await vi.waitFor(() => expect(order.waitingCount).toBe(9), { timeout: 30_000 })
    release()
    await Promise.all(all)
    // The newest screen, top down, row 1 moved up into it; then the first screen. A second ask for row 1 shared
    // the first one's decode: each row is made once.
    expect(done).toEqual([blocker, ...[6, 7, 8, 1, 0, 2, 3, 4, 5].map((i) => paths[i]!)])
  })

  it('answers every ask for a file changed on disk while its decode waited, and never runs over its slots', async () => {
    let release!: () => void
    const held = new Promise<void>((r) => (release = r))
    let running = 0
    let most = 0
    let holding = false
    const make = async (p: string) => {
      most = Math.max(most, ++running)
      if (p.endsWith('hold.jpg')) {
        holding = true
        await held
      }
      running--
      return sharp(p).resize(192).jpeg().toBuffer()
    }
    const order = new DecodeOrder<string>()
    const t = new Thumbnails(join(dir, 'cache-e'), 1, order, make)
    const hold = photo(dir, 'hold.jpg', '64x48')
    const path = photo(dir, 'changes.jpg', '64x48')
    const asks = [t.dataUrl(hold)]
    await vi.waitFor(() => expect(holding).toBe(true)) // the slot is held before the file asks
    asks.push(t.dataUrl(path))
    await vi.waitFor(() => expect(order.waitingCount).toBe(1))
    // Saved again while its first ask waits: a new fingerprint, so a second decode of the same path waits too.
    writeFileSync(path, readFileSync(photo(dir, 'changed.jpg', '80x60')))
    asks.push(t.dataUrl(path))
    await vi.waitFor(() => expect(order.waitingCount).toBe(2))
    release()
    asks.push(t.dataUrl(photo(dir, 'later.jpg', '64x48'))) // arrives as the slot changes hands
    const urls = await Promise.all(asks)
    expect(urls.every((u) => u?.startsWith('data:image/jpeg;base64,'))).toBe(true)
    expect((await decode(urls[1]!)).height).toBe(144)
    expect((await decode(urls[2]!)).height).toBe(144)
    expect(most).toBe(1)
  })
})
