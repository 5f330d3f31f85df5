import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FakeBoard, FakePinterest } from '../../src/main/fake-pinterest/index'
import { writeImage } from '../support/media-files'
import { cliEnv, runCli } from './cli-helpers'
import { requestsTo, startFake } from './pinterest-test-kit'

/**
 * Issue 13 through the real `pinload upload` against the fake, which checks every body against the OpenAPI
 * description (when ../shared holds it): a `.carousel` folder as one carousel Pin, ad-only Pins, UTM links and
 * templates, and the bad input that is refused before anything is queued while the rest of the batch goes on.
 */
const HAVE_SPEC = existsSync(resolve(import.meta.dirname, '../../../shared/pinterest-openapi-v5.json'))
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')
const UTM = 'utm_source=pinterest&utm_medium=social&utm_campaign=spring'

let fake: FakePinterest
let root: string
let board: FakeBoard
let env: NodeJS.ProcessEnv
beforeAll(async () => {
  fake = await startFake({ rateLimits: false })
  root = mkdtempSync(join(tmpdir(), 'pinload-carousel-'))
  board = fake.addBoard({ name: 'Travel' })
  env = cliEnv(fake, join(root, 'data'), fake.issueToken().accessToken)
})
afterAll(async () => {
  await fake.close()
  rmSync(root, { recursive: true, force: true })
})

const folder = (...parts: string[]) => {
  const dir = join(root, ...parts)
  mkdirSync(dir, { recursive: true })
  return dir
}

