import {
  chmodSync,
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

  it('creates the log folder 0700 and the file 0600', () => {
    const dir = tempDir()
    const log = createLogger({ dataDir: dir })
    log.info('hello')
    log.close()
    expect(statSync(join(dir, 'logs')).mode & 0o777).toBe(0o700)
    expect(statSync(join(dir, 'logs', 'pinload.log')).mode & 0o777).toBe(0o600)
  })
})
