import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import type { ItemView } from '../../src/shared/domain'
import { addAsWindow } from '../support/add-paths-kit'
import { writeImage } from '../support/media-files'
import { startTestApp, type TestApp } from '../support/test-app'

// Issue 18, point 7: the selection bar retries and removes its items in one request each, through the same
// queue controls the command uses.
let fake: FakePinterest
let app: TestApp
let root: string

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'pinload-bulk-'))
  fake = await startFakePinterest({ rateLimits: false })
  app = await startTestApp({
    dataDir: join(root, 'data'),
    fake,
    env: { PINLOAD_ACCESS_TOKEN: fake.issueToken().accessToken },
  })
  await app.call('uploads:pause-all', {})
}, 60_000)

afterAll(async () => {
  await app?.shutdown()
  await fake?.close()
  rmSync(root, { recursive: true, force: true })
})

const items = async () => (await app.call<{ items: ItemView[] }>('uploads:list', {})).items

it('retries the chosen ids only, then removes the chosen ids in one request', async () => {
  const board = fake.addBoard({ name: 'Drafts', privacy: 'PROTECTED' })
  const dir = join(root, 'pics')
  mkdirSync(dir)
  for (const n of ['a', 'b', 'c']) writeImage(dir, `${n}.png`, 'png')
  expect(await addAsWindow(app.dispatch, [dir], { boardId: board.id })).toMatchObject({
    value: { queued: 3 },
  })
  const [a, b, c] = (await items()).map((v) => v.id) as [number, number, number]
  for (const itemId of [a, b, c]) await app.call('uploads:cancel', { itemId })
  expect((await items()).map((v) => v.state)).toEqual(['cancelled', 'cancelled', 'cancelled'])

  expect(await app.call('uploads:retry-ids', { ids: [a, c] })).toBe(2)
  expect((await items()).map((v) => [v.id, v.state])).toEqual([
    [a, 'queued'],
    [b, 'cancelled'],
    [c, 'queued'],
  ])

  expect(await app.call('uploads:remove-ids', { ids: [a, b] })).toEqual([])
  expect((await items()).map((v) => v.id)).toEqual([c])
  expect(await app.dispatch('uploads:retry-ids', { ids: [] })).toMatchObject({ ok: false })
})
