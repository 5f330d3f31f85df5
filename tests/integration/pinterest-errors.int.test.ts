import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ApiError } from '../../src/main/pinterest/api-error'
import { createPinterestClient, type PinterestClient } from '../../src/main/pinterest/pinterest-client'
import { RateGovernor } from '../../src/main/pinterest/rate-governor'
import type { FakePinterest } from '../../src/main/fake-pinterest/index'
import { writeBigJpeg, writeImage } from '../support/media-files'
import { FakeTokens, requestsTo, startFake } from './pinterest-test-kit'

let fake: FakePinterest
let dir: string
let tokens: FakeTokens
let client: PinterestClient
/** Waits the governor asked for, in ms; recorded and shortened so the suite stays fast. */
let waits: number[]
let boardId: string

/** A governor on a virtual clock: each wait is recorded, really lasts at most 5 ms, and moves the clock by the rest. */
function governor(maxAttempts = 4) {
  let skipped = 0
  return new RateGovernor({
    maxAttempts,
    random: () => 0.5,
    now: () => Date.now() + skipped,
    sleep: async (ms) => {
      // Backoffs and advised waits only: the bucket's own spacing (a ms or two when a busy machine's clock moved
      // between two checks) is not what these tests are about.
      if (ms >= 50) waits.push(ms)
      const real = Math.min(ms, 5)
      await new Promise((r) => setTimeout(r, real))
      skipped += ms - real
    },
  })
}

const faulted = (method: string, path: string, fault: string) =>
  requestsTo(fake, method, path).filter((r) => r.fault === fault).length

