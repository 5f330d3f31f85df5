import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import type { AddResult, ItemView } from '../../src/shared/domain'
import type { AddConfirmation, ScanProgress } from '../../src/shared/ipc/contract'
import { bytes } from '../support/media-bytes'
import { startTestApp, type TestApp } from '../support/test-app'

// Issue 11, finding 6, through the real handlers: an add asks first (more than 500 files, the first post to a
// public board) and queues nothing until `uploads:confirm-add`; a scan reports progress and stops on Cancel.
let fake: FakePinterest
let app: TestApp
let root: string
let onProgress: ((p: ScanProgress) => void) | null = null

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'pinload-add-confirm-'))
  fake = await startFakePinterest({ rateLimits: false })
  app = await startTestApp({
    dataDir: join(root, 'data'),
    fake,
    env: { PINLOAD_ACCESS_TOKEN: fake.issueToken().accessToken },
    onEvent: (event, payload) => {
      if (event === 'uploads:scan-progress') onProgress?.(payload as ScanProgress)
    },
  })
  await app.call('uploads:pause-all', {})
}, 60_000)

afterAll(async () => {
  await app?.shutdown()
  await fake?.close()
  rmSync(root, { recursive: true, force: true })
})

function folderOf(name: string, count: number): string {
  const dir = join(root, name)
  mkdirSync(dir)
  const png = bytes.png()
  for (let i = 0; i < count; i++) writeFileSync(join(dir, `f${i}.png`), png)
  return dir
}

async function grantOf(path: string): Promise<string> {
  const [g] = await app.call<{ grant: string }[]>('paths:grant-dropped', { paths: [path] })
  return g!.grant
}

const itemCount = async () => (await app.call<{ items: unknown[] }>('uploads:list', {})).items.length

describe('uploads:add-paths asks first', () => {
  it('for the first post to a public board: the question names the count and the board; yes queues that scan', async () => {
    const board = fake.addBoard({ name: 'Garden', privacy: 'PUBLIC' })
    const grant = await grantOf(folderOf('garden', 3))
    const before = await itemCount()
    const asked = await app.call<{ confirm: AddConfirmation }>('uploads:add-paths', {
      grants: [grant],
      defaults: { boardId: board.id },
    })
    expect(asked.confirm).toMatchObject({
      question: "Post 3 files to the public board 'Garden'? Everyone on Pinterest can see Pins there.",
      fileCount: 3,
      boards: [{ id: board.id, name: 'Garden' }],
    })
    expect(await itemCount()).toBe(before)
    const added = await app.call<AddResult>('uploads:confirm-add', { scanId: asked.confirm.scanId })
    expect(added).toMatchObject({ queued: 3 })
    expect(await itemCount()).toBe(before + 3)
    // Each scan is confirmed once.
    expect(await app.dispatch('uploads:confirm-add', { scanId: asked.confirm.scanId })).toMatchObject({
      ok: false,
      error: { kind: 'not_found' },
    })
  })

  it('for more than 500 files on a board that is not public, and not for 500', async () => {
    const board = fake.addBoard({ name: 'Team', privacy: 'PROTECTED' })
    const many = await app.call<{ confirm: AddConfirmation }>('uploads:add-paths', {
      grants: [await grantOf(folderOf('many', 501))],
      defaults: { boardId: board.id },
    })
    // The window took the default: drafts, and the question offers the choice (issue 13), drafts first.
    expect(many.confirm).toMatchObject({
      question: 'Add 501 files at once (more than 500)?',
      fileCount: 501,
      asDrafts: true,
      offersDraftChoice: true,
    })
    const enough = await app.call<{ added: AddResult }>('uploads:add-paths', {
      grants: [await grantOf(folderOf('enough', 500))],
      defaults: { boardId: board.id },
    })
    expect(enough.added).toMatchObject({ queued: 500 })
    // Yes to the 501: above the threshold the window's add defaults to drafts (issue 13); at 500 it publishes.
    const confirmed = await app.call<AddResult>('uploads:confirm-add', { scanId: many.confirm.scanId })
    expect(confirmed).toMatchObject({ queued: 501, drafts: true })
    const { items } = await app.call<{ items: ItemView[] }>('uploads:list', {})
    const statesOf = (batchId: number | undefined) =>
      new Set(items.filter((v) => v.batchId === batchId).map((v) => v.state))
    expect(statesOf(confirmed.batchId)).toEqual(new Set(['draft']))
    expect(statesOf(enough.added.batchId)).toEqual(new Set(['queued']))
  })
})

