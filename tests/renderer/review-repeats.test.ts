import { describe, expect, it } from 'vitest'
import { findRepeats, repeatsById } from '../../src/renderer/src/features/review/repeats'

describe('repeated titles and links within a batch', () => {
  it('groups Pins sharing a title regardless of case and spacing', () => {
    const repeats = findRepeats([
      { id: 1, title: 'Summer salad' },
      { id: 2, title: '  summer   SALAD ' },
      { id: 3, title: 'Winter soup' },
      { id: 4, title: 'Summer salad' },
    ])
    expect(repeats).toEqual([{ field: 'title', value: 'Summer salad', ids: [1, 2, 4] }])
  })

  it('groups links that lead to the same page, but keeps a different query or fragment apart', () => {
    const repeats = findRepeats([
      { id: 1, link: 'https://Example.com/recipes/' },
      { id: 2, link: 'https://example.com/recipes' },
      { id: 3, link: 'https://example.com/recipes?utm_content=b.jpg' },
      { id: 4, link: 'https://example.com/recipes#step-2' },
      { id: 5, link: 'HTTPS://EXAMPLE.COM/recipes' },
    ])
    expect(repeats).toEqual([{ field: 'link', value: 'https://Example.com/recipes/', ids: [1, 2, 5] }])
  })

  it('compares a path case-sensitively (servers may) and text that is no URL as written', () => {
    const repeats = findRepeats([
      { id: 1, link: 'https://example.com/A' },
      { id: 2, link: 'https://example.com/a' },
      { id: 3, link: 'not a url' },
      { id: 4, link: ' not a url ' },
    ])
    expect(repeats).toEqual([{ field: 'link', value: 'not a url', ids: [3, 4] }])
  })

  it('never counts empty or missing values as repeats', () => {
    expect(
      findRepeats([
        { id: 1, title: '', link: '' },
        { id: 2, title: '   ', link: '  ' },
        { id: 3 },
        { id: 4 },
      ]),
    ).toEqual([])
  })

  it('reports title and link repeats separately, and per Pin how many others share each', () => {
    const repeats = findRepeats([
      { id: 1, title: 'Same', link: 'https://a.example/x' },
      { id: 2, title: 'Same', link: 'https://b.example/y' },
      { id: 3, title: 'Other', link: 'https://a.example/x' },
      { id: 4, title: 'Same', link: 'https://a.example/x' },
    ])
    expect(repeats).toEqual([
      { field: 'title', value: 'Same', ids: [1, 2, 4] },
      { field: 'link', value: 'https://a.example/x', ids: [1, 3, 4] },
    ])
    const byId = repeatsById(repeats)
    expect(byId.get(1)).toEqual({ title: 2, link: 2 })
    expect(byId.get(2)).toEqual({ title: 2, link: 0 })
    expect(byId.get(3)).toEqual({ title: 0, link: 2 })
    expect(byId.has(5)).toBe(false)
  })
})
