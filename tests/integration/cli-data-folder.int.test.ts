import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { printable } from '../../src/cli/printable'
import { formatReport } from '../../src/cli/report'
import { runCli } from './cli-helpers'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
const env = (dataDir: string): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: dataDir,
  PINLOAD_DATA_DIR: dataDir,
})

describe('pinload on a data folder it cannot open', () => {
  it('status exits non-zero naming the folder and the way out, and move-database-aside keeps the file', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pinload-cli-bad-'))
    dirs.push(dataDir)
    const damaged = Buffer.from('definitely not SQLite '.repeat(64))
    writeFileSync(join(dataDir, 'pinload.db'), damaged)

    const status = await runCli(['status'], env(dataDir))
    expect(status.code).toBe(2)
    expect(status.stderr).toContain(dataDir)
    expect(status.stderr).toMatch(/damaged/)
    expect(status.stderr).toContain('pinload move-database-aside')
    expect(readFileSync(join(dataDir, 'pinload.db'))).toEqual(damaged)

    const moved = await runCli(['move-database-aside'], env(dataDir))
    expect(moved.code, moved.stderr).toBe(0)
    const kept = readdirSync(dataDir).find((f) => /^pinload\.db\.damaged-\d{8}-\d{6}$/.test(f))
    expect(readFileSync(join(dataDir, kept!))).toEqual(damaged)

    const fresh = await runCli(['status', '--json'], env(dataDir))
    expect(fresh.code, fresh.stderr).toBe(0)
    expect(JSON.parse(fresh.stdout)).toMatchObject({ items: [], totals: { total: 0 } })
  }, 60_000)
})

describe('terminal output', () => {
  it('shows control characters and bidi overrides in names and messages as escapes, never raw', () => {
    const line = formatReport({
      path: '/photos/evil\u001b]0;pwned\u0007\u202egpj.exe',
      state: 'failed',
      error: { kind: 'validation', message: 'Pinterest said \u001b[31mred\u001b[0m', fix: 'Try\u0000again' },
    })
    expect(line).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/)
    expect(line).toContain('evil\\u{1b}]0;pwned\\u{7}\\u{202e}gpj.exe')
    expect(printable('plain, ünïcödé and emoji 📌 stay')).toBe('plain, ünïcödé and emoji 📌 stay')
  })
})
