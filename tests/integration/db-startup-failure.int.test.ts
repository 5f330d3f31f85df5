import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DB_FILE_NAME, openDatabase } from '../../src/main/db/connection'
import { describeStartupFailure, moveDatabaseAside } from '../../src/main/db/startup-failure'

const dirs: string[] = []
const dataDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'pinload-start-'))
  dirs.push(d)
  return d
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function failureOf(fn: () => unknown): unknown {
  try {
    fn()
  } catch (e) {
    return e
  }
  throw new Error('expected a failure')
}

describe('a data folder that cannot be opened', () => {
  it('names a damaged database, the folder and the way out, and moving it aside keeps every byte', () => {
    const dir = dataDir()
    const garbage = Buffer.from('this is not a database, but it is the user’s file '.repeat(200))
    writeFileSync(join(dir, DB_FILE_NAME), garbage)
    writeFileSync(join(dir, `${DB_FILE_NAME}-wal`), 'wal bytes')
    const failure = describeStartupFailure(
      failureOf(() => openDatabase({ dataDir: dir })),
      dir,
    )
    expect(failure).toMatchObject({ kind: 'corrupt', canMoveAside: true })
    expect(failure.message).toContain(dir)
    expect(failure.message).toContain('damaged')

    const moved = moveDatabaseAside(dir, new Date(2026, 11, 4, 20, 15, 0))
    expect(moved).toBe(join(dir, `${DB_FILE_NAME}.damaged-20261204-201500`))
    expect(readFileSync(moved)).toEqual(garbage)
    expect(readFileSync(`${moved}-wal`, 'utf8')).toBe('wal bytes')
    expect(existsSync(join(dir, DB_FILE_NAME))).toBe(false)
    // A second move in the same second does not overwrite the first.
    writeFileSync(join(dir, DB_FILE_NAME), 'again')
    expect(moveDatabaseAside(dir, new Date(2026, 11, 4, 20, 15, 0))).toBe(`${moved}-2`)
    // And the app starts fresh.
    openDatabase({ dataDir: dir }).close()
    const kept = readdirSync(dir).filter((f) => f.includes('damaged'))
    expect(kept).toEqual(
      expect.arrayContaining([
        `${DB_FILE_NAME}.damaged-20261204-201500`,
        `${DB_FILE_NAME}.damaged-20261204-201500-2`,
        `${DB_FILE_NAME}.damaged-20261204-201500-wal`,
      ]),
    )
  })

  it('recognises a database from a newer Pinload', () => {
    const dir = dataDir()
    const db = openDatabase({ dataDir: dir })
    db.setUserVersion(999)
    db.close()
    const failure = describeStartupFailure(
      failureOf(() => openDatabase({ dataDir: dir })),
      dir,
    )
    expect(failure).toMatchObject({ kind: 'newer', canMoveAside: true })
    expect(failure.message).toMatch(/schema 999/)
    expect(failure.message).toContain(dir)
  })

  it('tells a read-only or full folder apart from damage, and does not offer to move anything', () => {
    const dir = dataDir()
    for (const [code, kind] of [
      ['SQLITE_READONLY_DIRECTORY', 'read-only'],
      ['EROFS', 'read-only'],
      ['SQLITE_FULL', 'full'],
      ['ENOSPC', 'full'],
    ] as const) {
      const failure = describeStartupFailure(Object.assign(new Error('x'), { code }), dir)
      expect(failure).toMatchObject({ kind, canMoveAside: false })
      expect(failure.message).toContain(dir)
    }
  })
})
