import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_BOUNDS, WindowStateStore } from '../../src/main/shell/window-state-store'

let dir: string | undefined
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
  dir = undefined
})

describe('the window remembers its size', () => {
  it('starts at the default size, then reopens where it was left', () => {
    dir = mkdtempSync(join(tmpdir(), 'pinload-win-'))
    const store = new WindowStateStore(dir)
    expect(store.load()).toEqual(DEFAULT_BOUNDS)
    store.save({ x: 40, y: 30, width: 1400, height: 900, maximized: true })
    expect(new WindowStateStore(dir).load()).toEqual({
      x: 40,
      y: 30,
      width: 1400,
      height: 900,
      maximized: true,
    })
  })

  it('never opens smaller than the layout needs, and survives a damaged file', () => {
    dir = mkdtempSync(join(tmpdir(), 'pinload-win-'))
    const store = new WindowStateStore(dir)
    store.save({ width: 300, height: 200 })
    expect(store.load()).toMatchObject({ width: 900, height: 600 })
    writeFileSync(join(dir, 'window-state.json'), '{ not json')
    expect(store.load()).toEqual(DEFAULT_BOUNDS)
  })

  it('never throws when the size cannot be kept (the resize handler would crash the app)', () => {
    // No one, root included, can make a folder under a character device.
    const store = new WindowStateStore(join('/dev/null', 'pinload'))
    expect(store.save({ ...DEFAULT_BOUNDS, width: 1000 })).toBe(false)
    expect(store.load()).toEqual(DEFAULT_BOUNDS)
  })
})
