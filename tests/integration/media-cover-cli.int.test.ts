import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
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
})
