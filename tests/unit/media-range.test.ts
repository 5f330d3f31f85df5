import { describe, expect, it } from 'vitest'
import { mediaItemId, parseRange } from '../../src/main/security/media-range'

describe('app://pinload/media/<id>', () => {
  it('names an item by its id only, on the app origin', () => {
    expect(mediaItemId('app://pinload/media/42')).toBe(42)
    expect(mediaItemId('app://pinload/media/42?x=1')).toBe(42)
    for (const bad of [
      'app://pinload/media/',
      'app://pinload/media/0',
      'app://pinload/media/-1',
      'app://pinload/media/1.5',
      'app://pinload/media/%2e%2e%2fetc',
      'app://pinload/media/1/../../x',
      'app://evil/media/1',
      'https://pinload/media/1',
      'app://pinload/index.html',
      'not a url',
    ])
      expect(mediaItemId(bad), bad).toBeNull()
  })

  it('reads the one byte range a media element asks for', () => {
    expect(parseRange(null, 1000)).toBeNull()
    expect(parseRange('bytes=0-', 1000)).toEqual({ start: 0, end: 999 })
    expect(parseRange('bytes=100-199', 1000)).toEqual({ start: 100, end: 199 })
    expect(parseRange('bytes=900-5000', 1000)).toEqual({ start: 900, end: 999 })
    expect(parseRange('bytes=-100', 1000)).toEqual({ start: 900, end: 999 })
    expect(parseRange('bytes=-5000', 1000)).toEqual({ start: 0, end: 999 })
    expect(parseRange('bytes=1000-', 1000)).toBe('unsatisfiable')
    expect(parseRange('bytes=-0', 1000)).toBe('unsatisfiable')
    // Several ranges, other units, nonsense: the whole file, as RFC 9110 allows.
    expect(parseRange('bytes=0-1,5-9', 1000)).toBeNull()
    expect(parseRange('items=0-1', 1000)).toBeNull()
    expect(parseRange('bytes=9-1', 1000)).toBeNull()
  })
})
