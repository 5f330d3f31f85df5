import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import type { AddResult, ItemView } from '../../src/shared/domain'
import { makeMedia } from '../support/media-files'
import { startTestApp, type TestApp } from '../support/test-app'
import { waitFor } from '../support/wait-for'

// The window's side of issue 13 through the real router: add as drafts, edit, publish; a scheduled item
// waits for its time and the queue wakes for it on its own; a failed item's text is edited before retry.
let fake: FakePinterest
let root: string
let token: string
let board: string
let other: string

beforeAll(async () => {
  fake = await startFakePinterest({ rateLimits: false })
  root = mkdtempSync(join(tmpdir(), 'pinload-ipc-plan-'))
  token = fake.issueToken().accessToken
  board = fake.addBoard({ name: 'Kitchen', privacy: 'PROTECTED' }).id
  other = fake.addBoard({ name: 'Garden', privacy: 'PROTECTED' }).id
})
afterAll(async () => {
  await fake.close()
  rmSync(root, { recursive: true, force: true })
})

async function start(name: string): Promise<TestApp> {
  return startTestApp({ dataDir: join(root, name), fake, env: { PINLOAD_ACCESS_TOKEN: token } })
}

/** Adds files as the window does, with the add's new options; answers yes if it asks. */
async function add(app: TestApp, paths: string[], extra: Record<string, unknown>): Promise<AddResult> {
  const grants = (await app.call<{ grant: string }[]>('paths:grant-dropped', { paths })).map((g) => g.grant)
  const out = await app.call<{ added: AddResult } | { confirm: { scanId: string } }>('uploads:add-paths', {
    grants,
    defaults: { boardId: board, titleTemplate: '{name}' },
    ...extra,
  })
  return 'added' in out
    ? out.added
    : app.call<AddResult>('uploads:confirm-add', { scanId: out.confirm.scanId })
}

const items = async (app: TestApp) => (await app.call<{ items: ItemView[] }>('uploads:list', {})).items
const titled = (prefix: string) => fake.pins.filter((p) => p.title?.startsWith(prefix))

it('drafts from the window publish only when asked, with their edited text, and stay drafts across a restart', async () => {
  makeMedia(join(root, 'w-drafts'), { images: 3, videos: 0, prefix: 'wd' })
  let app = await start('drafts')
  let ids: number[]
  try {
    const added = await add(app, [join(root, 'w-drafts')], { draft: true })
    expect(added).toMatchObject({ queued: 3, duplicates: 0 })
    const views = await items(app)
    expect(views.map((v) => v.state)).toEqual(['draft', 'draft', 'draft'])
    ids = views.map((v) => v.id)
    await app.app.services.queue.whenIdle()
    expect(titled('wd')).toHaveLength(0)

    // One bulk edit over two drafts, one edit of a single field; a text past a limit is refused per item.
    expect(
      await app.call('items:edit', {
        ids: [ids[0], ids[1]],
        patch: { description: 'Bulk words', link: 'https://example.com/p?utm=x#f', boardId: other },
      }),
    ).toEqual({ updated: 2, refused: [] })
    expect(await app.call('items:edit', { ids: [ids[0]], patch: { title: 'First, edited' } })).toEqual({
      updated: 1,
      refused: [],
    })
    const refused = await app.call<{ updated: number; refused: { id: number; message: string }[] }>(
      'items:edit',
      { ids: [ids[2]], patch: { altText: 'a'.repeat(501) } },
    )
    expect(refused.updated).toBe(0)
    expect(refused.refused[0]!.message).toMatch(/Alt text is 501 characters; Pinterest allows at most 500/)
  } finally {
    await app.shutdown()
  }

  app = await start('drafts')
  try {
    expect((await items(app)).map((v) => v.state)).toEqual(['draft', 'draft', 'draft'])
    expect(titled('wd')).toHaveLength(0)
    expect(await app.call('items:publish', { ids: [ids[0], ids[1]] })).toEqual({ published: 2 })
    await waitFor('the two published drafts on the fake', () => {
      expect(fake.pins.filter((p) => p.description === 'Bulk words')).toHaveLength(2)
    })
    const first = fake.pins.find((p) => p.title === 'First, edited')
    expect(first).toMatchObject({ board_id: other, link: 'https://example.com/p?utm=x#f' })
    await app.app.services.queue.whenIdle()
    expect(titled('wd')).toHaveLength(1) // the second kept its file-name title
    const views = await items(app)
    expect(views.find((v) => v.id === ids[2])?.state).toBe('draft')
    // Publishing a published item does nothing; the batch's last draft goes with the batch.
    expect(await app.call('items:publish', { ids: [ids[0]] })).toEqual({ published: 0 })
    expect(await app.call('items:publish', { batchId: views[0]!.batchId })).toEqual({ published: 1 })
    await waitFor('the whole batch published', () => expect(titled('wd')).toHaveLength(2))
  } finally {
    await app.shutdown()
  }
})

