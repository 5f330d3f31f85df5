import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { FakePinterest } from '../../src/main/fake-pinterest/index'
import { openDatabase } from '../../src/main/db/connection'
import { defaultSettings } from '../../src/main/db/settings-store'
import { createPinterestClient } from '../../src/main/pinterest/pinterest-client'
import { abortableSleep, RateGovernor } from '../../src/main/pinterest/rate-governor'
import { UploadQueue } from '../../src/main/pipeline/upload-queue'
import { makeMedia } from '../support/media-files'
import { waitFor } from '../support/wait-for'
import { startFake } from './pinterest-test-kit'

/**
 * The write budget against the fake enforcing a strict sliding window of 6 writes per 3 s (issue 14 point 5): the
 * governor configured with the same limit sends as many as the window allows, as soon as it allows them, and never
 * gets a 429; configured higher than the server's limit, the 429s (without headers) back off and lower the pace,
 * and every item is still published.
 */
const LIMIT = 6
const WINDOW_MS = 3000
const PINS = 15

let root: string
let images: string[]
let fake: FakePinterest | undefined
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'pinload-rate-'))
  images = makeMedia(join(root, 'm'), { images: PINS, videos: 0 }).images
})
afterEach(async () => {
  await fake?.close()
  fake = undefined
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** Publishes every image through the real queue and client with `governor`. */
async function publishAll(f: FakePinterest, governor: RateGovernor, name: string): Promise<void> {
  const board = f.addBoard({ name })
  const token = f.issueToken().accessToken
  const dataDir = join(root, name)
  const db = openDatabase({ dataDir })
  const client = createPinterestClient({
    apiBase: f.apiBase,
    tokens: {
      getAccessToken: () => Promise.resolve(token),
      refreshAccessToken: () => Promise.reject(new Error('no refresh in this test')),
    },
    governor,
  })
  const settings = { ...defaultSettings(dataDir), concurrency: 3 }
  const queue = new UploadQueue({ db, apiFor: () => client, settings: () => settings })
  try {
    queue.enqueue(
      images.map((path, i) => ({ path, meta: { boardId: board.id, title: `Pin ${i}` } })),
      { kind: 'cli', label: name },
    )
    queue.start()
    await queue.whenIdle()
    expect(queue.list().totals.byState).toEqual({ published: PINS })
  } finally {
    await queue.shutdown()
    await client.close()
    db.close()
  }
}

/** Arrival times (the fake's clock) of the Pin creates it accepted. */
const accepted = (f: FakePinterest) =>
  f.requests
    .filter((r) => r.method === 'POST' && r.path === '/v5/pins' && r.status === 201)
    .map((r) => r.time)

/** The most arrivals any window `(t − windowMs, t]` holds. */
function busiestWindow(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b)
  let most = 0
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[j]! <= sorted[i]! - WINDOW_MS) j++
    most = Math.max(most, i - j + 1)
  }
  return most
}

