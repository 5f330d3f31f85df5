import { afterEach, describe, expect, it } from 'vitest'
import { ApiError } from '../../src/main/pinterest/api-error'
import { openDatabaseFile } from '../../src/main/db/connection'
import { UploadQueue } from '../../src/main/pipeline/upload-queue'
import { PinOperationRepository } from '../../src/main/db/pin-operation-repository'
import { harness, type Harness } from './pipeline-fixtures'
import { deferred } from './pipeline-memory-api'
import { waitFor } from '../support/wait-for'

let h: Harness
afterEach(() => h.close())

const states = () => h.queue.list().items.map((i) => i.state)

describe('pause, resume, cancel, retry', () => {
  it('pauseAll parks running work and starts nothing until resumeAll', async () => {
    h = harness({ settings: { concurrency: 2 } })
    const gate = deferred()
    h.api.gate = gate.promise
    h.api.gateOnly = ['uploadMedia']
    const files = [h.video('v1.mp4'), h.image('i1.jpg'), h.image('i2.jpg')]
    h.queue.enqueue(
      files.map((p) => h.draft(p)),
      { kind: 'cli', label: 'p' },
    )
    h.queue.start()
    await waitFor('the video upload to start', () => h.api.count('uploadMedia') === 1)
    const totals = h.queue.pauseAll('Paused by you')
    expect(totals).toMatchObject({ paused: true, pausedReason: 'Paused by you' })
    await h.queue.whenIdle()
    gate.resolve()
    h.api.gate = null
    // The interrupted upload went back to queued, with its media id kept for the resume.
    const v = h.queue.list().items.find((i) => i.name === 'v1.mp4')!
    expect(['queued', 'published']).toContain(v.state)
    // Idle while paused means nothing runs and nothing may start: with no call open to the API either, no Pin can
    // appear before the resume (the queue's own signal, instead of watching the Pins for a while).
    const createdWhilePaused = h.api.pins.length
    const callsWhilePaused = h.api.calls.length
    await h.queue.whenIdle()
    expect(h.queue.list().totals.paused).toBe(true)
    expect(h.api.inFlight).toBe(0)
    expect(h.api.calls).toHaveLength(callsWhilePaused)
    expect(h.api.pins).toHaveLength(createdWhilePaused)
    h.queue.resumeAll()
    await h.queue.whenIdle()
    expect(states()).toEqual(['published', 'published', 'published'])
    // Re-registering is allowed (policy may lapse) but the video was uploaded only once successfully.
    expect(h.api.pins.filter((p) => p.source.startsWith('media:'))).toHaveLength(1)
  })

  it('cancels one item or a whole batch, and retry brings them back', async () => {
    h = harness({ settings: { concurrency: 1 } })
    const a = h.queue.enqueue([h.draft(h.image('a1.jpg')), h.draft(h.image('a2.jpg'))], {
      kind: 'cli',
      label: 'a',
    })
    const b = h.queue.enqueue([h.draft(h.image('b1.jpg'))], { kind: 'cli', label: 'b' })
    expect(h.queue.cancel({ batchId: a.batchId })).toBe(2)
    const bItem = h.queue.list().items.find((i) => i.batchId === b.batchId)!
    expect(h.queue.cancel({ itemId: bItem.id })).toBe(1)
    h.queue.start()
    await h.queue.whenIdle()
    expect(states()).toEqual(['cancelled', 'cancelled', 'cancelled'])
    expect(h.api.pins).toHaveLength(0)
    expect(h.queue.retry({ batchId: a.batchId })).toBe(2)
    await h.queue.whenIdle()
    expect(states()).toEqual(['published', 'published', 'cancelled'])
    expect(h.queue.cancel({ batchId: a.batchId })).toBe(0)
  })

  it('cancels an item while its upload runs', async () => {
    h = harness()
    const gate = deferred()
    h.api.gate = gate.promise
    h.api.gateOnly = ['uploadMedia']
    h.queue.enqueue([h.draft(h.video('v.mp4'))], { kind: 'cli', label: 'v' })
    h.queue.start()
    await waitFor('the video upload to start', () => h.api.count('uploadMedia') === 1)
    expect(h.queue.cancel({ itemId: h.queue.list().items[0]!.id })).toBe(1)
    await h.queue.whenIdle()
    expect(states()).toEqual(['cancelled'])
    gate.resolve()
  })

  it('picks up a pause, a resume and a cancel written by another process (the command next to the app)', async () => {
    h = harness({ settings: { concurrency: 1 } })
    const gate = deferred()
    h.api.gate = gate.promise
    h.api.gateOnly = ['uploadMedia']
    h.queue.enqueue([h.draft(h.video('v.mp4')), h.draft(h.image('later.jpg'))], {
      kind: 'cli',
      label: 'outside',
    })
    h.queue.start()
    await waitFor('the video upload to start', () => h.api.count('uploadMedia') === 1)
    // `pinload cancel` / `pinload pause`: their own connection and an idle queue that runs nothing.
    const cliDb = openDatabaseFile(h.db.file)
    const cli = new UploadQueue({ db: cliDb, apiFor: () => null, settings: () => h.settings })
    const video = h.queue.list().items[0]!
    // Another process would wait for the app's open commit; in one process that wait would block the app.
    await h.db.committed()
    expect(cli.cancel({ itemId: video.id })).toBe(1)
    cli.pauseAll('Paused from the command line')
    h.queue.pickUpOutsideChanges()
    await h.queue.whenIdle()
    expect(states()).toEqual(['cancelled', 'queued'])
    expect(h.queue.list().totals).toMatchObject({
      paused: true,
      pausedReason: 'Paused from the command line',
    })
    expect(h.queue.list().items[0]!.error).toBeUndefined()
    gate.resolve()
    h.api.gate = null
    await h.db.committed()
    cli.resumeAll()
    h.queue.pickUpOutsideChanges()
    await h.queue.whenIdle()
    expect(states()).toEqual(['cancelled', 'published'])
    expect(h.api.pins).toHaveLength(1)
    await cli.shutdown()
    cliDb.close()
  })

  it('remove deletes an item and reports it removed', async () => {
    h = harness()
    h.queue.enqueue([h.draft(h.image('r.jpg'))], { kind: 'cli', label: 'r' })
    const id = h.queue.list().items[0]!.id
    h.queue.remove(id)
    expect(h.queue.list().items).toHaveLength(0)
    await waitFor('the removal to be reported', () => h.events.some((e) => e.removed.includes(id)))
  })

  it('remove refuses an item with a Pin removal still to send, which would otherwise vanish with it', () => {
    h = harness()
    h.queue.enqueue([h.draft(h.image('o.jpg'))], { kind: 'cli', label: 'o' })
    const id = h.queue.list().items[0]!.id
    const ops = new PinOperationRepository(h.db)
    const [op] = h.db.transaction(() => ops.add([{ itemId: id, kind: 'delete', pinId: '4242' }]))
    expect(() => h.queue.remove(id)).toThrow(/still to send/)
    expect(ops.open().map((o) => o.id)).toEqual([op])
    ops.mark(op!, 'done')
    h.queue.remove(id)
    expect(h.queue.list().items).toHaveLength(0)
  })
})

