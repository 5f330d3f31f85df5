import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../src/main/db/connection'
import { resolveDataDir } from '../../src/main/db/data-dir'
import { SettingsStore } from '../../src/main/db/settings-store'
import { WatchRepository } from '../../src/main/db/watch-repository'

let dir: string
let db: Database
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pinload-db-'))
  db = openDatabase({ dataDir: dir, nativeBinding: join(dir, 'missing.node') })
})
afterEach(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('openDatabase', () => {
  it('opens pinload.db in the data dir with WAL and foreign keys (the Electron binding is ignored under Node)', () => {
    expect(db.file).toBe(join(dir, 'pinload.db'))
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' })
    expect(db.prepare('PRAGMA foreign_keys').get()).toEqual({ foreign_keys: 1 })
    expect((db.prepare('PRAGMA busy_timeout').get() as { timeout: number }).timeout).toBeGreaterThan(0)
  })
})

describe('SettingsStore', () => {
  it('gives the defaults, persists a patch across reopen, and rejects bad values without writing', () => {
    const s = new SettingsStore(db, dir)
    expect(s.get()).toEqual({
      concurrency: 3,
      videoTransfers: 1,
      bandwidthBytesPerSec: 0,
      rateProfile: 'standard',
      writesPerMinute: 100,
      keepPhotoMetadata: false,
      stableMs: 2000,
      theme: 'system',
      dataDir: dir,
    })
    s.set({ concurrency: 5, rateProfile: 'trial' })
    expect(() => s.set({ concurrency: 99 })).toThrow()
    const again = new SettingsStore(db, dir).get()
    expect(again).toMatchObject({ concurrency: 5, rateProfile: 'trial', videoTransfers: 1 })
  })

  it('keeps the chosen appearance across a restart', () => {
    new SettingsStore(db, dir).set({ theme: 'dark' })
    expect(new SettingsStore(db, dir).get().theme).toBe('dark')
  })

  it('falls back to the default for a stored value that no longer fits', () => {
    db.prepare(
      "INSERT INTO settings(key, value) VALUES ('concurrency', '\"lots\"'), ('stableMs', 'not json')",
    ).run()
    expect(new SettingsStore(db, dir).get()).toMatchObject({ concurrency: 3, stableMs: 2000 })
  })
})

describe('WatchRepository', () => {
  it('adds, updates by folder, lists and removes watches', () => {
    const w = new WatchRepository(db)
    const a = w.add({ folder: '/a', boardId: 'b1', subfolderBoards: false, moveDone: true })
    w.add({ folder: '/b', subfolderBoards: true, moveDone: false })
    const a2 = w.add({ folder: '/a', boardId: 'b2', subfolderBoards: false, moveDone: false })
    expect(a2.id).toBe(a.id)
    expect(w.list()).toEqual([
      { id: a.id, folder: '/a', boardId: 'b2', subfolderBoards: false, moveDone: false },
      { id: expect.any(Number) as number, folder: '/b', subfolderBoards: true, moveDone: false },
    ])
    w.remove(a.id)
    expect(w.list().map((x) => x.folder)).toEqual(['/b'])
  })
})

describe('resolveDataDir', () => {
  it('prefers PINLOAD_DATA_DIR, else the OS app-data folder + Pinload', () => {
    expect(resolveDataDir({ PINLOAD_DATA_DIR: '/x/y' }, 'linux', '/home/u')).toBe('/x/y')
    expect(resolveDataDir({}, 'linux', '/home/u')).toBe('/home/u/.config/Pinload')
    expect(resolveDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/u')).toBe('/cfg/Pinload')
    expect(resolveDataDir({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/Pinload')
    expect(resolveDataDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32', 'C:\\Users\\u')).toBe(
      'C:\\Users\\u\\AppData\\Roaming\\Pinload',
    )
  })
})