describe('the write budget against a strict sliding window', () => {
  it('uses the whole budget with no 429: 6 at once, then each as soon as one leaves the window', async () => {
    fake = await startFake({
      rateLimits: { org_write: { limit: LIMIT, windowMs: WINDOW_MS, sliding: true } },
    })
    // Every wait the governor chose, next to how long until its window frees a slot then. Waits are judged by
    // what the governor knew, never by the wall clock, so a busy machine cannot fail this (docs: tests never
    // assert a time; the tight timing is in tests/unit/pinterest-rate-window.test.ts on an injected clock).
    const waits: { ms: number; untilFree: number | null }[] = []
    const governor: RateGovernor = new RateGovernor({
      limits: { org_write: { perWindow: LIMIT, windowMs: WINDOW_MS } },
      sleep: (ms, signal) => {
        const b = governor.budget('org_write')
        waits.push({ ms, untilFree: b.nextFreeAt === null ? null : b.nextFreeAt - Date.now() })
        return abortableSleep(ms, signal)
      },
    })
    await publishAll(fake, governor, 'Budget')
    expect(fake.requests.filter((r) => r.status === 429)).toEqual([])
    expect(fake.specViolations).toEqual([])
    const times = accepted(fake).sort((a, b) => a - b)
    expect(times).toHaveLength(PINS)
    // Never more than the limit in any window the server counts, as it counts them (arrivals).
    expect(busiestWindow(times)).toBeLessThanOrEqual(LIMIT)
    for (let k = LIMIT; k < times.length; k++)
      expect(times[k]! - times[k - LIMIT]!).toBeGreaterThanOrEqual(WINDOW_MS)
    // The whole budget: the governor waited only while the window was full, each time no longer than until
    // its oldest answer left it (a request still in flight can leave no earlier than a window from now).
    expect(waits.length).toBeGreaterThan(0)
    for (const w of waits) {
      expect(w.ms).toBeLessThanOrEqual(WINDOW_MS)
      if (w.untilFree !== null) expect(w.ms).toBeLessThanOrEqual(Math.max(w.untilFree, 0) + 5)
    }
    // And it never idled a whole window: the ideal spreads 15 over two refills (6 at 0, 6 at 3 s, 3 at 6 s);
    // a governor that sat out a window at each refill would need 12 s. Generous slack for a loaded machine.
    const ideal = (Math.ceil(PINS / LIMIT) - 1) * WINDOW_MS
    expect(times.at(-1)! - times[0]!).toBeLessThan(ideal + 1.5 * WINDOW_MS)
  })

  it('configured above the server’s limit, 429s without headers back off and lower the pace; all publish', async () => {
    fake = await startFake({
      rateLimits: { org_write: { limit: LIMIT, windowMs: WINDOW_MS, sliding: true } },
    })
    const governor = new RateGovernor({
      limits: { org_write: { perWindow: 12, windowMs: WINDOW_MS } },
      baseDelayMs: 200,
      maxDelayMs: 1000,
      maxAttempts: 8,
    })
    const lowest: number[] = []
    const stop = fake.onRequest(() => lowest.push(governor.budget('org_write').effectiveLimit))
    await publishAll(fake, governor, 'Over')
    stop()
    const refused = fake.requests.filter((r) => r.status === 429)
    expect(refused.length).toBeGreaterThan(0)
    // The fake's own limiter refused them (no injected fault): a 429 with code 8 and no headers.
    expect(refused.every((r) => r.fault === null)).toBe(true)
    // The limit came down from 12 towards the server's 6, so 429s did not go on window after window.
    expect(Math.min(...lowest)).toBeLessThanOrEqual(8)
    expect(refused.length).toBeLessThan(PINS)
    expect(busiestWindow(accepted(fake))).toBeLessThanOrEqual(LIMIT)
  })

  it('a spent long window is not slept through: the item waits in the queue until it frees, nothing sent', async () => {
    fake = await startFake({ rateLimits: false })
    const board = fake.addBoard({ name: 'Spent' })
    const token = fake.issueToken().accessToken
    const dataDir = join(root, 'spent')
    const db = openDatabase({ dataDir })
    // A Trial-like day in miniature: 2 writes per 10 minutes, waits over 5 minutes go back to the queue.
    const client = createPinterestClient({
      apiBase: fake.apiBase,
      tokens: {
        getAccessToken: () => Promise.resolve(token),
        refreshAccessToken: () => Promise.reject(new Error('no refresh in this test')),
      },
      governor: new RateGovernor({ limits: { org_write: { perWindow: 2, windowMs: 600_000 } } }),
    })
    const settings = { ...defaultSettings(dataDir), concurrency: 1 }
    const queue = new UploadQueue({ db, apiFor: () => client, settings: () => settings })
    try {
      const t0 = Date.now()
      queue.enqueue(
        images.slice(0, 3).map((path, i) => ({ path, meta: { boardId: board.id, title: `Spent ${i}` } })),
        { kind: 'cli', label: 'spent' },
      )
      queue.start()
      type Row = {
        state: string
        next_attempt_at: number | null
        error_kind: string | null
        error_message: string | null
      }
      const rows = () =>
        db
          .prepare('SELECT state, next_attempt_at, error_kind, error_message FROM items ORDER BY id')
          .all() as Row[]
      await waitFor('two published and the third parked with the limit named', () => {
        const r = rows()
        return (
          r.filter((x) => x.state === 'published').length === 2 &&
          r.some((x) => x.error_kind === 'rate_limited')
        )
      })
      const parked = rows().find((x) => x.error_kind === 'rate_limited')!
      expect(parked.error_message).toContain('write limit (2 per 600 s) is used up for now')
      // It goes again when the first write leaves the window, ten minutes after it, not before.
      expect(parked.next_attempt_at! - t0).toBeGreaterThan(590_000)
      expect(parked.next_attempt_at! - t0).toBeLessThanOrEqual(600_000 + (Date.now() - t0))
      expect(fake.requests.filter((r) => r.method === 'POST' && r.path === '/v5/pins')).toHaveLength(2)
    } finally {
      await queue.shutdown()
      await client.close()
      db.close()
    }
  })
})