async function failure(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  )
  if (!(err instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(err)}`)
  return err
}

beforeAll(async () => {
  fake = await startFake()
  dir = mkdtempSync(join(tmpdir(), 'pinload-errors-'))
})
afterAll(async () => {
  await fake.close()
  rmSync(dir, { recursive: true, force: true })
})
beforeEach(() => {
  waits = []
  fake.faults.clear()
  tokens = FakeTokens.issue(fake)
  client = createPinterestClient({
    apiBase: fake.apiBase,
    tokens,
    governor: governor(),
    fetchTimeoutMs: 1500,
  })
  boardId = fake.addBoard({ name: `B${Date.now()}${Math.random()}` }).id
})
afterEach(async () => {
  await client.close()
  expect(fake.specViolations).toEqual([])
})

describe('error kinds from the fake', () => {
  it('every error keeps the x-pinterest-rid', async () => {
    const err = await failure(client.getPin('999999999'))
    expect(err.kind).toBe('not_found')
    expect(err.details.requestId).toBe(requestsTo(fake, 'GET', '/v5/pins/999999999').at(-1)!.requestId)
  })

  it('401 → refresh once → retry once, with the new token', async () => {
    fake.expireAccessToken(tokens.access)
    const me = await client.getUserAccount()
    expect(me.username).toBeTruthy()
    expect(tokens.refreshes).toBe(1)
    const calls = requestsTo(fake, 'GET', '/v5/user_account').slice(-2)
    expect(calls.map((r) => r.status)).toEqual([401, 200])
  })

  it('auth: a 401 that survives the refresh, and a refresh that fails', async () => {
    fake.faults.add({
      match: { path: '/v5/user_account' },
      times: 2,
      action: { type: 'status', status: 401, code: 2, message: 'Authentication failed.' },
    })
    expect((await failure(client.getUserAccount())).kind).toBe('auth')
    expect(tokens.refreshes).toBe(1)
    fake.expireAccessToken(tokens.access)
    fake.expireRefreshToken(tokens.refresh)
    const err = await failure(client.getUserAccount())
    expect(err.kind).toBe('auth')
  })

  it('permission: Trial app creating a Pin in production gets code 29 and the sandbox hint', async () => {
    const trial = await startFake({ trialApp: true })
    const c = createPinterestClient({ apiBase: trial.apiBase, tokens: FakeTokens.issue(trial) })
    try {
      const board = trial.addBoard({ name: 'T' })
      const err = await failure(c.createImagePinFromUrl('https://e.com/a.jpg', { boardId: board.id }))
      expect(err).toMatchObject({ kind: 'permission', details: { status: 403, code: 29 } })
      expect(err.details.fix).toMatch(/sandbox/i)
      expect(requestsTo(trial, 'POST', '/v5/pins')).toHaveLength(1)
      expect(trial.specViolations).toEqual([])
    } finally {
      await c.close()
      await trial.close()
    }
  })

  it('validation: a 400 names the field and is not retried', async () => {
    fake.faults.add({
      match: { method: 'POST', path: '/v5/pins' },
      action: {
        type: 'status',
        status: 400,
        code: 1,
        message: 'Invalid parameters: link is not a valid URL.',
      },
    })
    const err = await failure(
      client.createImagePinFromUrl('https://e.com/a.jpg', { boardId, link: 'https://e.com' }),
    )
    expect(err).toMatchObject({ kind: 'validation', details: { field: 'link', status: 400 } })
    expect(faulted('POST', '/v5/pins', 'status')).toBe(1)
  })

  it('transient: 5xx is retried with backoff and recovers; after maxAttempts it surfaces', async () => {
    fake.faults.add({ match: { path: '/v5/boards' }, times: 2, action: { type: 'status', status: 503 } })
    await client.listBoards()
    expect(waits).toEqual([500, 1000])
    fake.faults.add({ match: { path: '/v5/user_account' }, action: { type: 'status', status: 500 } })
    const before = faulted('GET', '/v5/user_account', 'status')
    const err = await failure(client.getUserAccount())
    expect(err).toMatchObject({ kind: 'transient', details: { status: 500 } })
    expect(faulted('GET', '/v5/user_account', 'status') - before).toBe(4)
  })

  it('transient: a GET answered 503 once is retried and succeeds', async () => {
    const pinId = (await client.createImagePinFromUrl('https://e.com/a.jpg', { boardId, title: 'read me' }))
      .id
    fake.faults.add({
      match: { method: 'GET', path: `/v5/pins/${pinId}` },
      times: 1,
      action: { type: 'status', status: 503 },
    })
    const pin = await client.getPin(pinId)
    expect(pin.id).toBe(pinId)
    expect(requestsTo(fake, 'GET', `/v5/pins/${pinId}`).map((r) => r.status)).toEqual([503, 200])
    expect(waits).toEqual([500])
  })

  it('transient: a reset on a read is retried', async () => {
    fake.faults.add({ match: { path: '/v5/user_account' }, times: 1, action: { type: 'reset' } })
    await client.getUserAccount()
    expect(
      requestsTo(fake, 'GET', '/v5/user_account')
        .slice(-2)
        .map((r) => r.fault),
    ).toEqual(['reset', null])
  })

  it('transient: a silent server times out', async () => {
    fake.faults.add({ match: { path: '/v5/user_account' }, action: { type: 'delay', ms: 10_000 } })
    const c = createPinterestClient({
      apiBase: fake.apiBase,
      tokens,
      governor: governor(1),
      fetchTimeoutMs: 300,
    })
    try {
      const err = await failure(c.getUserAccount())
      expect(err.kind).toBe('transient')
      expect(err.message).toContain('timed out')
    } finally {
      await c.close()
    }
  })
})

describe('rate limits', () => {
  it('429 with Retry-After: waits what the server says, then succeeds', async () => {
    fake.faults.add({
      match: { path: '/v5/boards' },
      times: 1,
      action: { type: 'rate_limit', retryAfterSec: 3 },
    })
    await client.listBoards()
    expect(waits).toEqual([3000])
  })

  it('429 without Retry-After: full-jitter backoff; X-RateLimit-* headers taken as hints', async () => {
    fake.faults.add({ match: { path: '/v5/boards' }, times: 2, action: { type: 'rate_limit' } })
    await client.listBoards()
    // The two backoffs; the stubbed sleep returns at once, so the governor may add what is left of its own
    // spacing on the real clock (a few ms on a busy machine): never a third backoff.
    expect(waits.slice(0, 2)).toEqual([500, 1000])
    expect(waits.slice(2).every((ms) => ms < 50)).toBe(true)
    waits = []
    // No Retry-After, but X-RateLimit-Remaining: 0 and X-RateLimit-Reset: 60 → wait the 60 s it names.
    fake.faults.add({
      match: { path: '/v5/boards' },
      times: 1,
      action: { type: 'rate_limit', rateLimitHeaders: true },
    })
    await client.listBoards()
    expect(waits[0]).toBe(60_000)
    expect(waits.slice(1).every((ms) => ms < 50)).toBe(true)
  })

  it('rate_limited surfaces after maxAttempts', async () => {
    fake.faults.add({ match: { path: '/v5/boards' }, action: { type: 'rate_limit' } })
    const before = faulted('GET', '/v5/boards', 'rate_limit')
    const err = await failure(client.listBoards())
    expect(err).toMatchObject({ kind: 'rate_limited', details: { status: 429, code: 8 } })
    expect(faulted('GET', '/v5/boards', 'rate_limit') - before).toBe(4)
  })

  it('a spam 429 is never retried', async () => {
    fake.faults.add({ match: { method: 'POST', path: '/v5/pins' }, action: { type: 'spam' } })
    const err = await failure(client.createImagePinFromUrl('https://e.com/a.jpg', { boardId }))
    expect(err.kind).toBe('spam_blocked')
    expect(faulted('POST', '/v5/pins', 'spam')).toBe(1)
    expect(waits).toEqual([])
  })
})

describe('unsafe creates', () => {
  it('a Pin create whose answer is lost after the body was sent is not retried: outcomeUnknown', async () => {
    const pinsBefore = fake.pins.length
    fake.faults.add({
      match: { method: 'POST', path: '/v5/pins' },
      times: 1,
      action: { type: 'reset_after_commit' },
    })
    const err = await failure(client.createImagePinFromUrl('https://e.com/a.jpg', { boardId, title: 'once' }))
    expect(err).toMatchObject({ kind: 'transient', details: { outcomeUnknown: true } })
    expect(fake.pins.length - pinsBefore).toBe(1)
    expect(faulted('POST', '/v5/pins', 'reset_after_commit')).toBe(1)
    expect(requestsTo(fake, 'POST', '/v5/pins').at(-1)!.fault).toBe('reset_after_commit')
  })

  it('a Pin create answered 504 is sent once and not retried: outcomeUnknown', async () => {
    const pinsBefore = fake.pins.length
    const sentBefore = requestsTo(fake, 'POST', '/v5/pins').length
    fake.faults.add({
      match: { method: 'POST', path: '/v5/pins' },
      times: 1,
      action: { type: 'status', status: 504 },
    })
    const err = await failure(
      client.createImagePinFromUrl('https://e.com/a.jpg', { boardId, title: 'gateway' }),
    )
    expect(err).toMatchObject({ kind: 'transient', details: { status: 504, outcomeUnknown: true } })
    expect(requestsTo(fake, 'POST', '/v5/pins').length - sentBefore).toBe(1)
    expect(waits).toEqual([])
    // The fault is used up: the next send would have been answered 201, which is why a blind resend could duplicate.
    expect(fake.pins.length - pinsBefore).toBe(0)
    await client.createImagePinFromUrl('https://e.com/a.jpg', { boardId, title: 'gateway' })
    expect(fake.pins.length - pinsBefore).toBe(1)
  })

  it('POST /v5/media answered 502 is sent once: outcomeUnknown', async () => {
    fake.faults.add({
      match: { method: 'POST', path: '/v5/media' },
      times: 1,
      action: { type: 'status', status: 502 },
    })
    const before = requestsTo(fake, 'POST', '/v5/media').length
    const err = await failure(client.registerMedia())
    expect(err).toMatchObject({ kind: 'transient', details: { status: 502, outcomeUnknown: true } })
    expect(requestsTo(fake, 'POST', '/v5/media').length - before).toBe(1)
  })

  it('a Pin create answered 429 (nothing created) is still retried and creates one Pin', async () => {
    const pinsBefore = fake.pins.length
    fake.faults.add({
      match: { method: 'POST', path: '/v5/pins' },
      times: 1,
      action: { type: 'rate_limit', retryAfterSec: 2 },
    })
    const pin = await client.createImagePinFromUrl('https://e.com/a.jpg', { boardId })
    expect(fake.pins.length - pinsBefore).toBe(1)
    expect(fake.pins.at(-1)!.id).toBe(pin.id)
    expect(waits).toEqual([2000])
  })

  it('a Pin create answered 401 refreshes the token and is sent again once', async () => {
    const pinsBefore = fake.pins.length
    fake.expireAccessToken(tokens.access)
    await client.createImagePinFromUrl('https://e.com/a.jpg', { boardId })
    expect(tokens.refreshes).toBe(1)
    expect(
      requestsTo(fake, 'POST', '/v5/pins')
        .slice(-2)
        .map((r) => r.status),
    ).toEqual([401, 201])
    expect(fake.pins.length - pinsBefore).toBe(1)
  })

  it('the same for POST /v5/media', async () => {
    fake.faults.add({
      match: { method: 'POST', path: '/v5/media' },
      times: 1,
      action: { type: 'reset_after_commit' },
    })
    const before = requestsTo(fake, 'POST', '/v5/media').length
    const err = await failure(client.registerMedia())
    expect(err.details.outcomeUnknown).toBe(true)
    expect(requestsTo(fake, 'POST', '/v5/media').length - before).toBe(1)
  })

  it('a reset while the image body is still being sent is safe to retry, and creates exactly one Pin', async () => {
    const path = writeBigJpeg(dir, 'reset.jpg', 16 * 1024 * 1024)
    fake.faults.add({
      match: { method: 'POST', path: '/v5/pins' },
      times: 1,
      action: { type: 'reset', afterBytes: 64 * 1024 },
    })
    const pinsBefore = fake.pins.length
    const pin = await client.createImagePinFromFile({ path, contentType: 'image/jpeg' }, { boardId })
    expect(fake.pins.length - pinsBefore).toBe(1)
    expect(fake.pins.at(-1)!.id).toBe(pin.id)
    expect(
      requestsTo(fake, 'POST', '/v5/pins')
        .slice(-2)
        .map((r) => r.fault),
    ).toEqual(['reset', null])
  })

  it('a refused connection (nothing sent) is retried, never outcome-unknown', async () => {
    const srv = createServer()
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()))
    const port = (srv.address() as { port: number }).port
    await new Promise<void>((r) => srv.close(() => r()))
    const c = createPinterestClient({ apiBase: `http://127.0.0.1:${port}/v5`, tokens, governor: governor(3) })
    try {
      const err = await failure(c.createImagePinFromUrl('https://e.com/a.jpg', { boardId }))
      expect(err.kind).toBe('transient')
      expect(err.details.outcomeUnknown).toBeUndefined()
      expect(waits).toHaveLength(2)
    } finally {
      await c.close()
    }
  })
})

