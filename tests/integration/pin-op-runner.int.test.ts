import { afterEach, describe, expect, it } from 'vitest'
import { ItemRepository } from '../../src/main/db/item-repository'
import { PinOperationRepository } from '../../src/main/db/pin-operation-repository'
import { silentLogger } from '../../src/main/logging/logger'
import { PinOperationRunner } from '../../src/main/pipeline/pin-op-runner'
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
})
