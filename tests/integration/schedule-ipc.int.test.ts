import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import type { AddResult, ItemView } from '../../src/shared/domain'
import { makeMedia } from '../support/media-files'
import { startTestApp, type TestApp } from '../support/test-app'
import { waitFor } from '../support/wait-for'

const MIN = 60_000
const HOUR = 60 * MIN
let fake: FakePinterest
let root: string
let app: TestApp
let boardId: string

beforeAll(async () => {
  fake = await startFakePinterest({ rateLimits: false })
  boardId = fake.addBoard({ name: 'Later', privacy: 'SECRET' }).id
  root = mkdtempSync(join(tmpdir(), 'pinload-schedule-ipc-'))
  app = await startTestApp({
    dataDir: join(root, 'data'),
    fake,
    env: { PINLOAD_ACCESS_TOKEN: fake.issueToken().accessToken },
  })
})
afterAll(async () => {
  await app.shutdown()
  await fake.close()
  rmSync(root, { recursive: true, force: true })
})

/** Adds a folder of `n` new images as drafts through the add use case; returns the batch id. */
async function addDrafts(name: string, n: number, link?: string): Promise<number> {
  makeMedia(join(root, name), { images: n, videos: 0, prefix: name })
  const out = await app.app.services.addPaths.add({
    paths: [join(root, name)],
    defaults: { boardId, titleTemplate: '{name}', ...(link && { link }) },
    origin: 'drop',
    confirmed: true,
    draft: true,
  })
  return out.added.batchId!
}
/**
 * Gives items times that have passed, as a plan made earlier looks once the clock has moved on (the app
 * closed, the laptop asleep): `items:edit` refuses a time in the past, so the queue's own transaction writes it.
 */
function plannedEarlier(times: [id: number, at: number][]): void {
  app.app.services.queue.amend((ctx) => {
    for (const [id, at] of times) ctx.store.record(id, { publish_at: at })
  })
}
const items = async (batchId: number) =>
  (await app.call<{ items: ItemView[] }>('uploads:list', {})).items.filter((v) => v.batchId === batchId)

