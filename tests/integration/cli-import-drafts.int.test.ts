import { linkSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import { makeMedia } from '../support/media-files'
import { cliEnv, runCli } from './cli-helpers'

// A CSV can be added as drafts, and hundreds of rows ask first, as `pinload upload` does (issue 13).
let fake: FakePinterest
let root: string
let token: string

beforeAll(async () => {
  fake = await startFakePinterest({ rateLimits: false })
  root = mkdtempSync(join(tmpdir(), 'pinload-cli-import-drafts-'))
  token = fake.issueToken().accessToken
  fake.addBoard({ name: 'Pantry', privacy: 'PROTECTED' })
})
afterAll(async () => {
  await fake.close()
  rmSync(root, { recursive: true, force: true })
})

const status = async (env: NodeJS.ProcessEnv) =>
  (JSON.parse((await runCli(['status', '--json'], env)).stdout) as { items: { state: string }[] }).items

it('import --draft adds drafts that publish only when asked', async () => {
  const env = cliEnv(fake, join(root, 'data-drafts'), token)
  const { images } = makeMedia(join(root, 'drafts'), { images: 2, videos: 0, prefix: 'jar' })
  const csv = join(root, 'drafts', 'pins.csv')
  writeFileSync(csv, ['file,title,board', ...images.map((p, i) => `${p},Jar ${i},Pantry`)].join('\n'))
  const r = await runCli(['import', csv, '--draft'], env)
  expect(r.stderr).toBe('')
  expect(r.code).toBe(0)
  const batch = /as drafts in batch (\d+): nothing is published until `pinload publish --batch \1`/.exec(
    r.stdout,
  )
  expect(batch).not.toBeNull()
  expect((await status(env)).map((i) => i.state)).toEqual(['draft', 'draft'])
  expect(fake.pins.filter((p) => p.title?.startsWith('Jar '))).toHaveLength(0)
  const pub = await runCli(['publish', '--batch', batch![1]!], env)
  expect(pub.code).toBe(0)
  expect(
    fake.pins
      .filter((p) => p.title?.startsWith('Jar '))
      .map((p) => p.title)
      .sort(),
  ).toEqual(['Jar 0', 'Jar 1'])
})

it('a CSV of more than 500 rows asks first: refused without a terminal, queued with --yes', async () => {
  const env = cliEnv(fake, join(root, 'data-many'), token)
  const dir = join(root, 'many')
  const { images } = makeMedia(dir, { images: 1, videos: 0, prefix: 'one' })
  mkdirSync(join(dir, 'links'))
  const rows = Array.from({ length: 501 }, (_, i) => {
    const p = join(dir, 'links', `p${i}.jpg`)
    linkSync(images[0]!, p) // each row its own file, the same bytes
    return `${p},Many ${i},Pantry`
  })
  const csv = join(dir, 'many.csv')
  writeFileSync(csv, ['file,title,board', ...rows].join('\n'))
  const refused = await runCli(['import', csv, '--draft'], env)
  expect(refused.code).toBe(2)
  expect(refused.stderr).toContain(
    'Nothing was queued: this would add 501 Pins as drafts at once (more than 500), which needs a yes',
  )
  expect(await status(env)).toEqual([])
  const yes = await runCli(['import', csv, '--draft', '--yes'], env)
  expect(yes.code).toBe(0)
  const items = await status(env)
  expect(items).toHaveLength(501)
  expect(new Set(items.map((i) => i.state))).toEqual(new Set(['draft']))
})
