import {
  chmodSync,
  writeFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createLogger } from '../../src/main/logging/logger'

const dirs: string[] = []
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'pinload-log-'))
  dirs.push(d)
  return d
}
afterEach(() => {
  for (const d of dirs.splice(0)) {
    chmodSync(d, 0o700)
    rmSync(d, { recursive: true, force: true })
  }
})

const lines = (file: string) => readFileSync(file, 'utf8').trim().split('\n').filter(Boolean)

describe('logger', () => {
  it('never throws when the log is on a full device: lines are counted and dropped', () => {
    const dir = tempDir()
    mkdirSync(join(dir, 'logs'))
    symlinkSync('/dev/full', join(dir, 'logs', 'pinload.log'))
    const log = createLogger({ dataDir: dir })
    expect(() => {
      for (let i = 0; i < 5; i++) log.info('uploading', { i })
      log.error('failed')
    }).not.toThrow()
    expect(log.dropped()).toBe(6)
    log.close()
  })

  it('never throws when the data folder cannot be written', () => {
    // No one, root included, can make a folder under a character device.
    const log = createLogger({ dataDir: join('/dev/null', 'pinload') })
    expect(() => log.warn('still working')).not.toThrow()
    expect(log.dropped()).toBe(1)
    log.close()
  })

  it('rotates by size, keeps the newest files, and says how many lines were lost', () => {
    const dir = tempDir()
    const log = createLogger({ dataDir: dir, maxBytes: 2000, keep: 2, now: () => 0 })
    for (let i = 0; i < 100; i++) log.info('line', { i, pad: 'x'.repeat(50) })
    log.close()
    const file = join(dir, 'logs', 'pinload.log')
    for (const f of [file, `${file}.1`, `${file}.2`]) {
      expect(existsSync(f)).toBe(true)
      expect(statSync(f).size).toBeLessThanOrEqual(2000)
    }
    expect(existsSync(`${file}.3`)).toBe(false)
    // The newest line is in the live file, older ones in .1 and .2, the oldest gone.
    expect(lines(file).at(-1)).toContain('"i":99')
    expect(lines(`${file}.1`).length).toBeGreaterThan(0)
    expect(readFileSync(`${file}.2`, 'utf8')).not.toContain('"i":0,')
  })

  it('narrows a log an earlier version left 0644', () => {
    const dir = tempDir()
    mkdirSync(join(dir, 'logs'))
    writeFileSync(join(dir, 'logs', 'pinload.log'), '')
    chmodSync(join(dir, 'logs', 'pinload.log'), 0o644)
    const log = createLogger({ dataDir: dir })
    log.info('hello')
    log.close()
    expect(statSync(join(dir, 'logs', 'pinload.log')).mode & 0o777).toBe(0o600)
  })

  it('creates the log folder 0700 and the file 0600', () => {
    const dir = tempDir()
    const log = createLogger({ dataDir: dir })
    log.info('hello')
    log.close()
    expect(statSync(join(dir, 'logs')).mode & 0o777).toBe(0o700)
    expect(statSync(join(dir, 'logs', 'pinload.log')).mode & 0o777).toBe(0o600)
  })
})

describe('two loggers on one file (the app and the command)', () => {
  it('follows a rotation the other made: no line lands in a rotated-away file', () => {
    const dir = tempDir()
    const a = createLogger({ dataDir: dir, maxBytes: 1500, keep: 5, now: () => 0 })
    const b = createLogger({ dataDir: dir, maxBytes: 1500, keep: 5, now: () => 0 })
    for (let i = 0; i < 40; i++) {
      a.info('from a', { i, pad: 'x'.repeat(40) })
      b.info('from b', { i, pad: 'x'.repeat(40) })
    }
    a.close()
    b.close()
    const file = join(dir, 'logs', 'pinload.log')
    // Both loggers' last lines are in the live file: neither kept writing into a renamed one.
    const live = readFileSync(file, 'utf8')
    expect(live).toContain('"msg":"from a","i":39')
    expect(live).toContain('"msg":"from b","i":39')
    // And no rotated file grew past the cap by more than a line.
    for (let i = 1; i <= 5; i++)
      if (existsSync(`${file}.${i}`)) expect(statSync(`${file}.${i}`).size).toBeLessThan(1700)
  })
})
