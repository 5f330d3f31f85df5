import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import { makeMedia } from '../support/media-files'
import { cliEnv, runCli } from './cli-helpers'

// The log on a full device (issue 11: logging never breaks work): pinload still publishes every file.
let fake: FakePinterest
let root: string
beforeAll(async () => {
  fake = await startFakePinterest({ rateLimits: false })
  root = mkdtempSync(join(tmpdir(), 'pinload-fulllog-'))
})
afterAll(async () => {
  await fake.close()
  rmSync(root, { recursive: true, force: true })
})

it('pinload upload publishes everything while its log sits on /dev/full', async () => {
  fake.addBoard({ name: 'Travel' })
  const data = join(root, 'data')
  mkdirSync(join(data, 'logs'), { recursive: true })
  symlinkSync('/dev/full', join(data, 'logs', 'pinload.log'))
  const { images } = makeMedia(join(root, 'media'), { images: 4, videos: 0, prefix: 'coast' })
  const env = { ...cliEnv(fake, data, fake.issueToken().accessToken), PINLOAD_LOG_STDERR: '0' }
  const r = await runCli(['upload', '--yes', join(root, 'media'), '--board', 'Travel', '--json'], env)
  expect(r.code, r.stderr).toBe(0)
  const out = JSON.parse(r.stdout) as { results: { state: string }[] }
  expect(out.results.map((x) => x.state)).toEqual(images.map(() => 'published'))
  expect(fake.pins).toHaveLength(images.length)
}, 120_000)