it('a draft given a time a moment ahead is scheduled when published, and the queue wakes for it', async () => {
  const { images } = makeMedia(join(root, 'w-soon'), { images: 1, videos: 0, prefix: 'soon' })
  const app = await start('soon')
  try {
    await add(app, images, { draft: true })
    const [item] = await items(app)
    const at = Date.now() + 1500
    await app.call('items:edit', { ids: [item!.id], patch: { publishAt: at } })
    expect(await app.call('items:publish', { all: true })).toEqual({ published: 1 })
    expect((await items(app))[0]).toMatchObject({ state: 'scheduled', publishAt: at })
    // Nothing is due, so the queue is idle with the item still waiting.
    await app.app.services.queue.whenIdle()
    if (Date.now() < at) expect(titled('soon')).toHaveLength(0)
    await waitFor('the scheduled Pin created at its time', () => expect(titled('soon')).toHaveLength(1))
    const created = Date.parse(titled('soon')[0]!.created_at)
    expect(created).toBeGreaterThanOrEqual(at - 1000) // the fake dates Pins to the second
    expect((await items(app))[0]!.state).toBe('published')
  } finally {
    await app.shutdown()
  }
})

it('one file to two boards two hours apart: one Pin now, the other scheduled on its board', async () => {
  const { images } = makeMedia(join(root, 'w-two'), { images: 1, videos: 0, prefix: 'two' })
  const app = await start('two')
  try {
    const before = Date.now()
    const added = await add(app, images, {
      boards: [{ boardId: board }, { boardId: other }],
      intervalMs: 2 * 3_600_000,
    })
    expect(added).toMatchObject({ queued: 2, duplicates: 0 })
    await waitFor("the first board's Pin", () => expect(titled('two')).toHaveLength(1))
    await app.app.services.queue.whenIdle()
    expect(titled('two').map((p) => p.board_id)).toEqual([board])
    const views = await items(app)
    expect(views.map((v) => [v.state, v.boardId])).toEqual([
      ['published', board],
      ['scheduled', other],
    ])
    expect(views[1]!.publishAt).toBeGreaterThanOrEqual(before + 2 * 3_600_000)
    expect(views[1]!.publishAt).toBeLessThanOrEqual(Date.now() + 2 * 3_600_000)
    // Moved to a moment from now by an edit, it goes then (a time of its own: no pacing between boards).
    await app.call('items:edit', { ids: [views[1]!.id], patch: { publishAt: Date.now() + 300 } })
    await waitFor("the second board's Pin", () => expect(titled('two')).toHaveLength(2))
    expect(titled('two').map((p) => p.board_id)).toEqual([board, other])
  } finally {
    await app.shutdown()
  }
})

it('one file to two boards without an interval: one Pin now, the other held a day by pacing (issue 14)', async () => {
  const { images } = makeMedia(join(root, 'w-nointerval'), { images: 1, videos: 0, prefix: 'nogap' })
  const app = await start('nointerval')
  try {
    expect(await add(app, images, { boards: [{ boardId: board }, { boardId: other }] })).toMatchObject({
      queued: 2,
      duplicates: 0,
    })
    await waitFor('one Pin out and the other held', async () => {
      const [first, second] = await items(app)
      expect(first!.state).toBe('published')
      expect(second!.error?.message).toMatch(
        /^Waiting until .+, because the same file on another board keeps 1 d apart\.$/,
      )
    })
    expect(titled('nogap').map((p) => p.board_id)).toEqual([board])
    // No time of its own was made up for it: it goes when pacing lets it.
    expect((await items(app))[1]).toMatchObject({ state: 'queued', boardId: other })
    expect((await items(app))[1]!.publishAt).toBeUndefined()
  } finally {
    await app.shutdown()
  }
})

it("a failed item's text is edited before its retry, and an interval under a minute is refused", async () => {
  const { images } = makeMedia(join(root, 'w-fail'), { images: 1, videos: 0, prefix: 'fail' })
  const app = await start('fail')
  try {
    fake.faults.add({
      match: { method: 'POST', path: '/v5/pins' },
      times: 1,
      action: { type: 'status', status: 400, code: 1, message: 'Invalid parameters: title looks wrong.' },
    })
    await add(app, images, { draft: false })
    await waitFor('the item failed', async () => expect((await items(app))[0]?.state).toBe('failed'))
    const [item] = await items(app)
    expect(await app.call('items:edit', { ids: [item!.id], patch: { title: 'Better title' } })).toEqual({
      updated: 1,
      refused: [],
    })
    // Retried with its time an hour ahead it waits, scheduled; brought forward, it goes.
    await app.call('items:edit', { ids: [item!.id], patch: { publishAt: Date.now() + 3_600_000 } })
    expect((await items(app))[0]!.state).toBe('failed')
    expect(await app.call('uploads:retry', { itemId: item!.id })).toBe(1)
    expect((await items(app))[0]!.state).toBe('scheduled')
    await app.call('items:edit', { ids: [item!.id], patch: { publishAt: Date.now() + 200 } })
    await waitFor('the retried Pin with the edited title', () =>
      expect(fake.pins.filter((p) => p.title === 'Better title')).toHaveLength(1),
    )

    const short = await app.dispatch('uploads:add-paths', {
      grants: (await app.call<{ grant: string }[]>('paths:grant-dropped', { paths: images })).map(
        (g) => g.grant,
      ),
      defaults: { titleTemplate: '{name}' },
      boards: [{ boardId: board }, { boardId: other }],
      intervalMs: 30_000,
    })
    expect(short).toMatchObject({ ok: false, error: { kind: 'validation' } })
    expect(!short.ok && short.error.message).toMatch(/interval between boards must be at least one minute/)
    expect(await items(app)).toHaveLength(1)
  } finally {
    fake.faults.clear()
    await app.shutdown()
  }
})
