import { spawn, type ChildProcess } from 'node:child_process'
import { closeSync, ftruncateSync, openSync, writeSync } from 'node:fs'
import { join } from 'node:path'

const ROOT = join(import.meta.dirname, '..')

export interface FakeChild {
  child: ChildProcess
  apiBase: string
  accessToken: string
}

/**
 * Starts `tests/fake-pinterest/cli.ts` in its own Node process (so it does not share the measured
 * process's event loop) and reads the base URL and token it prints.
 */
export async function startFakeChild(): Promise<FakeChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/fake-pinterest/cli.ts')], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let out = ''
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`fake exited early (${code})`)))
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      const apiBase = /^apiBase\s+(\S+)/m.exec(out)?.[1]
      const accessToken = /^accessToken\s+(\S+)/m.exec(out)?.[1]
      if (apiBase && accessToken) resolve({ child, apiBase, accessToken })
    })
  })
}

/** A file of `size` bytes that starts with `head` and is sparse after it: gigabytes in no time or disk. */
export function sparseFile(path: string, head: Buffer, size: number): string {
  const fd = openSync(path, 'w')
  writeSync(fd, head)
  ftruncateSync(fd, size)
  closeSync(fd)
  return path
}

/** Runs a benchmark's main; a failure is printed and ends the process with 1 (a browser or server may still hold it open). */
export function runBench(main: () => Promise<void>): void {
  main().catch((e: unknown) => {
    console.error(e)
    process.exit(1)
  })
}
