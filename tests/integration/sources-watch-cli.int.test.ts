import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Command } from 'commander'
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest'
import { createCliContext, type CliContext } from '../../src/cli/cli-context'
import { registerSourceCommands } from '../../src/cli/commands/source-commands'
import { SettingsStore } from '../../src/main/db/settings-store'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import { bytes } from '../support/media-bytes'
import { makeMedia } from '../support/media-files'
import { cliEnv } from './cli-helpers'
import { waitFor } from '../support/wait-for'

// `pinload watch` says what it skipped file by file, once per file and message, while good files publish.
let fake: FakePinterest
let dir: string
let out: string[]
let err: string[]
let ctx: CliContext

beforeAll(async () => {
  fake = await startFakePinterest({ rateLimits: false, mediaProcessingMs: 50 })
})
afterAll(async () => {
  await fake.close()
})
beforeEach(() => {
  fake.reset()
  fake.addBoard({ name: 'Travel' })
  dir = mkdtempSync(join(tmpdir(), 'pinload-watch-cli-'))
  out = []
  err = []
  const env = { ...cliEnv(fake, join(dir, 'data'), fake.issueToken().accessToken), HOME: dir }
  ctx = createCliContext({ env, io: { stdout: (t) => out.push(t), stderr: (t) => err.push(t) } })
})
afterEach(async () => {
  await ctx.close()
  rmSync(dir, { recursive: true, force: true })
})

const skipped = () =>
  err
    .join('')
    .split('\n')
    .filter((l) => l.startsWith('skipped '))
const webm =
  'skipped Travel/holiday.webm: holiday.webm is a WebM/Matroska video; Pinterest only takes MP4, MOV or M4V videos'
const notes = (what: string) => `skipped Travel/notes.jpg: notes.jpg is not an image or video (${what})`

it('watch prints each skipped file once, again only when its message changes, and publishes the good files', async () => {
  new SettingsStore(ctx.db(), join(dir, 'data')).set({ stableMs: 300 })
  const folder = join(dir, 'inbox')
  mkdirSync(join(folder, 'Travel'), { recursive: true })
  const ac = new AbortController()
  const program = new Command().exitOverride()
  registerSourceCommands(program, ctx, { stopSignal: ac.signal })
  const running = program.parseAsync(['watch', folder, '--subfolder-boards'], { from: 'user' })
  await waitFor('the watch to start', () =>
    expect(out.join('')).toMatch(/Watching .*inbox \(subfolder = board\)/),
  )
  const { images } = makeMedia(join(dir, 'staging'), { images: 2, videos: 0 })

  writeFileSync(join(folder, 'Travel/holiday.webm'), bytes.webm())
  await waitFor('the skipped files', () => expect(skipped()).toEqual([webm]))
  writeFileSync(join(folder, 'Travel/notes.jpg'), bytes.text('meeting notes'))
  await waitFor('the skipped files', () => expect(skipped()).toEqual([webm, notes('it is a text file')]))
  // Each publish changes the view (last file): the problems already said are not said again.
  writeFileSync(join(folder, 'Travel/photo.jpg'), readFileSync(images[0]!))
  await waitFor('the Pins', () => expect(fake.pins).toHaveLength(1))
  // The same file with another message is news.
  writeFileSync(join(folder, 'Travel/notes.jpg'), Buffer.from('%PDF-1.7 saved over the notes'))
  await waitFor('the skipped files', () => expect(skipped()).toHaveLength(3))
  writeFileSync(join(folder, 'Travel/second.jpg'), readFileSync(images[1]!))
  await waitFor('the Pins', () => expect(fake.pins).toHaveLength(2))
  ac.abort()
  await running

  expect(skipped()).toEqual([webm, notes('it is a text file'), notes('it is a PDF document')])
  expect(err.join('')).not.toMatch(/need attention/)
  expect(out.join('')).toMatch(/queued {2}.*photo\.jpg/)
})
