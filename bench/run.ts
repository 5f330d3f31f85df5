/**
 * Runs every bench/*.bench.ts in its own Node process (so peak RSS figures are its own) and prints what
 * each prints. Benchmarks report ratios against a peer measured in the same run; nothing here passes or
 * fails on a timing. `npm run bench -- name` runs only the benches whose file name contains `name`.
 */
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'

const dir = import.meta.dirname
const filter = process.argv[2]
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !filter || f.includes(filter))
  .sort()

let failed = 0
for (const file of files) {
  console.log(`\n=== ${file}`)
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', join(dir, file)], {
    stdio: 'inherit',
  })
  if (r.status !== 0) {
    failed++
    console.log(`!!! ${file} exited with ${r.status ?? r.signal}`)
  }
}
process.exit(failed ? 1 : 0)
