import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import { exifWrite, magick, photo } from '../support/image-files'
import { writeVideo } from '../support/media-files'
import { cliEnv, runCli } from './cli-helpers'

// Issue 16 through the `pinload` command (child processes) against the fake: the cover time set with
// `pinload edit --cover-time` is the key frame the fake receives, and photos in the formats people have
// (HEIC, WebP, a JPEG with GPS) are published from a plain `pinload upload`, which follows the same settings.
let fake: FakePinterest
let root: string
let token: string

beforeAll(async () => {
  fake = await startFakePinterest({ rateLimits: false, mediaProcessingMs: 50 })
  root = mkdtempSync(join(tmpdir(), 'pinload-media-cli-'))
  token = fake.issueToken().accessToken
  fake.addBoard({ name: 'Clips', privacy: 'PROTECTED' })
})
afterAll(async () => {
  await fake.close()
  rmSync(root, { recursive: true, force: true })
})

describe('pinload and media', () => {
  it('edit --cover-time on a draft video: the fake receives that key frame', async () => {
    const env = cliEnv(fake, join(root, 'cover'), token)
    const dir = join(root, 'clips')
    mkdirSync(dir)
    writeVideo(dir, 'surf.mp4', { seconds: 8 })
    const up = await runCli(['upload', dir, '--board', 'Clips', '--title', '{name}', '--draft'], env)
    expect([up.code, up.stderr]).toEqual([0, ''])
    const items = (
      JSON.parse((await runCli(['status', '--json'], env)).stdout) as { items: { itemId: number }[] }
    ).items
    const edit = await runCli(['edit', String(items[0]!.itemId), '--cover-time', '5'], env)
    expect([edit.code, edit.stderr]).toEqual([0, ''])
    const pub = await runCli(['publish', '--all'], env)
    expect([pub.code, pub.stderr]).toEqual([0, ''])
    expect(fake.pins.find((p) => p.title === 'surf')?.video_cover).toEqual({ kind: 'key_frame', seconds: 5 })
  })

  it('upload publishes HEIC and WebP converted, a JPEG with GPS stripped, and as it is with --keep-photo-metadata', async () => {
    const env = cliEnv(fake, join(root, 'formats'), token)
    const dir = join(root, 'photos')
    mkdirSync(dir)
    const base = photo(root, 'base.png', '300x200')
    magick(dir, 'iphone.heic', [base])
    magick(dir, 'web.webp', [base])
    const gps = photo(dir, 'beach.jpg', '300x200')
    exifWrite(gps, ['-GPSLatitude=10.5', '-GPSLatitudeRef=N'])
    const up = await runCli(['upload', dir, '--board', 'Clips', '--title', '{name}'], env)
    expect([up.code, up.stderr]).toEqual([0, ''])
    const pins = ['iphone', 'web', 'beach'].map((t) => fake.pins.find((p) => p.title === t))
    expect(pins.map((p) => p?.image_content_type)).toEqual(['image/jpeg', 'image/jpeg', 'image/jpeg'])
    // Stripped, not re-encoded (media-convert.int.test.ts checks the bytes sent): smaller, and not the file's own.
    const source = readFileSync(gps)
    expect(pins[2]?.image_sha256).not.toBe(createHash('sha256').update(source).digest('hex'))
    expect(pins[2]?.image_bytes).toBeLessThan(source.length)

    // --keep-photo-metadata: sent as it is on disk.
    const kept = join(root, 'kept')
    mkdirSync(kept)
    const tagged = photo(kept, 'harbour.jpg', '300x200')
    exifWrite(tagged, ['-GPSLatitude=10.5', '-GPSLatitudeRef=N'])
    const again = await runCli(
      ['upload', kept, '--board', 'Clips', '--title', '{name}', '--keep-photo-metadata'],
      env,
    )
    expect([again.code, again.stderr]).toEqual([0, ''])
    expect(fake.pins.find((p) => p.title === 'harbour')?.image_sha256).toBe(
      createHash('sha256').update(readFileSync(tagged)).digest('hex'),
    )
  })
  it('edit --cover-image sets a WebP picture (sent converted), refuses a video, and none goes back to a frame', async () => {
    const env = cliEnv(fake, join(root, 'cover-image'), token)
    const dir = join(root, 'clips-picture')
    mkdirSync(dir)
    writeVideo(dir, 'dive.mp4', { seconds: 6 })
    writeVideo(dir, 'reef.mp4', { seconds: 6 })
    const up = await runCli(['upload', dir, '--board', 'Clips', '--title', '{name}', '--draft'], env)
    expect([up.code, up.stderr]).toEqual([0, ''])
    const items = (
      JSON.parse((await runCli(['status', '--json'], env)).stdout) as {
        items: { itemId: number; path: string }[]
      }
    ).items
    const id = (name: string) => String(items.find((i) => i.path.endsWith(name))!.itemId)
    const webp = magick(root, 'cover.webp', [photo(root, 'cover-base.png', '400x300')])
    const video = await runCli(['edit', id('dive.mp4'), '--cover-image', join(dir, 'reef.mp4')], env)
    expect(video.code).not.toBe(0)
    expect(video.stdout + video.stderr).toMatch(/reef\.mp4 is a video; the cover must be an image/)
    const set = await runCli(['edit', id('dive.mp4'), '--cover-image', webp], env)
    expect([set.code, set.stderr]).toEqual([0, ''])
    // reef: a picture, then `none`, then a frame: the frame is what is sent.
    expect((await runCli(['edit', id('reef.mp4'), '--cover-image', webp], env)).code).toBe(0)
    expect((await runCli(['edit', id('reef.mp4'), '--cover-image', 'none'], env)).code).toBe(0)
    const pub = await runCli(['publish', '--all'], env)
    expect([pub.code, pub.stderr]).toEqual([0, ''])
    const dive = fake.pins.find((p) => p.title === 'dive')?.video_cover
    // The fake accepts only JPEG or PNG covers (the spec's cover_image_content_type): the WebP was converted.
    expect(dive).toMatchObject({ kind: 'base64' })
    expect(dive).not.toEqual({
      kind: 'base64',
      sha256: createHash('sha256').update(readFileSync(webp)).digest('hex'),
    })
    expect(fake.pins.find((p) => p.title === 'reef')?.video_cover).toEqual({ kind: 'key_frame', seconds: 0 })
  })

  it("import: a CSV row's HEIC cover is sent converted", async () => {
    const env = cliEnv(fake, join(root, 'csv-cover'), token)
    const dir = join(root, 'csv-cover-files')
    mkdirSync(dir)
    writeVideo(dir, 'kelp.mp4', { seconds: 6 })
    magick(dir, 'kelp.heic', [photo(root, 'kelp-base.png', '400x300')])
    const csv = join(dir, 'pins.csv')
    writeFileSync(csv, 'file,title,board,cover\nkelp.mp4,kelp,Clips,kelp.heic\n')
    const run = await runCli(['import', csv], env)
    expect([run.code, run.stderr]).toEqual([0, ''])
    expect(fake.pins.find((p) => p.title === 'kelp')?.video_cover).toMatchObject({ kind: 'base64' })
  })
})
