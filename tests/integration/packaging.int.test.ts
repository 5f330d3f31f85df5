import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { listPackage } from '@electron/asar'
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeStandInElectron } from '../support/stand-in-electron'

// `npm run dist` for real, with electron-builder's `dir` target, around a stand-in Electron distribution (the
// real binary cannot be downloaded here): what lands in the package is what the installers wrap.
const root = join(import.meta.dirname, '../..')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>
  devDependencies: Record<string, string>
}
const electronVersion = (
  JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }
).version
let work: string
let appDir: string
let entries: string[]

beforeAll(() => {
  if (process.platform !== 'linux') return
  if (!existsSync(join(root, 'out/main/index.js')))
    throw new Error('run `npm run build` first: out/ is packed')
  work = mkdtempSync(join(tmpdir(), 'pinload-pack-'))
  const dist = makeStandInElectron(join(work, 'electron-dist'), electronVersion)
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules/electron-builder/cli.js'),
      '--config',
      'electron-builder.config.mjs',
      '--linux',
      'dir',
      '--publish',
      'never',
      `-c.electronDist=${dist}`,
      '-c.npmRebuild=false',
      `-c.directories.output=${join(work, 'dist')}`,
    ],
    { cwd: root, stdio: 'pipe', env: { ...process.env, CI: 'true' } },
  )
  appDir = join(work, 'dist/linux-unpacked')
  entries = listPackage(join(appDir, 'resources/app.asar'), { isPack: false })
}, 180_000)

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true })
})

// The Linux `dir` target around a Linux stand-in executable, read with GNU find and du: Linux only. macOS and
// Windows packages are built by .github/workflows/release.yml on their own machines.
describe.runIf(process.platform === 'linux')('the packed app', () => {
  it('holds the built main, preload and renderer code in app.asar', () => {
    for (const f of [
      '/out/main/index.js',
      '/out/preload/index.cjs',
      '/out/renderer/index.html',
      '/package.json',
    ])
      expect(entries).toContain(f)
  })

  it('unpacks the native modules next to the asar', () => {
    const unpacked = join(appDir, 'resources/app.asar.unpacked/node_modules')
    expect(existsSync(join(unpacked, 'better-sqlite3/build/Release/better_sqlite3.node'))).toBe(true)
    const keyring = readFileSync(join(unpacked, '@napi-rs/keyring/package.json'), 'utf8')
    expect(keyring).toContain('"name": "@napi-rs/keyring"')
    const binaries = execFileSync('find', [join(unpacked, '@napi-rs'), '-name', '*.node'], {
      encoding: 'utf8',
    })
    expect(binaries).toMatch(/keyring\.[a-z0-9-]+\.node/)
    // sharp's binding and the libvips it loads by a relative path, both outside the asar.
    const img = execFileSync('find', [join(unpacked, '@img'), '-name', '*.node', '-o', '-name', 'libvips*'], {
      encoding: 'utf8',
    })
    expect(img).toMatch(/sharp-[a-z0-9.-]+\.node/)
    expect(img).toMatch(/libvips-cpp\.so/)
  })

  it('ships production dependencies only: no dev dependency, no test or build tool', () => {
    const packed = new Set(
      entries
        .map((e) => /^\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(e)?.[1])
        .filter((n): n is string => !!n),
    )
    for (const dep of Object.keys(pkg.dependencies)) expect(packed).toContain(dep)
    const dev = Object.keys(pkg.devDependencies).filter((d) => packed.has(d))
    expect(dev).toEqual([])
    expect(
      entries.some((e) => e.startsWith('/tests/') || e.startsWith('/src/') || e.startsWith('/bench/')),
    ).toBe(false)
  })

  it('flips the fuses in the packed executable', async () => {
    const wire = await getCurrentFuseWire(join(appDir, 'pinload'))
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE)
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE)
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE)
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE)
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE)
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE)
  })

  it('prints its size', () => {
    const asar = statSync(join(appDir, 'resources/app.asar')).size
    const unpacked = Number(
      execFileSync('du', ['-sb', join(appDir, 'resources/app.asar.unpacked')], { encoding: 'utf8' }).split(
        '\t',
      )[0],
    )
    console.log(
      `packed app: app.asar ${(asar / 1e6).toFixed(1)} MB, unpacked natives ${(unpacked / 1e6).toFixed(1)} MB`,
    )
    expect(asar).toBeGreaterThan(0)
  })
})
