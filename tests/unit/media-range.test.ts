import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { mediaItemId, mediaResponse, parseRange } from '../../src/main/security/media-range'

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

describe('mediaResponse', () => {
  it('an empty file (emptied after the check) is answered, not thrown on: 200 without a range, 416 with one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pinload-range-'))
    try {
      const path = join(dir, 'empty.mp4')
      writeFileSync(path, '')
      const whole = await mediaResponse({ path, mime: 'video/mp4' }, null)
      expect(whole.status).toBe(200)
      expect((await whole.arrayBuffer()).byteLength).toBe(0)
      const suffix = await mediaResponse({ path, mime: 'video/mp4' }, 'bytes=-100')
      expect([suffix.status, suffix.headers.get('content-range')]).toEqual([416, 'bytes */0'])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
