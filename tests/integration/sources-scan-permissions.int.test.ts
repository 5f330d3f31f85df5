import { spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { build } from 'esbuild'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { scanPaths } from '../../src/main/sources/folder-scan'
import type { ScanResult } from '../../src/main/sources/source-types'
import { bytes } from '../support/media-bytes'

const repo = resolve(import.meta.dirname, '../..')
const NOBODY = 65534
let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pinload-perm-'))
})
afterEach(() => {
  chmodSync(join(dir, 'photos/locked'), 0o755)
  rmSync(dir, { recursive: true, force: true })
})

/**
 * Root reads through chmod 000, so as root the scan runs in a child process as `nobody`, where the
 * permission bits bite as they do for a user; as a normal user it runs in-process. The child runs one file
 * bundled into the (world-readable) temp folder, so it needs nothing from the checkout, which may sit in a
 * folder `nobody` cannot enter.
 */
async function scanAsUser(folder: string): Promise<ScanResult> {
  if (process.getuid?.() !== 0) return scanPaths([folder], {})
  const entry = join(dir, 'scan-entry.mts')
  writeFileSync(
    entry,
    `import { scanPaths } from ${JSON.stringify(join(repo, 'src/main/sources/folder-scan.ts'))}\nconsole.log(JSON.stringify(await scanPaths([process.argv[2]], {})))\n`,
  )
  const script = join(dir, 'scan.mjs')
  await build({
    entryPoints: [entry],
    outfile: script,
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'silent',
    // sharp is native and sits in node_modules, which `nobody` may not enter; the scan of plain files never
    // decodes (only a .carousel folder reads image headers), so the child gets a sharp that refuses use.
    plugins: [
      {
        name: 'no-native-sharp',
        setup(b) {
          b.onResolve({ filter: /^sharp$/ }, () => ({ path: 'sharp', namespace: 'stub' }))
          b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
            contents:
              'const sharp = () => { throw new Error("sharp is not loaded in this test child") }\n' +
              'sharp.concurrency = () => 0\nsharp.cache = () => undefined\nexport default sharp\n',
            loader: 'js',
          }))
        },
      },
    ],
  })
  chmodSync(script, 0o644)
  const r = spawnSync(process.execPath, [script, folder], {
    uid: NOBODY,
    gid: NOBODY,
    cwd: dir,
    encoding: 'utf8',
    timeout: 30_000,
  })
  expect(r.status, r.stderr).toBe(0)
  return JSON.parse(r.stdout) as ScanResult
}

it('reports an unreadable folder and an unreadable file, and keeps the readable files', async () => {
  chmodSync(dir, 0o755)
  const photos = join(dir, 'photos')
  mkdirSync(join(photos, 'locked'), { recursive: true })
  const ok = [join(photos, 'a.jpg'), join(photos, 'b.png')]
  writeFileSync(ok[0]!, bytes.jpeg())
  writeFileSync(ok[1]!, bytes.png())
  writeFileSync(join(photos, 'locked/hidden-away.jpg'), bytes.jpeg())
  const secret = join(photos, 'secret.jpg')
  writeFileSync(secret, bytes.jpeg())
  chmodSync(secret, 0o000)
  chmodSync(join(photos, 'locked'), 0o000)

  const res = await scanAsUser(photos)
  expect(res.drafts.map((d) => d.path)).toEqual(ok)
  expect(res.problems).toEqual([
    {
      where: join(photos, 'locked'),
      message: 'Folder locked cannot be opened (permission denied); its files were skipped',
      fix: 'Give yourself read access to the folder.',
    },
    {
      where: secret,
      message: 'secret.jpg cannot be read (permission denied)',
      fix: 'Give yourself read access to the file.',
    },
  ])
})
