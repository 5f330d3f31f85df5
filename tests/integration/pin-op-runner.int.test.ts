import { afterEach, describe, expect, it, vi } from 'vitest'
import { ItemRepository } from '../../src/main/db/item-repository'
import { PinOperationRepository } from '../../src/main/db/pin-operation-repository'
import { silentLogger } from '../../src/main/logging/logger'
import { PinOperationRunner, type PinOpRunnerDeps } from '../../src/main/pipeline/pin-op-runner'
import { PinCheckRepository } from '../../src/main/db/pin-check-repository'
import { ApiError } from '../../src/main/pinterest/api-error'
import { harness, type Harness } from './pipeline-fixtures'

/** The runner of queued Pin updates and removals (issue 15) on a real database. */
let h: Harness
afterEach(() => h.close())

describe('PinOperationRunner', () => {
  it('sends two updates of one Pin one after the other, never both at once, the later one last', async () => {
    h = harness()
    h.queue.enqueue([h.draft(h.image('u.jpg'))], { kind: 'cli', label: 'u' })
    h.queue.start()
    await h.queue.whenIdle()
    expect(h.queue.list().items[0]?.state).toBe('published')
    const itemId = h.queue.list().items[0]!.id
    const pinId = h.api.pins[0]!.id
    const ops = new PinOperationRepository(h.db)
    h.db.transaction(() =>
      ops.add([
        { itemId, kind: 'update', pinId, patch: JSON.stringify({ title: 'first' }) },
        { itemId, kind: 'update', pinId, patch: JSON.stringify({ title: 'second' }) },
      ]),
    )
    h.api.maxInFlight = 0
    const runner = new PinOperationRunner({
      db: h.db,
      items: new ItemRepository(h.db),
      apiFor: () => h.api,
      logger: silentLogger,
    })
    await runner.drain()
    expect(h.api.maxInFlight).toBe(1)
    expect(h.api.pins[0]!.title).toBe('second')
    expect(ops.open()).toEqual([])

    // Once its Pin is unpublished, the file no longer counts as published: it may be published again.
    const items = new ItemRepository(h.db)
    const hash = items.get(itemId)!.content_hash!
    const boardId = items.get(itemId)!.board_id
    expect(items.findPublishedSame(hash, boardId, -1)?.id).toBe(itemId)
    h.db.transaction(() => ops.add([{ itemId, kind: 'delete', pinId }]))
    await runner.drain()
    expect(items.findPublishedSame(hash, boardId, -1)).toBeUndefined()
  })

  /** A published photo and its Pin, through the queue; an operations repository and a runner over them. */
  async function published(name: string, runner: Partial<PinOpRunnerDeps> = {}) {
    h = harness()
    h.queue.enqueue([h.draft(h.image(name))], { kind: 'cli', label: name })
    h.queue.start()
    await h.queue.whenIdle()
    const itemId = h.queue.list().items[0]!.id
    const pinId = h.api.pins[0]!.id
    const ops = new PinOperationRepository(h.db)
    const make = () =>
      new PinOperationRunner({
        db: h.db,
        items: new ItemRepository(h.db),
        apiFor: () => h.api,
        logger: silentLogger,
        ...runner,
      })
    return { itemId, pinId, ops, make }
  }

  it('a passing problem (503, 429, a token to renew) leaves the removal waiting, saying why; it goes later', async () => {
    const { itemId, pinId, ops, make } = await published('w.jpg', { retryLater: true, retryFirstMs: 50 })
    const [opId] = h.db.transaction(() => ops.add([{ itemId, kind: 'delete', pinId }]))
    let failures = 2
    h.api.fault = (method) =>
      method === 'deletePin' && failures-- > 0
        ? new ApiError('transient', 'Pinterest answered 503 Service Unavailable.', { status: 503 })
        : undefined
    const runner = make()
    await runner.drain()
    const waiting = ops.byIds([opId!])[0]!
    expect(waiting.state).toBe('pending')
    expect(waiting.errorMessage).toBe('Waiting: Pinterest answered 503 Service Unavailable.')
    expect(h.api.pins).toHaveLength(1)
    // Tried again by itself (the app's runner), twice, until the Pin is gone; nothing failed.
    await vi.waitFor(() => expect(ops.byIds([opId!])[0]!.state).toBe('done'), { timeout: 10_000 })
    expect(h.api.count('deletePin')).toBe(3)
    expect(h.api.pins).toHaveLength(0)
    runner.stop()
  })

  it('a refusal that will not pass fails the operation for good', async () => {
    const { itemId, pinId, ops, make } = await published('f.jpg')
    const [opId] = h.db.transaction(() =>
      ops.add([{ itemId, kind: 'update', pinId, patch: JSON.stringify({ link: 'https://example.com/x' }) }]),
    )
    h.api.fault = (method) =>
      method === 'updatePin' ? new ApiError('validation', 'Invalid link.', { status: 400 }) : undefined
    await make().drain()
    expect(ops.byIds([opId!])[0]).toMatchObject({ state: 'failed', errorMessage: 'Invalid link.' })
  })

  it('sends nothing while another process runs the queue; once it runs here, a drain asked twice sends once', async () => {
    const { itemId, pinId, ops, make } = await published('l.jpg', { maySend: () => false })
    const [opId] = h.db.transaction(() => ops.add([{ itemId, kind: 'delete', pinId }]))
    await make().drain()
    expect(h.api.count('deletePin')).toBe(0)
    expect(ops.byIds([opId!])[0]!.state).toBe('pending')

    // Once this process runs the queue: a drain asked twice at once (the window twice) sends it once.
    let mine = false
    const runner = new PinOperationRunner({
      db: h.db,
      items: new ItemRepository(h.db),
      apiFor: () => h.api,
      logger: silentLogger,
      maySend: () => mine,
    })
    mine = true
    h.api.delayMs = 30
    await Promise.all([runner.drain(), runner.drain()])
    expect(h.api.count('deletePin')).toBe(1)
    expect(ops.byIds([opId!])[0]!.state).toBe('done')
  })

  it('a Pin read back as gone no longer blocks publishing the same file to its board again', async () => {
    const { itemId, pinId } = await published('g.jpg')
    const items = new ItemRepository(h.db)
    const { content_hash: hash, board_id: boardId } = items.get(itemId)!
    expect(items.findPublishedSame(hash!, boardId, -1)?.id).toBe(itemId)
    new PinCheckRepository(h.db).record({ itemId, pinId, checkedAt: Date.now(), found: false })
    expect(items.findPublishedSame(hash!, boardId, -1)).toBeUndefined()
    // Found again by a later read (the same Pin): it counts as published once more.
    new PinCheckRepository(h.db).record({ itemId, pinId, checkedAt: Date.now(), found: true })
    expect(items.findPublishedSame(hash!, boardId, -1)?.id).toBe(itemId)
  })
})
