import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { describe, expect, it } from 'vitest'

// The house rules of CONTRIBUTING.md that no linter checks: module size and file names. Read from git's list
// of tracked and new files, so a file only a test run left behind does not count.
const root = join(import.meta.dirname, '../..')
const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
  cwd: root,
  encoding: 'utf8',
})
  .split('\n')
  .filter((f) => /^(src|tests|bench|scripts)\/.*\.(ts|tsx|mts|mjs|cjs|css)$/.test(f))
  .filter((f) => !f.includes('zz-layer-probe'))

describe('codebase rules', () => {
  it('finds the sources it checks', () => {
    expect(files.length).toBeGreaterThan(100)
  })

  it('keeps every module under 400 lines', () => {
    const long = files
      .map((f) => ({ f, lines: readFileSync(join(root, f), 'utf8').split('\n').length - 1 }))
      .filter(({ lines }) => lines > 400)
      .map(({ f, lines }) => `${f}: ${lines} lines`)
    expect(long).toEqual([])
  })

  it('names every file in kebab-case', () => {
    const bad = files.filter((f) => !/^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+)*$/.test(basename(f)))
    expect(bad).toEqual([])
  })
})
