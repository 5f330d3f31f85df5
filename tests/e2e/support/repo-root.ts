import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

/** The repository root, found from the working directory (Playwright and tsx both run from it or below). */
export function repoRoot(): string {
  let dir = resolve(process.cwd())
  for (;;) {
    const pkg = join(dir, 'package.json')
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'pinload')
      return dir
    const up = dirname(dir)
    if (up === dir) throw new Error('Run the e2e tests from inside the Pinload repository.')
    dir = up
  }
}
