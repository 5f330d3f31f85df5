import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import type { IpcSender } from '../../src/main/ipc/ipc-router'
import { writeImage } from '../support/media-files'
import { startTestApp, type TestApp } from '../support/test-app'

// Issue 18: a scan's progress is pushed to the window that asked for the scan, not to every window.
let fake: FakePinterest
let app: TestApp
let root: string
const progress: { to: number | undefined }[] = []

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'pinload-scan-target-'))
  fake = await startFakePinterest({ rateLimits: false })
  app = await startTestApp({
    dataDir: join(root, 'data'),
    fake,
    env: { PINLOAD_ACCESS_TOKEN: fake.issueToken().accessToken },
    onEvent: (event, _payload, to) => {
      if (event === 'uploads:scan-progress') progress.push({ to })
    },
  })
  await app.call('uploads:pause-all', {})
}, 60_000)

afterAll(async () => {
  await app?.shutdown()
  await fake?.close()
  rmSync(root, { recursive: true, force: true })
})

it("sends a scan's progress to the sender that started it", async () => {
  const board = fake.addBoard({ name: 'Private', privacy: 'SECRET' })
  const pics = join(root, 'pics')
  mkdirSync(pics)
  for (let i = 0; i < 3; i++) writeImage(pics, `p${i}.png`, 'png')
  const window7: IpcSender = { id: 7, frameUrl: 'file:///app/index.html', isMainFrame: true }
  const granted = await app.dispatch('paths:grant-dropped', { paths: [pics] }, window7)
  expect(granted.ok).toBe(true)
  const grants = (granted as { value: { grant: string }[] }).value.map((g) => g.grant)
  const added = await app.dispatch('uploads:add-paths', { grants, defaults: { boardId: board.id } }, window7)
  // The board list was never read, so the add asks first (a board not known to be secret): the scan ran.
  expect(added).toMatchObject({ ok: true, value: { confirm: { fileCount: 3 } } })
  expect(progress.length).toBeGreaterThan(0)
  expect(progress.every((p) => p.to === 7)).toBe(true)
})
