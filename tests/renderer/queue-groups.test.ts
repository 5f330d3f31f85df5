import { describe, expect, it } from 'vitest'
import { buildQueueView, failuresByKind, nameOfBatch } from '../../src/renderer/src/store/queue-groups'
import { formatCountdown } from '../../src/renderer/src/lib/format'
import { useStore } from '../../src/renderer/src/store/store'
import type { ItemError, ItemState, ItemView } from '../../src/shared/domain'

function item(id: number, batchId: number, state: ItemState, path: string, error?: ItemError): ItemView {
  return {
    id,
    batchId,
    name: path.split('/').at(-1)!,
    path,
    state,
    bytesSent: 0,
    bytesTotal: 1,
    attempts: 0,
    updatedAt: 0,
    ...(error && { error }),
  }
}

const byId = (list: ItemView[]) => Object.fromEntries(list.map((i) => [i.id, i]))

describe('batch names', () => {
  it('name a batch after the folder its files share, the file when alone, the site of URLs', () => {
    expect(
      nameOfBatch([
        { name: 'a', path: '/h/ana/Pictures/Lisbon/a.jpg' },
        { name: 'b', path: '/h/ana/Pictures/Lisbon/day 2/b.jpg' },
      ]),
    ).toBe('Lisbon')
    expect(nameOfBatch([{ name: 'a.jpg', path: 'C:\\Users\\ana\\Desktop\\a.jpg' }])).toBe('a.jpg')
    expect(nameOfBatch([{ name: 'x', url: 'https://images.example.com/x.jpg' }])).toBe(
      'Images from images.example.com',
    )
    expect(
      nameOfBatch([
        { name: 'a', path: '/a/one/x.jpg' },
        { name: 'b', path: '/b/two/y.jpg' },
      ]),
    ).toBe('one and others')
  })

  it('use the label main kept for the batch (a CSV, a watched folder), unless it only counts the items', () => {
    const a = { name: 'a', path: '/h/ana/Pictures/Lisbon/a.jpg' }
    expect(nameOfBatch([{ ...a, batchLabel: 'spring-pins.csv' }])).toBe('spring-pins.csv')
    expect(nameOfBatch([{ ...a, batchLabel: '/h/ana/Watched/Shop' }])).toBe('Shop')
    expect(nameOfBatch([{ ...a, batchLabel: '3 items' }])).toBe('a.jpg')
  })
})

describe('the grouped queue', () => {
  const list = [
    item(1, 1, 'published', '/p/Summer/1.jpg'),
    item(2, 1, 'queued', '/p/Summer/2.jpg'),
    item(3, 2, 'queued', '/p/Recipes/3.jpg'),
    item(4, 2, 'failed', '/p/Recipes/4.jpg', { kind: 'file', message: 'gone' }),
    item(5, 2, 'needs_attention', '/p/Recipes/5.jpg', { kind: 'not_found', message: 'board gone' }),
    item(6, 1, 'uploading', '/p/Summer/6.jpg', { kind: 'rate_limited', message: '429' }),
  ]
  const items = byId(list)
  const ids = list.map((i) => i.id)

  it('puts the group that needs the user first, and inside a group what needs the user first', () => {
    const v = buildQueueView(items, ids, 'all', {}, {})
    expect(v.entries.map((e) => (e.kind === 'group' ? e.group.name : e.id))).toEqual([
      'Recipes',
      4,
      5,
      3,
      'Summer',
      1,
      2,
      6,
    ])
    expect(v.order).toEqual([4, 5, 3, 1, 2, 6])
    const recipes = v.entries[0]!
    expect(recipes.kind === 'group' && recipes.group).toMatchObject({ total: 3, needsYou: 2, shown: 3 })
    expect(v.rateLimited).toBe(1)
  })

  it('leaves out folded groups’ rows, hidden items, and groups the filter empties', () => {
    const v = buildQueueView(items, ids, 'active', { 1: true }, { 3: true })
    expect(v.entries.map((e) => (e.kind === 'group' ? e.group.name : e.id))).toEqual(['Summer'])
    expect(buildQueueView(items, ids, 'published', {}, {}).order).toEqual([1])
  })

  it('groups what needs the user by kind, the largest first', () => {
    const more = byId([...list, item(7, 1, 'failed', '/p/Summer/7.jpg', { kind: 'file', message: 'x' })])
    expect(failuresByKind(more, [...ids, 7], {})).toEqual([
      { kind: 'file', ids: [4, 7] },
      { kind: 'not_found', ids: [5] },
    ])
  })
})

describe('toasts', () => {
  it('the same words again count on one toast; an Undo toast runs its commit only when it expires', () => {
    const { pushToast, dismissToast } = useStore.getState()
    const a = pushToast('error', 'Could not copy')
    expect(pushToast('error', 'Could not copy')).toBe(a)
    expect(useStore.getState().toasts.find((t) => t.id === a)?.count).toBe(2)
    let committed = 0
    const undo = pushToast('info', 'Removed 3 items.', {
      action: { label: 'Undo', run: () => undefined },
      onExpire: () => committed++,
    })
    dismissToast(undo, true)
    expect(committed).toBe(0)
    const again = pushToast('info', 'Removed 3 items.', {
      action: { label: 'Undo', run: () => undefined },
      onExpire: () => committed++,
    })
    dismissToast(again)
    expect(committed).toBe(1)
  })
})

describe('the slow-down countdown', () => {
  it('counts down to the earliest retryAt main sent for an item waiting on the rate limit', () => {
    const limited: ItemError = { kind: 'rate_limited', message: '429' }
    const list = [
      { ...item(1, 1, 'queued', '/p/a.jpg', limited), retryAt: 9_000 },
      { ...item(2, 1, 'queued', '/p/b.jpg', limited), retryAt: 5_000 },
      // Not rate limited: its own back-off is no reason for the banner.
      { ...item(3, 1, 'queued', '/p/c.jpg', { kind: 'transient', message: 'reset' }), retryAt: 1_000 },
    ]
    const v = buildQueueView(byId(list), [1, 2, 3], 'all', {}, {})
    expect([v.rateLimited, v.resumeAt]).toEqual([2, 5_000])
    expect(buildQueueView(byId([item(4, 1, 'queued', '/p/d.jpg')]), [4], 'all', {}, {}).resumeAt).toBeNull()
  })

  it('says the wait in words', () => {
    expect(formatCountdown(1_000 + 45_000, 1_000)).toBe('in 45 s')
    expect(formatCountdown(4 * 60_000, 0)).toBe('in 4 min')
    expect(formatCountdown(65 * 60_000, 0)).toBe('in 1 h 5 min')
    expect(formatCountdown(0, 10)).toBe('any moment now')
  })
})
