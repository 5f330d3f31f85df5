import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { openDatabaseFile } from '../../src/main/db/connection'
import { ItemRepository } from '../../src/main/db/item-repository'
import { PinOperationRepository } from '../../src/main/db/pin-operation-repository'
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
