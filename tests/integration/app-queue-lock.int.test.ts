import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { QueueLock } from '../../src/main/platform/queue-lock'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import { startTestApp, type TestApp } from '../support/test-app'
import { waitFor } from '../support/wait-for'
import { cliEnv, runCli } from './cli-helpers'
import { writeBigJpeg, writeImage } from '../support/media-files'

// Two schedulers on one database could both create the same Pin (they would pick the same item): only
// one process runs a data folder's queue at a time. The app waits for a running command, and a command
// refuses to run while the app holds the queue.
let fake: FakePinterest
let root: string
let app: TestApp | undefined

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'pinload-lock-'))
  fake = await startFakePinterest({ rateLimits: false })
})

afterAll(async () => {
  await app?.shutdown()
  await fake?.close()
  rmSync(root, { recursive: true, force: true })
})

describe('one queue runner per data folder', () => {
  it('the app queues but does not run while a command holds the queue, then takes over', async () => {
    const dataDir = join(root, 'data')
    mkdirSync(dataDir, { recursive: true })
    const other = new QueueLock(dataDir, 'cli')
    expect(other.tryAcquire()).toBeNull()
    app = await startTestApp({
      dataDir,
      fake,
      env: { PINLOAD_ACCESS_TOKEN: fake.issueToken().accessToken },
    })
    const board = fake.addBoard({ name: 'Lock' })
    const media = join(root, 'media')
    mkdirSync(media)
    writeImage(media, 'a.jpg', 'jpeg')
    expect(
      await app.dispatch('uploads:add-paths', { paths: [media], defaults: { boardId: board.id } }),
    ).toMatchObject({ ok: true, value: { queued: 1 } })
    await new Promise((r) => setTimeout(r, 800))
    expect(fake.pins).toHaveLength(0)

    other.release()
    await waitFor('the app to run the queue', () => fake.pins.length > 0, { timeoutMs: 10_000 })
    expect(fake.pins).toHaveLength(1)
  }, 30_000)

  it('a command refuses to run the queue while the app holds it', async () => {
    const dataDir = join(root, 'data')
    const run = await runCli(
      ['upload', join(root, 'media'), '--board', 'Lock'],
      cliEnv(fake, dataDir, fake.issueToken().accessToken),
    )
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/the Pinload app \(process \d+\) is already running the upload queue/)
  }, 60_000)

  it('a pause and a resume from a command reach the app that runs the queue', async () => {
    const dataDir = join(root, 'data')
    const env = cliEnv(fake, dataDir, fake.issueToken().accessToken)
    const totals = async () => {
      const r = await app!.dispatch('uploads:list', {})
      if (!r.ok) throw new Error(r.error.message)
      return (r.value as { totals: { paused: boolean; pausedReason?: string } }).totals
    }
    const paused = await runCli(['pause', '--reason', 'Paused from the terminal'], env)
    expect(paused.code).toBe(0)
    await waitFor('the pause to reach the app', async () => (await totals()).paused, { timeoutMs: 5000 })
    expect(await totals()).toMatchObject({ paused: true, pausedReason: 'Paused from the terminal' })
    const before = fake.pins.length
    const media = join(root, 'media-2')
    mkdirSync(media)
    writeBigJpeg(media, 'b.jpg', 4096) // not the bytes of a.jpg, which would be skipped as a duplicate
    const board = fake.boards.find((b) => b.name === 'Lock')!
    expect(
      await app!.dispatch('uploads:add-paths', { paths: [media], defaults: { boardId: board.id } }),
    ).toMatchObject({ ok: true, value: { queued: 1 } })
    await new Promise((r) => setTimeout(r, 1500))
    expect(fake.pins).toHaveLength(before)

    const resumed = await runCli(['resume'], env)
    expect(resumed.code).toBe(0)
    expect(resumed.stdout).toMatch(
      /^Resumed: the Pinload app \(process \d+\) is already running the upload queue of this data folder and carries on from here\./,
    )
    await waitFor('the resumed queue to publish', () => fake.pins.length > before, { timeoutMs: 10_000 })
    expect(fake.pins).toHaveLength(before + 1)
    expect((await totals()).paused).toBe(false)
  }, 60_000)
})
