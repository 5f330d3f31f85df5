import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { runCli } from '../../src/cli/program'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import { makeMedia } from '../support/media-files'

// pinload asks before a first post to a public board (or more than 500 files), as the window does: --yes answers,
// a terminal is asked, and without one nothing is queued (src/shared/confirm-rules.ts).
let fake: FakePinterest
let root: string
beforeAll(async () => {
  fake = await startFakePinterest({ rateLimits: false })
  root = mkdtempSync(join(tmpdir(), 'pinload-confirm-'))
  makeMedia(join(root, 'media'), { images: 2, videos: 0, prefix: 'lake' })
})
afterAll(async () => {
  await fake.close()
  rmSync(root, { recursive: true, force: true })
})

function session(name: string, ask?: (q: string) => Promise<boolean>) {
  const out = { stdout: '', stderr: '', questions: [] as string[] }
  const io = {
    stdout: (s: string) => void (out.stdout += s),
    stderr: (s: string) => void (out.stderr += s),
    ...(ask && {
      ask: (q: string) => {
        out.questions.push(q)
        return ask(q)
      },
    }),
  }
  const env = {
    PATH: process.env.PATH,
    PINLOAD_DATA_DIR: join(root, `data-${name}`),
    PINLOAD_API_BASE: fake.apiBase,
    PINLOAD_ACCESS_TOKEN: fake.issueToken().accessToken,
    PINLOAD_RATE_LIMITS: 'off',
  }
  return { out, run: (args: string[]) => runCli(args, io, env) }
}

it('without a terminal it refuses a first post to a public board and queues nothing; --yes goes ahead', async () => {
  fake.addBoard({ name: 'Lakes' })
  const s = session('no-tty')
  expect(await s.run(['upload', join(root, 'media'), '--board', 'Lakes'])).toBe(2)
  expect(s.out.stderr).toMatch(/Nothing was queued.*--yes/s)
  expect(fake.pins).toHaveLength(0)

  expect(await s.run(['upload', join(root, 'media'), '--board', 'Lakes', '--yes'])).toBe(0)
  expect(fake.pins).toHaveLength(2)
})

it('on a terminal it asks once, naming the board, and a no queues nothing', async () => {
  fake.addBoard({ name: 'Rivers' })
  const no = session('says-no', () => Promise.resolve(false))
  expect(await no.run(['upload', join(root, 'media'), '--board', 'Rivers'])).toBe(1)
  expect(no.out.questions).toEqual([expect.stringContaining('Rivers')])
  expect(
    fake.pins.filter((p) => p.board_id === fake.boards.find((b) => b.name === 'Rivers')!.id),
  ).toHaveLength(0)

  const yes = session('says-yes', () => Promise.resolve(true))
  expect(await yes.run(['upload', join(root, 'media'), '--board', 'Rivers'])).toBe(0)
  expect(yes.out.questions).toHaveLength(1)
  expect(
    fake.pins.filter((p) => p.board_id === fake.boards.find((b) => b.name === 'Rivers')!.id),
  ).toHaveLength(2)
})
