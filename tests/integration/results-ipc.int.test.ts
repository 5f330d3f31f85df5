import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ItemView } from '../../src/shared/domain'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import { addAsWindow } from '../support/add-paths-kit'
import { makeMedia } from '../support/media-files'
import { startTestApp, type TestApp } from '../support/test-app'
import { waitFor } from '../support/wait-for'

/**
 * The window's side of issue 15 through the real router: Export writes where main's save dialog says (never a
 * path from the window), Check on Pinterest flags a removed Pin on its row, and the inspector's counts.
 */

let fake: FakePinterest
let root: string
let app: TestApp
const saveAnswers: (string | null)[] = []

beforeAll(async () => {
  fake = await startFakePinterest({ rateLimits: false })
  root = mkdtempSync(join(tmpdir(), 'pinload-results-ipc-'))
  const board = fake.addBoard({ name: 'Drafts', privacy: 'PROTECTED' })
  app = await startTestApp({
    dataDir: join(root, 'data'),
    fake,
    env: { PINLOAD_ACCESS_TOKEN: fake.issueToken().accessToken },
    desktop: { pickSaveFile: () => Promise.resolve(saveAnswers.shift() ?? null) },
  })
  makeMedia(join(root, 'photos'), { images: 3, videos: 0, prefix: 'shot' })
  const added = await addAsWindow(app.dispatch, [join(root, 'photos')], {
    boardId: board.id,
    titleTemplate: '{name}',
  })
  expect(added.ok).toBe(true)
  // Published and read back: one GET /v5/pins/{id} answered per Pin.
  await waitFor('three Pins published and read back', () => {
    expect(fake.pins).toHaveLength(3)
    for (const p of fake.pins)
      expect(fake.requests.some((q) => q.path === `/v5/pins/${p.id}` && q.status === 200)).toBe(true)
  })
}, 120_000)

afterAll(async () => {
  await app?.shutdown()
  await fake?.close()
  rmSync(root, { recursive: true, force: true })
})

const items = async () => (await app.call<{ items: ItemView[] }>('uploads:list', {})).items

describe('results over IPC', () => {
  it('results:export writes the file main’s save dialog picked; a cancelled dialog writes nothing', async () => {
    const file = join(root, 'out.csv')
    saveAnswers.push(file)
    const r = await app.call<{ saved: boolean; rows: number; fileName?: string }>('results:export', {
      format: 'csv',
    })
    expect(r).toEqual({ saved: true, rows: 3, fileName: 'out.csv' })
    const text = readFileSync(file, 'utf8')
    expect(text.charCodeAt(0)).toBe(0xfeff)
    for (const p of fake.pins) expect(text).toContain(`"${p.id}"`)

    const cancelled = await app.call('results:export', { format: 'json' })
    expect(cancelled).toEqual({ saved: false, rows: 0 })
    expect(existsSync(join(root, 'pinload-results.json'))).toBe(false)

    // A path string from the window is not an input the channel takes.
    const refused = await app.dispatch('results:export', { format: 'csv', path: join(root, 'x.csv') })
    expect(refused).toMatchObject({ ok: false, error: { kind: 'validation' } })
    expect(existsSync(join(root, 'x.csv'))).toBe(false)
  })

  it('results:verify flags a Pin removed on Pinterest on its row; results:pin-facts gives the counts', async () => {
    const [first, second] = await items()
    const gone = fake.pins.find((p) => p.id === first!.pinId)!
    fake.removePin(gone.id)
    fake.setPinMetrics(second!.pinId!, { impression: 50, save: 4, pin_click: 9 })
    const before = app.events.length

    const report = await app.call<{ missing: { itemId: number; name: string }[]; found: number }>(
      'results:verify',
      {},
    )
    expect(report.missing).toEqual([expect.objectContaining({ itemId: first!.id, name: first!.name })])
    expect(report.found).toBe(2)

    // The window hears of it without asking again (uploads:progress), and a fresh list says the same.
    await waitFor('the removed Pin reached the window', () => {
      const pushed = app.events
        .slice(before)
        .filter((e) => e.event === 'uploads:progress')
        .flatMap((e) => (e.payload as { items: ItemView[] }).items)
      // Any push of the row may come first (an earlier flush of it too): the newest one must say so.
      expect(pushed.findLast((v) => v.id === first!.id)?.error?.message ?? '').toMatch(
        /^Removed on Pinterest/,
      )
    })
    const row = (await items()).find((v) => v.id === first!.id)!
    expect([row.state, row.error?.kind]).toEqual(['published', 'not_found'])

    expect(await app.call('results:pin-facts', { itemId: second!.id })).toMatchObject({
      found: true,
      impressions: 50,
      saves: 4,
      clicks: 9,
    })
    expect(await app.call('results:pin-facts', { itemId: first!.id })).toMatchObject({ found: false })
  }, 60_000)

  it('results:update changes the Pins; results:unpublish removes them only with the right typed count', async () => {
    const live = (await items()).filter((v) => v.state === 'published' && v.error === undefined)
    expect(live).toHaveLength(2)
    const ids = live.map((v) => v.id)
    const updated = await app.call<{ done: number }>('results:update', {
      ids,
      patch: { link: 'https://example.com/fixed' },
    })
    expect(updated).toEqual({ done: 2, waiting: 0, failed: [] })
    expect(fake.pins.filter((p) => p.link === 'https://example.com/fixed')).toHaveLength(2)
    expect((await items()).filter((v) => v.link === 'https://example.com/fixed')).toHaveLength(2)

    const wrong = await app.dispatch('results:unpublish', { ids, confirmCount: 1 })
    expect(wrong).toMatchObject({ ok: false, error: { kind: 'validation' } })
    expect(fake.pins).toHaveLength(2)

    expect(await app.call('results:unpublish', { ids, confirmCount: 2 })).toEqual({
      done: 2,
      waiting: 0,
      failed: [],
    })
    expect(fake.pins).toEqual([])
    const again = await app.dispatch('results:unpublish', { ids, confirmCount: 2 })
    expect(again).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/nothing to remove/) as unknown },
    })
  }, 60_000)
})
