import { afterEach, describe, expect, it } from 'vitest'
import { type PinterestApi } from '../../src/main/pinterest/api-types'
import { ApiError } from '../../src/main/pinterest/api-error'
import { imageFilePinBody } from '../../src/main/pinterest/pin-requests'
import { BufferPool, type Lease } from '../../src/main/pipeline/buffer-pool'
import { harness, jpegBytes, type Harness } from './pipeline-fixtures'
import { waitFor } from '../support/wait-for'

describe('BufferPool', () => {
  it('lends exactly the size asked for and lends a returned slab again', () => {
    const pool = new BufferPool(1024 * 1024)
    const a = pool.take(70_000)
    expect(a.bytes.length).toBe(70_000)
    const slab = a.bytes.buffer
    a.release()
    const b = pool.take(100_000)
    expect(b.bytes.length).toBe(100_000)
    expect(b.bytes.buffer).toBe(slab)
    // Out on loan: the next borrower gets another slab.
    expect(pool.take(100_000).bytes.buffer).not.toBe(slab)
  })

  it('ignores a second release, so one slab is never lent twice at once', () => {
    const pool = new BufferPool(1024 * 1024)
    const a = pool.take(10)
    a.release()
    a.release()
    const b = pool.take(10)
    const c = pool.take(10)
    expect(b.bytes.buffer).not.toBe(c.bytes.buffer)
  })

  it('keeps at most keepPerSize free slabs of a size, none above maxBytes, and nothing after clear()', () => {
    const pool = new BufferPool(256 * 1024, 2)
    const leases = Array.from({ length: 5 }, () => pool.take(100_000))
    for (const l of leases) l.release()
    expect(pool.heldBytes).toBe(2 * 128 * 1024)
    pool.take(300_000).release()
    expect(pool.heldBytes).toBe(2 * 128 * 1024)
    pool.clear()
    expect(pool.heldBytes).toBe(0)
  })
})

/** A pool that counts what is out on loan. */
class CountingPool extends BufferPool {
  taken = 0
  out = 0
  override take(size: number): Lease {
    const l = super.take(size)
    this.taken++
    this.out++
    let back = false
    return {
      bytes: l.bytes,
      release: () => {
        if (!back) this.out--
        back = true
        l.release()
      },
    }
  }
}

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

describe('pipeline buffers', () => {
  it('every buffer lent for a photo comes back: published, duplicate, refused, lost answer, parked at quit', async () => {
    const pool = new CountingPool(2 * 1024 * 1024)
    h = harness({ buffers: pool, settings: { concurrency: 3 } })
    const t = h
    // Build the body as the real client does, so the body buffer is lent too.
    const api = t.api
    const original = api.createImagePinFromFile.bind(api)
    const build: PinterestApi['createImagePinFromFile'] = (file, pin, o) => {
      if (file.read)
        imageFilePinBody({ ...file, size: file.read.bytes.length, mtimeMs: file.read.mtimeMs }, pin, 1024)
      return original(file, pin, o)
    }
    api.createImagePinFromFile = build
    const good = ['a.jpg', 'b.jpg', 'c.jpg'].map((n) => t.image(n))
    const twin = t.file('twin.jpg', jpegBytes('a.jpg'))
    const refused = t.image('refused.jpg')
    const lost = t.image('lost.jpg')
    const parked = t.image('parked.jpg')
    let creates = 0
    api.fault = (method) => {
      if (method !== 'createImagePinFromFile') return undefined
      creates++
      if (creates === 4) return new ApiError('validation', 'Image too small.', { status: 400 })
      if (creates === 5) return 'commit-then-lose'
      return undefined
    }
    const first = t.queue.enqueue(
      good.map((p) => t.draft(p)),
      { kind: 'cli', label: 'first' },
    )
    t.queue.start()
    await t.queue.whenIdle()
    t.queue.enqueue(
      [twin, refused, lost].map((p) => t.draft(p)),
      { kind: 'cli', label: 'second' },
    )
    await t.queue.whenIdle()
    // Held open, then the queue shuts down (the app quits) while the create is in flight.
    api.gate = new Promise<void>(() => {})
    api.gateOnly = ['createImagePinFromFile']
    t.queue.enqueue([t.draft(parked)], { kind: 'cli', label: 'third' })
    await waitFor('the create to be in flight', () => Boolean(api.active.get('createImagePinFromFile')), {
      intervalMs: 2,
    })
    expect(pool.out).toBe(2)
    await t.queue.shutdown()

    const states = Object.fromEntries(t.queue.list().items.map((i) => [i.name, i.state]))
    expect(states).toMatchObject({
      'a.jpg': 'published',
      'twin.jpg': 'skipped',
      'refused.jpg': 'failed',
      'parked.jpg': 'creating',
    })
    expect(['creating', 'published']).toContain(states['lost.jpg'])
    expect(first.queued).toBe(3)
    // Two leases per photo that reached a create (file + body), one per photo that did not.
    expect(pool.taken).toBeGreaterThanOrEqual(2 * 6 + 1)
    expect(pool.out).toBe(0)
  })
})
