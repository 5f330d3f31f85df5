import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterEach, describe, expect, it } from 'vitest'
import { harness, type Harness } from './pipeline-fixtures'
import { deferred } from './pipeline-memory-api'
import { waitFor } from '../support/wait-for'

let h: Harness
afterEach(() => h.close())

describe('scheduler', () => {
  it('runs batches in order and FIFO within a batch', async () => {
    h = harness({ settings: { concurrency: 1 } })
    const a = ['a3.jpg', 'a1.jpg', 'a2.jpg'].map((n) => h.image(n))
    const b = ['b1.jpg', 'b2.jpg'].map((n) => h.image(n))
    h.queue.enqueue(
      a.map((p) => h.draft(p)),
      { kind: 'cli', label: 'a' },
    )
    h.queue.enqueue(
      b.map((p) => h.draft(p)),
      { kind: 'cli', label: 'b' },
    )
    h.queue.start()
    await h.queue.whenIdle()
    expect(h.api.calls.filter((c) => c.method === 'createImagePinFromFile').map((c) => c.arg)).toEqual([
      ...a,
      ...b,
    ])
    expect(h.queue.list().totals.byState.published).toBe(5)
  })

  it('never runs more items than the concurrency setting', async () => {
    h = harness({ settings: { concurrency: 3 } })
    // Creates are held until three are open at once, so the cap is reached however the machine schedules them.
    const gate = deferred()
    h.api.gate = gate.promise
    const files = Array.from({ length: 10 }, (_, i) => h.image(`c${i}.jpg`))
    h.queue.enqueue(
      files.map((p) => h.draft(p)),
      { kind: 'cli', label: 'c' },
    )
    h.queue.start()
    await waitFor('three creates open at once', () => h.api.inFlight === 3)
    gate.resolve()
    h.api.gate = null
    await h.queue.whenIdle()
    expect(h.api.maxInFlight).toBe(3)
    expect(h.api.pins).toHaveLength(10)
  })

  it('caps video byte transfers separately from items', async () => {
    h = harness({ settings: { concurrency: 3, videoTransfers: 1 } })
    const gate = deferred()
    h.api.gate = gate.promise
    h.api.gateOnly = ['uploadMedia']
    const files = Array.from({ length: 4 }, (_, i) => h.video(`v${i}.mp4`))
    h.queue.enqueue(
      files.map((p) => h.draft(p)),
      { kind: 'cli', label: 'v' },
    )
    h.queue.start()
    // Three items run and reach the upload step, but only one may be sending bytes. An item asks for the video
    // slot in the same turn as it turns `uploading`, so three `uploading` items are one holder and two waiters.
    await waitFor(
      'three items at the upload step, one of them uploading',
      () =>
        h.queue.list().items.filter((i) => i.state === 'uploading').length === 3 &&
        h.api.count('uploadMedia') >= 1,
      { intervalMs: 5 },
    )
    expect(h.api.count('uploadMedia')).toBe(1)
    expect(h.api.active.get('uploadMedia')).toBe(1)
    gate.resolve()
    h.api.gate = null
    await h.queue.whenIdle()
    expect(h.api.maxActive.get('uploadMedia')).toBe(1)
    expect(h.api.maxInFlight).toBeLessThanOrEqual(3)
    expect(h.api.pins).toHaveLength(4)
  })

  it('holds an item until its publish_at', async () => {
    h = harness()
    const later = Date.now() + 300
    const now = h.image('now.jpg')
    const held = h.image('held.jpg')
    h.queue.enqueue([h.draft(held, {}, { publishAt: later }), h.draft(now)], { kind: 'csv', label: 'sched' })
    h.queue.start()
    await h.queue.whenIdle()
    // whenIdle does not wait for future publish_at: the held item is still scheduled (issue 13).
    const byName = () => Object.fromEntries(h.queue.list().items.map((i) => [i.name, i]))
    expect(byName()['now.jpg']?.state).toBe('published')
    expect(byName()['held.jpg']?.state).toBe('scheduled')
    const publishedAt = await new Promise<number>((resolve) => {
      h.queue.onProgress((e) => {
        if (e.items.some((i) => i.name === 'held.jpg' && i.state === 'published')) resolve(Date.now())
      })
    })
    expect(publishedAt).toBeGreaterThanOrEqual(later)
    const call = h.api.calls.find((c) => c.arg === held)
    expect(call!.at).toBeGreaterThanOrEqual(later)
  })
})

describe('pacing and a video cover picture', () => {
  it('a video held by pacing at its create does not prepare its cover picture first', async () => {
    // The gate lets the early check through (the video uploads) and then holds it: a Pin went out meanwhile.
    const asked: { state: string; coverPrepared: boolean }[] = []
    const prepared = () => join(h.settings.dataDir, 'prepared')
    h = harness({
      pace: (row) => {
        const coverPrepared =
          existsSync(prepared()) && readdirSync(prepared()).some((f) => f.includes('cover'))
        asked.push({ state: row.state, coverPrepared })
        return asked.length === 1
          ? { go: true }
          : { go: false, until: Date.now() + 3_600_000, because: 'Daily cap' }
      },
    })
    // A WebP cover is converted to a JPEG copy, so preparing it leaves a file while the create runs.
    const cover = join(h.dir, 'cover.webp')
    await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c33' } })
      .webp()
      .toFile(cover)
    h.queue.enqueue([h.draft(h.video('held.mp4'), { coverImagePath: cover })], { kind: 'cli', label: 'v' })
    h.queue.start()
    await waitFor('the video held by pacing', () =>
      /Daily cap/.test(h.queue.list().items[0]?.error?.message ?? ''),
    )
    await h.queue.whenIdle()
    expect(h.api.count('uploadMedia')).toBe(1)
    expect(h.api.pins).toHaveLength(0)
    expect(asked.length).toBeGreaterThanOrEqual(2)
    expect(asked.every((a) => !a.coverPrepared)).toBe(true)
    const item = h.queue.list().items[0]!
    expect(item.state).toBe('queued')
    expect(item.error?.kind).toBe('rate_limited')
  })
})