describe('schedule:* and pacing:* through the real router', () => {
  it('schedule:apply plans a batch of drafts and publishes them as scheduled; unschedule makes one a draft again', async () => {
    const batchId = await addDrafts('plan', 3)
    const start = Date.now() + 2 * HOUR
    const out = await app.call<{ scheduled: number; firstAt: number }>('schedule:apply', {
      batchId,
      plan: { start: new Date(start).toISOString(), every: '1h' },
      publish: true,
    })
    expect(out).toMatchObject({ scheduled: 3, refused: [] })
    expect(out.firstAt).toBe(start)
    const planned = await items(batchId)
    expect(planned.map((v) => v.state)).toEqual(['scheduled', 'scheduled', 'scheduled'])
    expect(planned.map((v) => v.publishAt! - out.firstAt)).toEqual([0, HOUR, 2 * HOUR])

    const un = await app.call('schedule:unschedule', { ids: [planned[1]!.id] })
    expect(un).toEqual({ unscheduled: 1, refused: [] })
    const after = await items(batchId)
    expect(after[1]).toMatchObject({ state: 'draft' })
    expect(after[1]!.publishAt).toBeUndefined()
  })

  it('uploads:add-paths with a schedule queues each file with its time; a bad one queues nothing', async () => {
    makeMedia(join(root, 'added'), { images: 2, videos: 0, prefix: 'added' })
    const granted = await app.call<{ grant: string }[]>('paths:grant-dropped', {
      paths: [join(root, 'added')],
    })
    const grants = granted.map((g) => g.grant)
    const start = Date.now() + 3 * HOUR
    const bad = await app.dispatch('uploads:add-paths', {
      grants,
      defaults: { boardId, titleTemplate: '{name}' },
      schedule: { every: '1h', window: '09:00-17:00' },
    })
    expect(bad).toMatchObject({ ok: false, error: { kind: 'validation' } })
    expect(!bad.ok && bad.error.message).toMatch(/^--window: goes with --per-day/)
    const asked = await app.call<{ added?: AddResult; confirm?: { scanId: string } }>('uploads:add-paths', {
      grants,
      defaults: { boardId, titleTemplate: '{name}' },
      schedule: { start: new Date(start).toISOString(), every: '2h' },
    })
    // A board the app has not listed yet counts as public: the add asks first, and the answer is yes.
    const added =
      asked.added ?? (await app.call<AddResult>('uploads:confirm-add', { scanId: asked.confirm!.scanId }))
    expect(added.queued).toBe(2)
    const planned = await items(added.batchId!)
    expect(planned.map((v) => [v.state, v.publishAt])).toEqual([
      ['scheduled', start],
      ['scheduled', start + 2 * HOUR],
    ])
  })

  it('a bad plan is a validation error naming the field, and nothing changes', async () => {
    const batchId = await addDrafts('bad', 1)
    const r = await app.dispatch('schedule:apply', { batchId, plan: { perDay: '0' } })
    expect(r).toMatchObject({ ok: false, error: { kind: 'validation' } })
    expect(!r.ok && r.error.message).toMatch(/--per-day: '0' must be a whole number/)
    expect((await items(batchId))[0]).toMatchObject({ state: 'draft' })
  })

  it('missed times: an hour-late plan goes out one Pin at a time, not as a burst', async () => {
    const batchId = await addDrafts('missed', 2)
    const [a, b] = await items(batchId)
    const t0 = Date.now() - 2 * HOUR
    plannedEarlier([
      [a!.id, t0],
      [b!.id, t0 + MIN],
    ])
    await app.call('items:publish', { batchId })
    await waitFor('the first missed Pin out and the second held', async () => {
      const [x, y] = await items(batchId)
      expect(x!.state).toBe('published')
      expect(y!.error?.message).toMatch(
        /^Waiting until .+, because (the plan keeps Pins 1 min apart|missed Pins go out one a minute, not all at once)\.$/,
      )
    })
    expect(fake.pins.filter((p) => p.title?.startsWith('missed'))).toHaveLength(1)
    // Out of the way of the next tests' counts.
    await app.call('uploads:cancel', { itemId: b!.id })
  })

  it('pacing: defaults, then a daily cap holds the second Pin and says until when and why', async () => {
    expect(await app.call('pacing:get', {})).toEqual({
      dailyCap: 0,
      linkSpacingMs: 0,
      sameFileSpacingMs: 24 * HOUR,
      lateAfterMs: 24 * HOUR,
    })
    // The cap counts every Pin of today: the earlier tests' too.
    const cap = fake.pins.length + 1
    expect(await app.call('pacing:set', { dailyCap: cap })).toMatchObject({ dailyCap: cap })
    const batchId = await addDrafts('capped', 2)
    try {
      await app.call('items:publish', { batchId })
      await waitFor('one published and one held by the cap', async () => {
        const [a, b] = await items(batchId)
        expect(a!.state).toBe('published')
        expect(b!.state).toBe('queued')
        expect(b!.error?.message).toMatch(
          new RegExp(`^Waiting until .+, because of the daily cap of ${cap} Pins?\\.$`),
        )
      })
      expect(fake.pins.filter((p) => p.title?.startsWith('capped'))).toHaveLength(1)
      // Idle while only a hold remains: a command running the queue to the end does not sit out the day.
      await app.app.services.queue.whenIdle()
      // The queue's ETA counts the wait: the held Pin goes out at the next local midnight (a calendar day's cap).
      const midnight = new Date()
      midnight.setHours(24, 0, 0, 0)
      const { totals } = await app.call<{ totals: { etaSeconds?: number } }>('uploads:list', {})
      expect(totals.etaSeconds).toBeGreaterThanOrEqual((midnight.getTime() - Date.now()) / 1000 - 60)
    } finally {
      await app.call('pacing:set', { dailyCap: 0 })
    }
  })

  it('more than 24 hours late waits for the user: schedule:late lists it, schedule:catch-up sends it', async () => {
    const batchId = await addDrafts('late', 1)
    const [a] = await items(batchId)
    const planned = Date.now() - 30 * HOUR
    plannedEarlier([[a!.id, planned]])
    await app.call('items:publish', { batchId })
    await waitFor('the late item waiting for the user', async () => {
      const [x] = await items(batchId)
      expect(x!.error?.message).toMatch(/^Waiting for you, because it missed its time by more than 1 d/)
    })
    const late = await app.call<{ id: number; name: string; publishAt: number }[]>('schedule:late', {})
    expect(late.map((l) => [l.id, l.publishAt])).toEqual([[a!.id, planned]])
    expect(late[0]!.name).toMatch(/^late/)
    expect(fake.pins.filter((p) => p.title?.startsWith('late'))).toHaveLength(0)
    expect(await app.call('schedule:catch-up', {})).toEqual({ caughtUp: 1 })
    await waitFor('the caught-up item published', async () => {
      expect((await items(batchId))[0]!.state).toBe('published')
    })
    expect(await app.call('schedule:late', {})).toEqual([])
  })
})
