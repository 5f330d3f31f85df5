import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import { makeMedia } from '../support/media-files'
import { cliEnv, runCli } from './cli-helpers'

let fake: FakePinterest
let root: string
beforeAll(async () => {
  fake = await startFakePinterest({ rateLimits: false })
  root = mkdtempSync(join(tmpdir(), 'pinload-title-'))
})
afterAll(async () => {
  await fake.close()
  rmSync(root, { recursive: true, force: true })
})

it('pinload upload titles each Pin with its file name unless --title says otherwise ("" for none)', async () => {
  const board = fake.addBoard({ name: 'Travel' })
  const env = cliEnv(fake, join(root, 'data'), fake.issueToken().accessToken)
  const named = makeMedia(join(root, 'named'), { images: 2, videos: 0, prefix: 'beach' }).images
  const r = await runCli(['upload', '--yes', join(root, 'named'), '--board', 'Travel'], env)
  expect(r.code, r.stderr).toBe(0)
  const titles = fake.pins.filter((p) => p.board_id === board.id).map((p) => p.title)
  expect(titles.sort()).toEqual(named.map((f) => basename(f).replace(/\.[^.]+$/, '')).sort())

  makeMedia(join(root, 'untitled'), { images: 1, videos: 0, prefix: 'dune' })
  const none = await runCli(
    ['upload', '--yes', join(root, 'untitled'), '--board', 'Travel', '--title', ''],
    env,
  )
  expect(none.code, none.stderr).toBe(0)
  expect(fake.pins).toHaveLength(3)
  expect(fake.pins.filter((p) => !p.title)).toHaveLength(1)
}, 120_000)