describe('errors', () => {
  it('retries transient errors with backoff, then fails after maxAttempts', async () => {
    h = harness({ maxAttempts: 3 })
    h.api.fault = (m, n) =>
      m === 'createImagePinFromFile' && n <= 2
        ? new ApiError('transient', 'HTTP 503', { status: 503, outcomeUnknown: false })
        : undefined
    h.queue.enqueue([h.draft(h.image('t.jpg'))], { kind: 'cli', label: 't' })
    h.queue.start()
    await h.queue.whenIdle()
    expect(h.queue.list().items[0]).toMatchObject({ state: 'published', attempts: 2 })

    h.api.fault = (m) =>
      m === 'createImagePinFromFile'
        ? new ApiError('transient', 'HTTP 503', { outcomeUnknown: false })
        : undefined
    h.queue.enqueue([h.draft(h.image('u.jpg'))], { kind: 'cli', label: 'u' })
    await h.queue.whenIdle()
    const u = h.queue.list().items.find((i) => i.name === 'u.jpg')!
    expect(u).toMatchObject({ state: 'failed', attempts: 3, error: { kind: 'transient' } })
  })

  it('fails validation errors at once with the API message', async () => {
    h = harness()
    h.api.fault = (m) =>
      m === 'createImagePinFromFile'
        ? new ApiError('validation', 'Title too long', { fix: 'Shorten it' })
        : undefined
    h.queue.enqueue([h.draft(h.image('v.jpg'))], { kind: 'cli', label: 'v' })
    h.queue.start()
    await h.queue.whenIdle()
    expect(h.queue.list().items[0]).toMatchObject({
      state: 'failed',
      error: { kind: 'validation', message: 'Title too long', fix: 'Shorten it' },
    })
  })

  it('an auth failure pauses only that account, fails nothing, and resumeAccount continues', async () => {
    let account = 'alice'
    h = harness({ accountKeyFor: () => account })
    let authBroken = true
    h.api.fault = (m) =>
      m === 'createImagePinFromFile' && authBroken ? new ApiError('auth', 'Token expired') : undefined
    h.queue.enqueue([h.draft(h.image('a.jpg'))], { kind: 'cli', label: 'a' })
    h.queue.start()
    await h.queue.whenIdle()
    expect(h.queue.list().items[0]).toMatchObject({
      state: 'queued',
      error: { kind: 'auth', fix: 'Sign in again to continue' },
    })
    // Only alice's items wait: the queue itself is not paused, and the totals say whose items wait (issue 15).
    expect(h.queue.list().totals).toMatchObject({
      paused: false,
      waitingAccounts: [{ key: 'alice', reason: 'Sign in again to continue', items: 1 }],
    })
    authBroken = false
    account = 'bob'
    h.queue.enqueue([h.draft(h.image('b.jpg'))], { kind: 'cli', label: 'b' })
    await h.queue.whenIdle()
    expect(h.queue.list().items.map((i) => i.state)).toEqual(['queued', 'published'])
    h.queue.resumeAccount('alice')
    await h.queue.whenIdle()
    expect(states()).toEqual(['published', 'published'])
  })

  it('an account whose waiting items are all removed or cancelled no longer waits', async () => {
    h = harness({ accountKeyFor: () => 'alice' })
    h.api.fault = (m) => (m === 'createImagePinFromFile' ? new ApiError('auth', 'Token expired') : undefined)
    h.queue.enqueue([h.draft(h.image('a1.jpg'))], { kind: 'cli', label: 'a' })
    h.queue.start()
    await h.queue.whenIdle()
    h.queue.enqueue([h.draft(h.image('a2.jpg')), h.draft(h.image('a3.jpg'))], { kind: 'cli', label: 'a' })
    await h.queue.whenIdle()
    expect(h.queue.list().totals.waitingAccounts).toEqual([
      { key: 'alice', reason: 'Sign in again to continue', items: 3 },
    ])
    const [a1, a2, a3] = h.queue.list().items
    h.queue.remove(a1!.id)
    h.queue.cancel({ itemId: a2!.id })
    expect(h.queue.list().totals.waitingAccounts).toEqual([
      { key: 'alice', reason: 'Sign in again to continue', items: 1 },
    ])
    h.queue.remove(a3!.id)
    // Nothing of alice's is held back any more: no note that would stay until a restart.
    expect(h.queue.list().totals.waitingAccounts).toBeUndefined()
  })

  it('a spam block pauses the whole queue with the reason', async () => {
    h = harness()
    h.api.fault = (m, n) =>
      m === 'createImagePinFromFile' && n === 1 ? new ApiError('spam_blocked', 'Blocked as spam') : undefined
    h.queue.enqueue([h.draft(h.image('s1.jpg')), h.draft(h.image('s2.jpg'))], { kind: 'cli', label: 's' })
    h.queue.start()
    await h.queue.whenIdle()
    expect(h.queue.list().totals).toMatchObject({ paused: true, pausedReason: 'Blocked as spam' })
    expect(h.queue.list().items.some((i) => i.state === 'failed')).toBe(false)
    h.queue.resumeAll()
    await h.queue.whenIdle()
    expect(states()).toEqual(['published', 'published'])
  })

  it('a media that fails processing fails the item; retry registers a new one', async () => {
    h = harness()
    let failNext = true
    h.api.fault = (m) => {
      if (m === 'getMediaStatus' && failNext) {
        for (const md of h.api.media.values()) md.status = 'failed'
      }
      return undefined
    }
    h.queue.enqueue([h.draft(h.video('m.mp4'))], { kind: 'cli', label: 'm' })
    h.queue.start()
    await h.queue.whenIdle()
    expect(h.queue.list().items[0]).toMatchObject({ state: 'failed', error: { kind: 'media_failed' } })
    failNext = false
    expect(h.queue.retry({ itemId: h.queue.list().items[0]!.id })).toBe(1)
    await h.queue.whenIdle()
    expect(h.queue.list().items[0]!.state).toBe('published')
    expect(h.api.count('registerMedia')).toBe(2)
  })
})