// Issue 13: the threshold counts Pins (files × boards), and each board keeps the section chosen for it.
describe('an add to several boards', () => {
  it('260 files on 2 boards are 520 Pins: asked with pinCount, drafts when the answer says so, each in its section', async () => {
    const a = fake.addBoard({ name: 'Shop A', privacy: 'PROTECTED' })
    const b = fake.addBoard({ name: 'Shop B', privacy: 'PROTECTED' })
    const sa = fake.addSection(a.id, 'Spring')
    const sb = fake.addSection(b.id, 'Autumn')
    const asked = await app.call<{ confirm: AddConfirmation }>('uploads:add-paths', {
      grants: [await grantOf(folderOf('two-boards', 260))],
      defaults: { boardId: a.id, boardSectionId: sa.id },
      // The New batch sheet's Queue says "publish", so only the question can turn it into drafts.
      draft: false,
      boards: [
        { boardId: a.id, sectionId: sa.id },
        { boardId: b.id, sectionId: sb.id },
      ],
    })
    expect(asked.confirm).toMatchObject({
      question: 'Add 520 Pins from 260 files at once (more than 500)?',
      fileCount: 260,
      pinCount: 520,
      asDrafts: false,
      offersDraftChoice: true,
    })
    const added = await app.call<AddResult>('uploads:confirm-add', {
      scanId: asked.confirm.scanId,
      draft: true,
    })
    expect(added.queued).toBe(520)
    const mine = (await app.call<{ items: ItemView[] }>('uploads:list', {})).items.filter(
      (v) => v.batchId === added.batchId,
    )
    expect(new Set(mine.map((v) => v.state))).toEqual(new Set(['draft']))
    const where = new Set(mine.map((v) => `${v.boardId}/${v.boardSectionId}`))
    expect(where).toEqual(new Set([`${a.id}/${sa.id}`, `${b.id}/${sb.id}`]))
  })

  it('refuses a drafts-or-publish answer the question never offered, and keeps the add waiting', async () => {
    const board = fake.addBoard({ name: 'Porch', privacy: 'PUBLIC' })
    const asked = await app.call<{ confirm: AddConfirmation }>('uploads:add-paths', {
      grants: [await grantOf(folderOf('porch', 2))],
      defaults: { boardId: board.id },
      draft: false,
    })
    expect(asked.confirm).toMatchObject({
      fileCount: 2,
      pinCount: 2,
      asDrafts: false,
      offersDraftChoice: false,
    })
    const odd = await app.dispatch('uploads:confirm-add', { scanId: asked.confirm.scanId, draft: true })
    expect(odd).toMatchObject({ ok: false, error: { kind: 'validation' } })
    expect(!odd.ok && odd.error.message).toMatch(/asked about publishing only: answer yes or no/)
    // The answer it did offer still works, and adds what was asked.
    const added = await app.call<AddResult>('uploads:confirm-add', { scanId: asked.confirm.scanId })
    expect(added.queued).toBe(2)
  })

  it('asks about drafts as drafts, and names neither when the answer chooses', async () => {
    const board = fake.addBoard({ name: 'Patio', privacy: 'PUBLIC' })
    const drafts = await app.call<{ confirm: AddConfirmation }>('uploads:add-paths', {
      grants: [await grantOf(folderOf('patio', 2))],
      defaults: { boardId: board.id },
      draft: true,
    })
    expect(drafts.confirm.question).toBe(
      "Add 2 files as drafts for the public board 'Patio'? Everyone on Pinterest can see Pins there once they are published.",
    )
    const many = await app.call<{ confirm: AddConfirmation }>('uploads:add-paths', {
      grants: [await grantOf(folderOf('patio-many', 501))],
      defaults: { boardId: board.id },
    })
    expect(many.confirm).toMatchObject({
      question:
        "Add 501 files at once for the public board 'Patio'? Everyone on Pinterest can see Pins there once they are published.",
      offersDraftChoice: true,
    })
  })

  it('refuses more than 50 boards and an interval over 366 days with their own messages', async () => {
    const board = fake.addBoard({ name: 'Limits', privacy: 'PROTECTED' })
    const grant = await grantOf(folderOf('limits', 1))
    const many = await app.dispatch('uploads:add-paths', {
      grants: [grant],
      defaults: {},
      boards: Array.from({ length: 51 }, () => ({ boardId: board.id })),
    })
    expect(!many.ok && many.error.message).toMatch(/The batch names 51 boards; one add posts to at most 50/)
    const far = await app.dispatch('uploads:add-paths', {
      grants: [grant],
      defaults: {},
      boards: [{ boardId: board.id }, { boardId: board.id }],
      intervalMs: 367 * 86_400_000,
    })
    expect(!far.ok && far.error.message).toMatch(/interval between boards must be at most 366 days/)
  })
})

describe('a scan', () => {
  it('reports progress, and Cancel stops it: kind cancelled, nothing queued', async () => {
    const board = fake.addBoard({ name: 'Quiet', privacy: 'PROTECTED' })
    const grant = await grantOf(folderOf('big', 3000))
    const before = await itemCount()
    const seen: ScanProgress[] = []
    onProgress = (p) => {
      seen.push(p)
      // The window's Cancel, through its channel, as soon as the scan says how far it got.
      if (seen.length === 1) void app.dispatch('uploads:cancel-scan', {})
    }
    const r = await app.dispatch('uploads:add-paths', { grants: [grant], defaults: { boardId: board.id } })
    onProgress = null
    expect(seen.length).toBeGreaterThan(0)
    expect(r).toMatchObject({ ok: false, error: { kind: 'cancelled' } })
    expect(await itemCount()).toBe(before)
    expect(await app.call('uploads:cancel-scan', {})).toBe(false)
  })
})