describe('cancellation', () => {
  it('aborting an image Pin mid-stream rejects with cancelled and creates nothing', async () => {
    const path = writeBigJpeg(dir, 'cancel.jpg', 16 * 1024 * 1024)
    fake.faults.add({ match: { method: 'POST', path: '/v5/pins' }, action: { type: 'delay', ms: 0 } })
    const ac = new AbortController()
    const pinsBefore = fake.pins.length
    const err = await failure(
      client.createImagePinFromFile(
        { path, contentType: 'image/jpeg' },
        { boardId },
        {
          signal: ac.signal,
          onProgress: (s) => {
            if (s > 2 * 1024 * 1024) ac.abort()
          },
        },
      ),
    )
    expect(err.kind).toBe('cancelled')
    expect(fake.pins.length).toBe(pinsBefore)
  })

  it('a signal aborted before the call sends nothing', async () => {
    const ac = new AbortController()
    ac.abort()
    const before = fake.requests.length
    const path = writeImage(dir, 'x.jpg', 'jpeg')
    expect(
      (
        await failure(
          client.createImagePinFromFile(
            { path, contentType: 'image/jpeg' },
            { boardId },
            { signal: ac.signal },
          ),
        )
      ).kind,
    ).toBe('cancelled')
    expect(fake.requests.length).toBe(before)
  })
})
