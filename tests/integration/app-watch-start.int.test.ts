import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import type { WatchView } from '../../src/shared/domain'
import { watchAsWindow } from '../support/add-paths-kit'
import { writeImage } from '../support/media-files'
import { startTestApp, type TestApp } from '../support/test-app'
import { waitFor } from '../support/wait-for'

// Issue 11, finding 6: "start watches after the window shows". The composition root opens no watched folder
// (no listing, nothing queued) until the shell calls startWatches on ready-to-show.
let fake: FakePinterest
let root: string
let app: TestApp | undefined

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'pinload-watch-start-'))
  fake = await startFakePinterest({ rateLimits: false })
})
afterAll(async () => {
  await app?.shutdown()
  await fake?.close()
  rmSync(root, { recursive: true, force: true })
})

it('a watched folder is not scanned before the window shows, and is once it does', async () => {
  const board = fake.addBoard({ name: 'Drafts', privacy: 'PROTECTED' })
  const dataDir = join(root, 'data')
  const env = { PINLOAD_ACCESS_TOKEN: fake.issueToken().accessToken }
  const watched = join(root, 'watched')
  mkdirSync(watched)
  app = await startTestApp({ dataDir, fake, env, watchPolling: true })
  expect(
    await watchAsWindow(app.dispatch, watched, {
      boardId: board.id,
      subfolderBoards: false,
      moveDone: false,
    }),
  ).toMatchObject({ ok: true })
  await app.shutdown()

  // Files arrive while the app is closed; it starts again, and its window has not shown yet.
  writeImage(watched, 'while-closed.png', 'png')
  app = await startTestApp({ dataDir, fake, env, watchPolling: true, holdWatches: true })
  const views = await app.call<WatchView[]>('watch:list', {})
  expect(views.map((v) => v.status)).toEqual(['stopped'])
  expect(app.app.services.queue.list().items).toEqual([])
  expect(app.events.filter((e) => e.event === 'watch:changed')).toEqual([])

  await app.app.startWatches()
  await waitFor('the file queued', () => app!.app.services.queue.list().items.length === 1, {
    timeoutMs: 20_000,
  })
  expect((await app.call<WatchView[]>('watch:list', {})).map((v) => v.status)).toEqual(['watching'])
}, 60_000)
