import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { QueueLock } from '../../src/main/platform/queue-lock'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import { startTestApp, type TestApp } from '../support/test-app'
import { waitFor } from '../support/wait-for'
import { cliEnv, runCli } from './cli-helpers'
import { addAsWindow } from '../support/add-paths-kit'
import { writeBigJpeg, writeImage } from '../support/media-files'

// Two schedulers on one database could both create the same Pin (they would pick the same item): only
// one process runs a data folder's queue at a time. The app waits for a running command, and a command
// refuses to run while the app holds the queue. Each test has its own data folder, app and board, so each
// runs alone as well as in order.
let fake: FakePinterest
let root: string
let app: TestApp | undefined

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'pinload-lock-'))
  fake = await startFakePinterest({ rateLimits: false })
})

afterEach(async () => {
  await app?.shutdown()
  app = undefined
})

afterAll(async () => {
  await fake?.close()
  rmSync(root, { recursive: true, force: true })
})

/** A fresh data folder, and a folder of media with one image, for one test. */
function folders(test: string): { dataDir: string; media: string } {
  const dataDir = join(root, test, 'data')
  const media = join(root, test, 'media')
  mkdirSync(dataDir, { recursive: true })
  mkdirSync(media, { recursive: true })
  writeImage(media, 'a.jpg', 'jpeg')
  return { dataDir, media }
}

/** How many lines of the app's log carry this message (the log is written synchronously). */
function logged(dataDir: string, msg: string): number {
  const file = join(dataDir, 'logs', 'pinload.log')
  if (!existsSync(file)) return 0
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.includes(`"msg":${JSON.stringify(msg)}`)).length
}

const creates = () => fake.requests.filter((r) => r.method === 'POST' && r.path === '/v5/pins').length

/** An app that runs its data folder's queue (nothing else holds it), and a board of its own. */
async function runningApp(test: string) {
  const { dataDir, media } = folders(test)
  app = await startTestApp({ dataDir, fake, env: { PINLOAD_ACCESS_TOKEN: fake.issueToken().accessToken } })
  return { dataDir, media, board: fake.addBoard({ name: `Lock ${test}` }) }
}

describe('one queue runner per data folder', () => {
  it('the app queues but does not run while a command holds the queue, then takes over', async () => {
    const { dataDir, media } = folders('held')
    const other = new QueueLock(dataDir, 'cli')
    expect(other.tryAcquire()).toBeNull()
    app = await startTestApp({
      dataDir,
      fake,
      env: { PINLOAD_ACCESS_TOKEN: fake.issueToken().accessToken },
    })
    const board = fake.addBoard({ name: 'Lock held' })
    const onBoard = () => fake.pins.filter((p) => p.board_id === board.id)
    const before = creates()
    expect(await addAsWindow(app.dispatch, [media], { boardId: board.id })).toMatchObject({
      ok: true,
      value: { queued: 1 },
    })
    // The app has looked at the lock again since the item was queued and still found it held: its queue has not
    // started, so nothing of it can have reached Pinterest (instead of watching the Pins for a while).
    const looks = logged(dataDir, 'queue held by another process')
    await waitFor(
      'the app to look at the held lock again',
      () => logged(dataDir, 'queue held by another process') > looks,
    )
    expect(creates()).toBe(before)
    expect(onBoard()).toHaveLength(0)

    other.release()
    await waitFor('the app to run the queue', () => onBoard().length > 0)
    expect(onBoard()).toHaveLength(1)
  }, 30_000)

  it('a command refuses to run the queue while the app holds it', async () => {
    const { dataDir, media, board } = await runningApp('refused')
    const run = await runCli(
      ['upload', '--yes', media, '--board', board.name],
      cliEnv(fake, dataDir, fake.issueToken().accessToken),
    )
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/the Pinload app \(process \d+\) is already running the upload queue/)
  }, 60_000)

  it('a pause and a resume from a command reach the app that runs the queue', async () => {
    const { dataDir, board } = await runningApp('pause')
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
    const creating = creates()
    const media = join(root, 'pause', 'media-2')
    mkdirSync(media)
    writeBigJpeg(media, 'b.jpg', 4096)
    expect(await addAsWindow(app!.dispatch, [media], { boardId: board.id })).toMatchObject({
      ok: true,
      value: { queued: 1 },
    })
    // Idle while paused: nothing runs and nothing may start, so the new item waits (the queue's own signal).
    await app!.app.services.queue.whenIdle()
    const listed = await app!.call<{ items: { name: string; state: string }[] }>('uploads:list', {})
    expect(listed.items.find((i) => i.name === 'b.jpg')?.state).toBe('queued')
    expect(creates()).toBe(creating)
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
