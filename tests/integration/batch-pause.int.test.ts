import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import { openDatabase, openDatabaseFile } from '../../src/main/db/connection'
import { UploadQueue } from '../../src/main/pipeline/upload-queue'
import { QueueControls } from '../../src/main/services/queue-controls'
import { AppError } from '../../src/shared/ipc/result'
import { makeMedia } from '../support/media-files'
import { draftFor, realHarness } from './pipeline-helpers'

let fake: FakePinterest
let root: string
let media: { images: string[]; videos: string[] }

beforeAll(async () => {
  fake = await startFakePinterest({ rateLimits: false, mediaProcessingMs: 100 })
  root = mkdtempSync(join(tmpdir(), 'pinload-batch-pause-'))
  media = makeMedia(join(root, 'm'), { images: 5, videos: 0 })
})
afterAll(async () => {
  await fake.close()
  rmSync(root, { recursive: true, force: true })
})

describe('pausing one batch (issue 18, point 4)', () => {
  it('holds a paused batch while another publishes, keeps it paused across a restart, and sends it after resume', async () => {
    const board = fake.addBoard({ name: 'Batch pause' })
    const h = realHarness(fake, { settings: { concurrency: 2 } })
    const onBoard = () => fake.pins.filter((p) => p.board_id === board.id).map((p) => p.title)
    const [a1, a2, b1, b2, b3] = media.images as [string, string, string, string, string]
    const controls = new QueueControls(h.queue)
    // The paused batch comes first in queue order: without the pause its items would go first.
    const a = h.queue.enqueue([draftFor(a1, board.id, 'a1'), draftFor(a2, board.id, 'a2')], {
      kind: 'cli',
      label: 'held',
    })
    const b = h.queue.enqueue(
      [draftFor(b1, board.id, 'b1'), draftFor(b2, board.id, 'b2'), draftFor(b3, board.id, 'b3')],
      { kind: 'cli', label: 'goes' },
    )
    expect(controls.pauseBatch(a.batchId)).toMatchObject({ pausedBatches: [a.batchId], paused: false })
    expect(() => controls.pauseBatch(9999)).toThrow(AppError)
    h.queue.start()
    await h.queue.whenIdle()
    const byBatch = (q: UploadQueue, batchId: number) =>
      q
        .list()
        .items.filter((i) => i.batchId === batchId)
        .map((i) => i.state)
    expect(byBatch(h.queue, b.batchId)).toEqual(['published', 'published', 'published'])
    expect(byBatch(h.queue, a.batchId)).toEqual(['queued', 'queued'])
    expect(onBoard().sort()).toEqual(['b1', 'b2', 'b3'])

    // A restart: the same data folder opened by a new queue still holds the batch.
    await h.queue.shutdown()
    h.db.close()
    const db = openDatabase({ dataDir: join(h.dir, 'data') })
    const again = new UploadQueue({
      db,
      apiFor: () => h.client,
      settings: () => h.settings,
      retryBaseMs: 10,
      pollMs: { first: 50, max: 200 },
      createGraceMs: 200,
    })
    try {
      again.start()
      await again.whenIdle()
      expect(again.list().totals.pausedBatches).toEqual([a.batchId])
      expect(byBatch(again, a.batchId)).toEqual(['queued', 'queued'])
      expect(onBoard()).toHaveLength(3)

      // `pinload resume --batch` from another process: the running queue picks it up and sends the batch.
      await db.committed()
      const cliDb = openDatabaseFile(db.file)
      const cli = new QueueControls(
        new UploadQueue({ db: cliDb, apiFor: () => null, settings: () => h.settings }),
      )
      expect(cli.resumeBatch(a.batchId).pausedBatches).toBeUndefined()
      cliDb.close()
      // The window hears of it at once, though no item changed yet.
      const heard: (number[] | undefined)[] = []
      again.onProgress((e) => heard.push(e.totals.pausedBatches))
      again.pickUpOutsideChanges()
      expect(heard[0]).toBeUndefined()
      expect(heard.length).toBeGreaterThan(0)
      await again.whenIdle()
      expect(byBatch(again, a.batchId)).toEqual(['published', 'published'])
      expect(onBoard().sort()).toEqual(['a1', 'a2', 'b1', 'b2', 'b3'])
      expect(again.list().totals.pausedBatches).toBeUndefined()
    } finally {
      await again.shutdown()
      await h.client.close()
      db.close()
      rmSync(h.dir, { recursive: true, force: true })
    }
  })
})
