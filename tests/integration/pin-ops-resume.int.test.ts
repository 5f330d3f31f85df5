import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { openDatabaseFile } from '../../src/main/db/connection'
import { ItemRepository } from '../../src/main/db/item-repository'
import { PinOperationRepository } from '../../src/main/db/pin-operation-repository'
import { QueueLock } from '../../src/main/platform/queue-lock'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import { addAsWindow } from '../support/add-paths-kit'
import { makeMedia } from '../support/media-files'
import { startTestApp } from '../support/test-app'
import { waitFor } from '../support/wait-for'

/** Removals a killed run left queued (one of them mid-request) are sent when the app next starts (issue 15). */

let fake: FakePinterest
let root: string
beforeAll(async () => {
  fake = await startFakePinterest({ rateLimits: false })
  root = mkdtempSync(join(tmpdir(), 'pinload-ops-resume-'))
})
afterAll(async () => {
  await fake.close()
  rmSync(root, { recursive: true, force: true })
})

it('the app sends the Pin removals a killed run left, once its queue is its own', async () => {
  const dataDir = join(root, 'data')
  const env = { PINLOAD_ACCESS_TOKEN: fake.issueToken().accessToken }
  const board = fake.addBoard({ name: 'Drafts', privacy: 'PROTECTED' })
  const first = await startTestApp({ dataDir, fake, env })
  makeMedia(join(root, 'photos'), { images: 2, videos: 0, prefix: 'left' })
  expect((await addAsWindow(first.dispatch, [join(root, 'photos')], { boardId: board.id })).ok).toBe(true)
  await waitFor('both published', () => expect(fake.pins).toHaveLength(2))
  await waitFor('both read back', () =>
    expect(fake.requests.filter((q) => q.method === 'GET' && /^\/v5\/pins\/\d+$/.test(q.path))).toHaveLength(
      2,
    ),
  )
  await first.shutdown()

  // What a run killed after queueing the removals leaves: one still pending, one marked as being sent.
  const db = openDatabaseFile(join(dataDir, 'pinload.db'))
  const ops = new PinOperationRepository(db)
  const items = new ItemRepository(db).all()
  const ids = db.transaction(() =>
    ops.add(items.map((r) => ({ itemId: r.id, kind: 'delete' as const, pinId: r.pin_id! }))),
  )
  db.transaction(() => ops.mark(ids[0]!, 'sending'))
  db.close()

  const second = await startTestApp({ dataDir, fake, env })
  try {
    await waitFor('the removals sent', () => expect(fake.pins).toEqual([]))
    await waitFor('both rows say so', async () => {
      const list = (await second.call<{ items: { error?: { message: string } }[] }>('uploads:list', {})).items
      expect(list.map((v) => v.error?.message)).toEqual(Array(2).fill(expect.stringMatching(/^Unpublished/)))
    })
  } finally {
    await second.shutdown()
  }
  const after = openDatabaseFile(join(dataDir, 'pinload.db'))
  try {
    expect(new PinOperationRepository(after).byIds(ids).map((o) => o.state)).toEqual(['done', 'done'])
  } finally {
    after.close()
  }
}, 120_000)

it("the window's removal waits while a command runs the queue, says so, and goes once the app runs it", async () => {
  const dataDir = join(root, 'data-locked')
  const env = { PINLOAD_ACCESS_TOKEN: fake.issueToken().accessToken }
  const board = fake.addBoard({ name: 'Locked', privacy: 'PROTECTED' })
  const first = await startTestApp({ dataDir, fake, env })
  makeMedia(join(root, 'photos-locked'), { images: 1, videos: 0, prefix: 'locked' })
  expect((await addAsWindow(first.dispatch, [join(root, 'photos-locked')], { boardId: board.id })).ok).toBe(
    true,
  )
  await waitFor('published', () => expect(fake.pins.filter((p) => p.board_id === board.id)).toHaveLength(1))
  await first.shutdown()

  // A `pinload` command holds the data folder's queue (its lock, taken here as the command takes it).
  const command = new QueueLock(dataDir, 'cli')
  expect(command.tryAcquire()).toBeNull()
  const app = await startTestApp({ dataDir, fake, env })
  const seen = fake.requests.length
  try {
    const { items } = await app.call<{ items: { id: number }[] }>('uploads:list', {})
    const report = await app.call<{ done: number; waiting: number; waitingWhy?: string }>(
      'results:unpublish',
      {
        ids: items.map((i) => i.id),
        confirmCount: 1,
      },
    )
    expect(report).toEqual({
      done: 0,
      waiting: 1,
      failed: [],
      waitingWhy: 'another Pinload process runs this queue now and sends them',
    })
    expect(fake.pins.filter((p) => p.board_id === board.id)).toHaveLength(1)
    expect(fake.requests.slice(seen).filter((q) => q.method === 'DELETE')).toHaveLength(0)
    // The command ends: the app takes the queue over and sends what waited.
    command.release()
    await waitFor(
      'the removal sent',
      () => expect(fake.pins.filter((p) => p.board_id === board.id)).toEqual([]),
      { timeoutMs: 20_000 },
    )
  } finally {
    await app.shutdown()
  }
}, 120_000)
