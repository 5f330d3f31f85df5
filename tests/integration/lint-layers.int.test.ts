import { readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { ESLint } from 'eslint'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
// @ts-expect-error -- a plain ESM module shared with eslint.config.mjs, typed by its JSDoc only
import { LAYERS } from '../../eslint-layers.mjs'

// Each layer's zone, shown biting: a probe file in the layer imports one module from every folder it may not
// import (each line must be reported) and one from every folder it may (none may be). The probes are linted
// with the project's real config, where such code would live, and removed afterwards.
interface Layer {
  folder: string
  mayImport: string[]
  except?: string[]
}
const root = join(import.meta.dirname, '../..')
const layers = LAYERS as Layer[]
const folders = [...layers.map((l) => l.folder)]
const PROBE = 'zz-layer-probe'

/** A real module of the folder to import: the first source file found, probes excluded. */
function moduleIn(folder: string): string {
  const walk = (dir: string): string | undefined => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name)
      if (statSync(full).isDirectory()) {
        const found = walk(full)
        if (found) return found
      } else if (/\.tsx?$/.test(name) && !name.startsWith(PROBE) && !name.endsWith('.d.ts')) return full
    }
    return undefined
  }
  const found = walk(join(root, folder))
  if (!found) throw new Error(`no module in ${folder}`)
  return found
}

/** Where a probe lives inside a layer (the renderer's code is under src/renderer/src). */
const probeDir = (folder: string) => join(root, folder === 'src/renderer' ? 'src/renderer/src' : folder)

function importLines(fromDir: string, targets: string[]): string {
  return targets
    .map((t, i) => {
      let spec = relative(fromDir, moduleIn(t)).replace(/\.tsx?$/, '')
      if (!spec.startsWith('.')) spec = `./${spec}`
      return `import * as m${i} from '${spec}'\nexport const use${i} = m${i}\n`
    })
    .join('')
}

const probes: string[] = []
// Native modules: a probe importing each from a file that does not own it, next to the owner.
const NATIVES: Record<string, string> = {
  'better-sqlite3': 'src/main/db/connection.ts',
  '@napi-rs/keyring': 'src/main/secrets/secret-store.ts',
}
const nativeProbe = (owner: string) => join(root, owner.replace(/[^/]+$/, `${PROBE}-native.ts`))
const results = new Map<string, ESLint.LintResult>()
const forbiddenOf = (l: Layer) =>
  folders.filter((f) => f !== l.folder && f !== 'src/shared' && !l.mayImport.includes(f))
const zoneMessages = (r: ESLint.LintResult) =>
  r.messages.filter((m) => m.ruleId === 'import-x/no-restricted-paths')

beforeAll(async () => {
  for (const l of layers) {
    const dir = probeDir(l.folder)
    const bad = join(dir, `${PROBE}-forbidden.ts`)
    writeFileSync(bad, importLines(dir, forbiddenOf(l)))
    probes.push(bad)
    if (l.mayImport.length > 0) {
      const ok = join(dir, `${PROBE}-allowed.ts`)
      writeFileSync(ok, importLines(dir, l.mayImport))
      probes.push(ok)
    }
  }
  for (const [name, owner] of Object.entries(NATIVES)) {
    const file = nativeProbe(owner)
    writeFileSync(file, `import * as native from '${name}'\nexport const use = native\n`)
    probes.push(file)
  }
  const eslint = new ESLint({ cwd: root })
  const owners = Object.values(NATIVES).map((o) => join(root, o))
  for (const r of await eslint.lintFiles([...probes, ...owners])) results.set(r.filePath, r)
}, 240_000)

afterAll(() => {
  for (const p of probes) rmSync(p, { force: true })
})

describe('layer zones (docs/architecture.md)', () => {
  it.each(layers.map((l) => [l.folder, l] as const))(
    '%s: every forbidden import fails lint, every allowed one passes',
    (_, l) => {
      const bad = results.get(join(probeDir(l.folder), `${PROBE}-forbidden.ts`))!
      const forbidden = forbiddenOf(l)
      const reported = zoneMessages(bad).map((m) => m.line)
      // One import per forbidden folder, two lines each: every import line is reported.
      expect(reported).toEqual(forbidden.map((_f, i) => i * 2 + 1))
      if (l.mayImport.length > 0) {
        const ok = results.get(join(probeDir(l.folder), `${PROBE}-allowed.ts`))!
        expect(zoneMessages(ok)).toEqual([])
      }
    },
  )
})

describe('one owner file per native module', () => {
  it.each(Object.entries(NATIVES))('%s: only %s may import it', (name, owner) => {
    const restricted = (f: string) =>
      results
        .get(f)!
        .messages.filter((m) => m.ruleId === 'no-restricted-imports')
        .map((m) => m.message)
    expect(restricted(nativeProbe(owner))).toEqual([expect.stringContaining(`Only ${owner} imports ${name}`)])
    expect(restricted(join(root, owner))).toEqual([])
  })
})