describe('pinload upload, issue 13', () => {
  it('makes one carousel Pin of a .carousel folder, with templates and UTM links, and refuses bad carousels alone', async () => {
    const trip = folder('batch', 'trip.carousel')
    const images = [
      writeImage(trip, '1.jpg', 'jpeg', { color: 'red' }),
      writeImage(trip, '2.png', 'png', { color: 'green', bare: true }),
      writeImage(trip, '3.jpg', 'jpeg', { color: 'blue' }),
    ]
    writeFileSync(
      join(trip, '1.jpg.json'),
      JSON.stringify({ title: 'first', link: 'https://shop.test/1?x=1' }),
    )
    const single = writeImage(folder('batch'), 'single.jpg', 'jpeg', { color: 'white' })
    writeImage(folder('batch', 'small.carousel'), 'only.jpg', 'jpeg', { color: 'gray' })
    const mixed = folder('batch', 'mixed.carousel')
    writeImage(mixed, 'a.jpg', 'jpeg', { color: 'navy' })
    writeImage(mixed, 'b.jpg', 'jpeg', { color: 'teal', size: '200x300' })
    const six = folder('batch', 'six.carousel')
    for (const c of ['red', 'green', 'blue', 'gray', 'navy', 'teal'])
      writeImage(six, `${c}.jpg`, 'jpeg', { color: c })

    const r = await runCli(
      [
        'upload',
        '--yes',
        join(root, 'batch'),
        '--board',
        'Travel',
        '--description',
        '{name} from {folder} on {board}',
        '--link',
        'https://shop.test/p?id=7#top',
        '--utm',
        'spring',
      ],
      env,
    )
    expect(r.code, r.stderr + r.stdout).toBe(1)
    const out = r.stdout + r.stderr
    expect(out).toMatch(/small\.carousel holds 1 image; a carousel Pin takes 2 to 5/)
    expect(out).toMatch(/six\.carousel holds 6 images; a carousel Pin takes 2 to 5/)
    expect(out).toMatch(/mixed\.carousel: b\.jpg is 200×300 but a\.jpg is 100×150/)

    expect(fake.pins, out).toHaveLength(2)
    const carousel = fake.pins.find((p) => p.media_source_type === 'multiple_image_base64')!
    expect(carousel).toMatchObject({
      board_id: board.id,
      title: 'trip',
      description: 'trip from batch on Travel',
      link: `https://shop.test/p?id=7&${UTM}&utm_content=trip.carousel#top`,
    })
    expect(carousel.carousel_items).toEqual([
      {
        sha256: sha(images[0]!),
        content_type: 'image/jpeg',
        title: 'first',
        link: `https://shop.test/1?x=1&${UTM}&utm_content=1.jpg`,
      },
      { sha256: sha(images[1]!), content_type: 'image/png' },
      { sha256: sha(images[2]!), content_type: 'image/jpeg' },
    ])
    const photo = fake.pins.find((p) => p.media_source_type === 'image_base64')!
    expect(photo).toMatchObject({
      image_sha256: sha(single),
      title: 'single',
      link: `https://shop.test/p?id=7&${UTM}&utm_content=single.jpg#top`,
    })
    // One create per Pin, each sent with an exact Content-Length, each body valid against the OpenAPI file.
    const creates = requestsTo(fake, 'POST', '/v5/pins')
    expect(creates.map((c) => [c.status, c.chunked])).toEqual([
      [201, false],
      [201, false],
    ])
    expect(fake.specViolations).toEqual([])
    if (!HAVE_SPEC)
      console.warn('../shared/pinterest-openapi-v5.json is absent: bodies were not checked against it')
  }, 120_000)

  it('sends ad-only Pins with is_removable and no board, the ad account in the query', async () => {
    const before = requestsTo(fake, 'POST', '/v5/pins').length
    const a = writeImage(folder('ads'), 'tree.jpg', 'jpeg', { color: 'olive' })
    const b = writeImage(folder('ads2'), 'bush.jpg', 'jpeg', { color: 'maroon' })
    const one = await runCli(['upload', '--yes', a, '--ad-only'], env)
    expect(one.code, one.stderr).toBe(0)
    const two = await runCli(['upload', '--yes', b, '--ad-account', '549755885175', '--title', 'Bush'], env)
    expect(two.code, two.stderr).toBe(0)
    const adBoard = fake.boards.find((x) => x.is_ads_only)
    expect(fake.pins.filter((p) => p.is_removable)).toEqual([
      expect.objectContaining({ title: 'tree', ad_account_id: null, board_id: adBoard?.id }),
      expect.objectContaining({ title: 'Bush', ad_account_id: '549755885175', board_id: adBoard?.id }),
    ])
    expect(
      requestsTo(fake, 'POST', '/v5/pins')
        .slice(before)
        .map((c) => c.query),
    ).toEqual([{}, { ad_account_id: '549755885175' }])
  }, 120_000)

  it('refuses --ad-only with --board, an unknown placeholder, {board} with several boards and a template past a limit before queueing', async () => {
    const pins = fake.pins.length
    const dir = folder('bad')
    writeImage(dir, 'a.jpg', 'jpeg', { color: 'orange' })
    writeImage(dir, `${'n'.repeat(60)}.jpg`, 'jpeg', { color: 'purple' })
    const both = await runCli(['upload', '--yes', dir, '--ad-only', '--board', 'Travel'], env)
    expect(both.code).toBe(2)
    expect(both.stderr).toMatch(/--ad-only makes ad-only Pins, which are on no board: leave out --board/)
    const unknown = await runCli(
      ['upload', '--yes', dir, '--board', 'Travel', '--link', 'https://e.test/{slug}'],
      env,
    )
    expect(unknown.code).not.toBe(0)
    expect(unknown.stdout + unknown.stderr).toMatch(/Link template has unknown placeholder \{slug\}/)
    fake.addBoard({ name: 'Food' })
    const several = await runCli(
      ['upload', '--yes', dir, '--board', 'Travel', '--board', 'Food', '--description', 'On {board}'],
      env,
    )
    expect(several.code).toBe(2)
    expect(several.stderr).toMatch(/\{board\} in a template names one board, and this add posts to several/)
    expect(fake.pins).toHaveLength(pins)
    const long = await runCli(['upload', '--yes', dir, '--board', 'Travel', '--title', '{name} {name}'], env)
    expect(long.code).toBe(1)
    expect(long.stdout + long.stderr).toMatch(/Title is 121 characters; Pinterest allows at most 100/)
    expect(fake.pins.slice(pins).map((p) => p.title)).toEqual(['a a'])
  }, 120_000)
})
