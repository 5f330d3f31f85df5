import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Command } from 'commander'
import { afterAll, afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest'
import { createCliContext, type CliContext } from '../../src/cli/cli-context'
import { registerSourceCommands } from '../../src/cli/commands/source-commands'
import { SettingsStore } from '../../src/main/db/settings-store'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import { makeMedia } from '../support/media-files'
import { cliEnv } from './cli-helpers'

let fake: FakePinterest
let dir: string
let out: string[]
let err: string[]
let ctx: CliContext
let travel: string

beforeAll(async () => {
  fake = await startFakePinterest({ rateLimits: false, mediaProcessingMs: 50 })
})
afterAll(async () => {
  await fake.close()
})
beforeEach(() => {
  fake.reset()
  travel = fake.addBoard({ name: 'Travel' }).id
  dir = mkdtempSync(join(tmpdir(), 'pinload-src-cli-'))
  out = []
  err = []
  const env = { ...cliEnv(fake, join(dir, 'data'), fake.issueToken().accessToken), HOME: dir }
  ctx = createCliContext({ env, io: { stdout: (t) => out.push(t), stderr: (t) => err.push(t) } })
})
afterEach(async () => {
  await ctx.close()
  rmSync(dir, { recursive: true, force: true })
})

async function run(args: string[], stopSignal?: AbortSignal): Promise<number> {
  let code = 0
  const program = new Command().exitOverride()
  registerSourceCommands(program, ctx, { setExit: (c) => (code = c), ...(stopSignal && { stopSignal }) })
  await program.parseAsync(args, { from: 'user' })
  return code
}

it('import --dry-run --json checks every row and publishes nothing', async () => {
  const { images } = makeMedia(join(dir, 'media'), { images: 1, videos: 0 })
  const csv = join(dir, 'pins.csv')
  writeFileSync(
    csv,
    `file,title,board\n${images[0]},One,Travel\nmissing.jpg,Two,Travel\nhttps://img.example.com/a.jpg,Three,Nowhere\n`,
  )
  const code = await run(['import', csv, '--dry-run', '--json'])
  expect(code).toBe(1)
  const doc = JSON.parse(out.join('')) as {
    ok: boolean
    preview: { validCount: number; rows: { line: number; errors: string[] }[] }
  }
  expect(doc.ok).toBe(false)
  expect(doc.preview.validCount).toBe(1)
  expect(doc.preview.rows.map((r) => [r.line, r.errors])).toEqual([
    [2, []],
    [3, [expect.stringMatching(/'missing\.jpg' was not found/) as unknown]],
    [4, ["No board named 'Nowhere' (boards: Travel)"]],
  ])
  expect(fake.pins).toHaveLength(0)
})

it('import --create-boards creates the board once and publishes the valid rows', async () => {
  const { images } = makeMedia(join(dir, 'media'), { images: 2, videos: 0 })
  const csv = join(dir, 'pins.csv')
  writeFileSync(
    csv,
    `file,title,board\nmedia/${images[0]!.split('/').pop()},First,Holiday 2031\nmedia/${images[1]!.split('/').pop()},Second,holiday 2031\n`,
  )
  const code = await run(['import', csv, '--create-boards'])
  expect(err.join('')).toBe('')
  expect(code).toBe(0)
  const board = fake.boards.find((b) => b.name === 'Holiday 2031')!
  expect(fake.boards.filter((b) => b.name.toLowerCase() === 'holiday 2031')).toHaveLength(1)
  expect(fake.pins.map((p) => [p.title, p.board_id]).sort()).toEqual([
    ['First', board.id],
    ['Second', board.id],
  ])
  expect(out.join('')).toMatch(/Queued 2 item\(s\)/)
})

it('watch publishes a new file, moves it to done/, and stops on the signal', async () => {
  new SettingsStore(ctx.db(), join(dir, 'data')).set({ stableMs: 300 })
  const folder = join(dir, 'inbox')
  mkdirSync(folder)
  const ac = new AbortController()
  const running = run(['watch', folder, '--board', 'travel', '--move-done'], ac.signal)
  await vi.waitFor(() => expect(out.join('')).toMatch(/Watching .*inbox → board/), {
    timeout: 10_000,
    interval: 20,
  })
  const { images } = makeMedia(join(dir, 'staging'), { images: 1, videos: 0 })
  const target = join(folder, 'photo.jpg')
  writeFileSync(target, readFileSync(images[0]!))
  await vi.waitFor(() => expect(existsSync(join(folder, 'done/photo.jpg'))).toBe(true), {
    timeout: 20_000,
    interval: 50,
  })
  ac.abort()
  expect(await running).toBe(0)
  expect(fake.pins).toHaveLength(1)
  expect(fake.pins[0]!.board_id).toBe(travel)
  expect(out.join('')).toMatch(/queued {2}.*photo\.jpg/)
})
