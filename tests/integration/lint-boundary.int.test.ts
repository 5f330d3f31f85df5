import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ESLint } from 'eslint'
import { afterAll, describe, expect, it } from 'vitest'

// The rule that keeps services runnable under plain Node: only the shell may import electron. This
// lints real files with the project's real (type-aware) config, so the probes live where such code
// would, for the length of the test.
const root = join(import.meta.dirname, '../..')
const probes: string[] = []

async function lintProbe(relPath: string, source: string) {
  const file = join(root, relPath)
  probes.push(file)
  writeFileSync(file, source)
  const eslint = new ESLint({ cwd: root })
  const [result] = await eslint.lintFiles([file])
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`)
}

afterAll(() => {
  for (const p of probes) rmSync(p, { force: true })
})

describe('electron import boundary', () => {
  it('fails lint when a service imports electron', async () => {
    const messages = await lintProbe(
      'src/main/pipeline/zz-lint-probe-violation.ts',
      "import { app } from 'electron'\nexport const probe = (): string => app.getName()\n",
    )
    expect(messages).toEqual([expect.stringMatching(/^no-restricted-imports: .*Only src\/main\/shell\//)])
  }, 60_000)

  it('allows the same import inside the shell', async () => {
    const messages = await lintProbe(
      'src/main/shell/zz-lint-probe-allowed.ts',
      "import { app } from 'electron'\nexport const probe = (): string => app.getName()\n",
    )
    expect(messages).toEqual([])
  }, 60_000)
})
