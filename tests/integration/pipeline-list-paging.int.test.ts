import { afterEach, describe, expect, it } from 'vitest'
import { harness, type Harness } from './pipeline-fixtures'

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

describe('the queue list in pages', () => {
  it('returns items in queue order, a page after another, with totals for the whole queue', () => {
    h = harness()
    const drafts = ['a', 'b', 'c', 'd', 'e'].map((n) => h!.draft(h!.image(`${n}.jpg`)))
    h.queue.enqueue(drafts, { kind: 'drop', label: 'five' })

    const all = h.queue.list()
    expect(all.items.map((i) => i.name)).toEqual(['a.jpg', 'b.jpg', 'c.jpg', 'd.jpg', 'e.jpg'])

    const first = h.queue.list({ limit: 2 })
    expect(first.items.map((i) => i.name)).toEqual(['a.jpg', 'b.jpg'])
    expect(first.totals.total).toBe(5)

    const rest = h.queue.list({ afterId: first.items.at(-1)!.id })
    expect(rest.items.map((i) => i.name)).toEqual(['c.jpg', 'd.jpg', 'e.jpg'])

    const middle = h.queue.list({ afterId: first.items.at(-1)!.id, limit: 1 })
    expect(middle.items.map((i) => i.name)).toEqual(['c.jpg'])
    expect(h.queue.list({ afterId: all.items.at(-1)!.id }).items).toEqual([])
  })
})
