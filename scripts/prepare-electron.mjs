#!/usr/bin/env node
/**
 * Run by `npm start` before the app opens, on a machine with internet:
 *  1. fetches the Electron binary (electron 42+ has no postinstall, so `npm ci` never downloads it);
 *  2. builds better-sqlite3 for Electron's ABI into native/electron/ — apart from node_modules, which
 *     keeps the Node build the tests and the headless command use (docs/architecture.md, "Two native
 *     ABIs"). The database owner file loads this copy when it runs inside Electron.
 * @napi-rs/keyring is N-API: one binary serves both, nothing to do.
 */
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, copyFileSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { createRequire } from 'node:module'

const root = join(dirname(new URL(import.meta.url).pathname), '..')
const require = createRequire(join(root, 'package.json'))
const electronVersion = JSON.parse(
  readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8'),
).version
const target = join(root, 'native/electron/better_sqlite3.node')
const stamp = join(root, 'native/electron/VERSION')

function run(cmd, args, opts = {}) {
  execFileSync(cmd, args, { stdio: 'inherit', ...opts })
}

function fail(step, error) {
  console.error(`\nPinload could not ${step}: ${error.message}`)
  console.error(
    'This step needs internet access (the Electron binary and headers come from electronjs.org / GitHub).',
  )
  process.exit(1)
}

try {
  run(process.execPath, [require.resolve('electron/install.js')], {
    cwd: join(root, 'node_modules/electron'),
  })
} catch (e) {
  fail('download the Electron binary', e)
}

const wanted = `electron-${electronVersion}`
if (existsSync(target) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === wanted) {
  console.log(`better-sqlite3 for ${wanted} is ready`)
  process.exit(0)
}

// Build in a copy so node_modules/better-sqlite3 keeps its Node build.
const work = mkdtempSync(join(tmpdir(), 'pinload-native-'))
try {
  const src = dirname(require.resolve('better-sqlite3/package.json'))
  cpSync(src, work, { recursive: true, filter: (p) => !p.includes(`${join('build', 'Release', 'obj')}`) })
  rmSync(join(work, 'build'), { recursive: true, force: true })
  // npm passes its own `nodedir` (the Node headers) to children: Electron's headers are needed here.
  const env = { ...process.env }
  for (const k of Object.keys(env))
    if (/^npm_config_(nodedir|target|runtime|disturl)$/i.test(k)) delete env[k]
  const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js', {
    paths: [
      dirname(process.execPath),
      '/usr/lib/node_modules/npm/node_modules',
      join(dirname(process.execPath), '../lib/node_modules/npm/node_modules'),
    ],
  })
  try {
    run(
      process.execPath,
      [
        join(dirname(require.resolve('prebuild-install/package.json')), 'bin.js'),
        '--runtime',
        'electron',
        '--target',
        electronVersion,
      ],
      { cwd: work, env },
    )
  } catch {
    run(
      process.execPath,
      [
        nodeGyp,
        'rebuild',
        '--release',
        '--runtime=electron',
        `--target=${electronVersion}`,
        '--dist-url=https://electronjs.org/headers',
      ],
      { cwd: work, env },
    )
  }
  mkdirSync(dirname(target), { recursive: true })
  copyFileSync(join(work, 'build/Release/better_sqlite3.node'), target)
  execFileSync(process.execPath, [
    '-e',
    `require('fs').writeFileSync(${JSON.stringify(stamp)}, ${JSON.stringify(wanted)})`,
  ])
  console.log(`better-sqlite3 built for ${wanted} → ${target}`)
} catch (e) {
  fail('build better-sqlite3 for Electron', e)
} finally {
  rmSync(work, { recursive: true, force: true })
}
