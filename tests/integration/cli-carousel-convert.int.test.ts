import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { FakePinterest } from '../../src/main/fake-pinterest/index'
import { magick, photo } from '../support/image-files'
import { cliEnv, runCli } from './cli-helpers'
import { requestsTo, startFake } from './pinterest-test-kit'
import { stripPngMetadata } from '../../src/main/media/png-chunks'

/**
 * Issue 13: a carousel's WebP, HEIC or BMP images are converted like a single image's (prepare-image.ts) rather
 * than refused; the same-size rule holds on what is sent, and the prepared copies are gone after the publish.
 */
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')
/** What a PNG is sent as: its own bytes less its text and time chunks (src/main/media/png-chunks.ts). */
const sentPngSha = (path: string) => {
  const s = stripPngMetadata(readFileSync(path))
  return s.kind === 'stripped' ? createHash('sha256').update(s.bytes).digest('hex') : sha(path)
}

let fake: FakePinterest
let root: string
let env: NodeJS.ProcessEnv
beforeAll(async () => {
  fake = await startFake({ rateLimits: false })
  root = mkdtempSync(join(tmpdir(), 'pinload-carousel-convert-'))
  fake.addBoard({ name: 'Looks' })
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

it('publishes a .carousel folder of WebP, PNG and HEIC images as one carousel Pin of JPEG/PNG images', async () => {
  const look = folder('batch', 'look.carousel')
  const base = photo(folder('src'), 'base.png', '100x150')
  const webp = magick(look, '1.webp', [base])
  const png = magick(look, '2.png', [base, '-negate', '-depth', '8'], 'png24')
  const heic = magick(look, '3.heic', [base, '-flip'])

  const r = await runCli(['upload', '--yes', join(root, 'batch'), '--board', 'Looks'], env)
  const out = r.stdout + r.stderr
  expect(r.code, out).toBe(0)
  expect(fake.pins, out).toHaveLength(1)
  const pin = fake.pins[0]!
  expect(pin).toMatchObject({ media_source_type: 'multiple_image_base64', title: 'look' })
  // The fake decodes each item by its first bytes and refuses any that is not the JPEG or PNG it is declared as.
  expect(pin.carousel_items?.map((i) => i.content_type)).toEqual(['image/jpeg', 'image/png', 'image/jpeg'])
  // An 8-bit PNG goes with its pixel data as it is (its text and time chunks dropped); the WebP and the HEIC
  // as converted copies.
  expect(pin.carousel_items?.[1]?.sha256).toBe(sentPngSha(png))
  expect(sentPngSha(png)).not.toBe(sha(png)) // ImageMagick wrote dates in tEXt chunks: they do not leave
  expect(pin.carousel_items?.[0]?.sha256).not.toBe(sha(webp))
  expect(pin.carousel_items?.[2]?.sha256).not.toBe(sha(heic))
  // One create, streamed with an exact length; the converted copies are removed once it settled.
  expect(requestsTo(fake, 'POST', '/v5/pins').map((c) => [c.status, c.chunked])).toEqual([[201, false]])
  expect(readdirSync(join(root, 'data', 'prepared'))).toEqual([])
}, 120_000)

it('refuses a carousel whose converted image is of another size, naming it, and sends nothing', async () => {
  const before = fake.pins.length
  const odd = folder('odd', 'odd.carousel')
  magick(odd, 'a.webp', ['-size', '100x150', 'xc:red'])
  // sharp cannot read a BMP's header: its size is known only once it is converted for sending.
  magick(odd, 'b.bmp', ['-size', '120x150', 'xc:blue'], 'bmp3')

  const r = await runCli(['upload', '--yes', join(root, 'odd'), '--board', 'Looks'], env)
  const out = r.stdout + r.stderr
  expect(r.code, out).toBe(1)
  expect(out).toMatch(
    /odd\.carousel: b\.bmp is 120×150 once prepared for sending but a\.webp is 100×150; carousel images must all be the same size/,
  )
  expect(fake.pins).toHaveLength(before)
  expect(readdirSync(join(root, 'data', 'prepared'))).toEqual([])
}, 120_000)
