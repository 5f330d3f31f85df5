import { describe, expect, it } from 'vitest'
import { ThumbnailCache } from '../../src/renderer/src/features/queue/thumbnail-cache'

describe('the window keeps a bounded set of thumbnails', () => {
  it('holds at most its size, dropping the least recently used first', () => {
    const c = new ThumbnailCache(3)
    for (let id = 1; id <= 3; id++) c.put(id, `data:image/jpeg;base64,${id}`, 1)
    expect(c.get(1, 1)?.url).toBe('data:image/jpeg;base64,1') // 1 is now the most recent
    c.put(4, 'data:image/jpeg;base64,4', 1)
    expect(c.size).toBe(3)
    expect(c.get(2, 1)).toBeUndefined()
    expect([1, 3, 4].map((id) => c.get(id, 1)?.url)).toEqual([
      'data:image/jpeg;base64,1',
      'data:image/jpeg;base64,3',
      'data:image/jpeg;base64,4',
    ])
  })

  it('stays flat over 10,000 items', () => {
    const c = new ThumbnailCache(400)
    for (let id = 0; id < 10_000; id++) c.put(id, 'data:image/jpeg;base64,x', 1)
    expect(c.size).toBe(400)
  })

  it('a "none yet" answer holds only for the item version it was asked for; a thumbnail stays', () => {
    const c = new ThumbnailCache(10)
    c.put(7, null, 100) // queued, not through pre-flight yet
    expect(c.get(7, 100)).toEqual({ url: null, version: 100 })
    expect(c.get(7, 101)).toBeUndefined() // the item changed: ask again
    c.put(7, 'data:image/jpeg;base64,y', 101)
    expect(c.get(7, 250)?.url).toBe('data:image/jpeg;base64,y')
  })

  it('a thumbnail holds while its file keeps its stamp, and is asked again once the file was replaced', () => {
    const c = new ThumbnailCache(10)
    c.put(8, 'data:image/jpeg;base64,old', 100, '5000:1700')
    expect(c.get(8, 180, '5000:1700')?.url).toBe('data:image/jpeg;base64,old')
    expect(c.get(8, 200, '5000:1900')).toBeUndefined()
    c.put(8, 'data:image/jpeg;base64,new', 200, '5000:1900')
    expect(c.get(8, 300, '5000:1900')?.url).toBe('data:image/jpeg;base64,new')
  })
})
