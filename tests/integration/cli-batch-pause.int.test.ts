import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import { makeMedia } from '../support/media-files'
import { cliEnv, runCli } from './cli-helpers'

interface Json {
  results: { batchId?: number; state: string }[]
  totals: { paused: boolean; pausedBatches?: number[] }
}

let fake: FakePinterest
let root: string

beforeAll(async () => {
  fake = await startFakePinterest({ rateLimits: false, mediaProcessingMs: 100 })
  fake.addBoard({ name: 'Trips' })
  root = mkdtempSync(join(tmpdir(), 'pinload-cli-batch-pause-'))
})
afterAll(async () => {
  await fake.close()
  rmSync(root, { recursive: true, force: true })
})

const parse = (s: string) => JSON.parse(s) as Json

it(
  'pause --batch holds one batch while resume runs the others; resume --batch sends it',
  { timeout: 120_000 },
  async () => {
    const env = cliEnv(fake, join(root, 'data'), fake.issueToken().accessToken)
    makeMedia(join(root, 'first'), { images: 2, videos: 0, prefix: 'first' })
    makeMedia(join(root, 'second'), { images: 2, videos: 0, prefix: 'second' })
    expect((await runCli(['pause'], env)).code).toBe(0)
    const upload = async (dir: string) =>
      parse(
        (
          await runCli(
            ['upload', '--yes', join(root, dir), '--board', 'Trips', '--title', '{name}', '--json'],
            env,
          )
        ).stdout,
      )
    const first = (await upload('first')).results[0]!.batchId!
    await upload('second')

    const paused = await runCli(['pause', '--batch', String(first)], env)
    expect(paused.stdout).toMatch(new RegExp(`Paused batch ${first}`))
    const refused = await runCli(['pause', '--batch', '999'], env)
    expect(refused.code).not.toBe(0)
    expect(refused.stderr).toMatch(/There is no batch 999/)

    expect((await runCli(['status'], env)).stdout).toContain(
      `Batch ${first} is paused. Run \`pinload resume --batch ${first}\` to send it.`,
    )
    const run = parse((await runCli(['resume', '--json'], env)).stdout)
    expect(run.totals.pausedBatches).toEqual([first])
    const titles = () =>
      fake.pins
        .map((p) => p.title ?? '')
        .filter((t) => /^(first|second)/.test(t))
        .sort()
    expect(titles().every((t) => t.startsWith('second'))).toBe(true)
    expect(titles()).toHaveLength(2)

    const resumed = parse((await runCli(['resume', '--batch', String(first), '--json'], env)).stdout)
    expect(resumed.results.map((r) => r.state)).toEqual(['published', 'published'])
    expect(resumed.totals.pausedBatches).toBeUndefined()
    expect(titles()).toHaveLength(4)
  },
)
