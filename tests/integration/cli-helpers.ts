/** Helpers for tests that run the real `pinload` command (as a child process) against the fake Pinterest. */
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import type { FakePinterest } from '../../src/main/fake-pinterest/index'

export const ROOT = join(import.meta.dirname, '..', '..')
export const CLI_ARGS = ['--import', 'tsx', join(ROOT, 'src', 'cli', 'index.ts')]

export interface CliRun {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

export function cliEnv(fake: FakePinterest, dataDir: string, token: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: dataDir,
    PINLOAD_DATA_DIR: dataDir,
    PINLOAD_API_BASE: fake.apiBase,
    PINLOAD_ACCESS_TOKEN: token,
    PINLOAD_RATE_LIMITS: 'off',
  }
}

/** Runs `pinload <args>` to the end. */
export function runCli(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...CLI_ARGS, ...args],
      { env, cwd: ROOT, timeout: timeoutMs },
      (err, stdout, stderr) => {
        const e = err as (Error & { code?: number | string; signal?: NodeJS.Signals }) | null
        resolve({
          code: e ? (typeof e.code === 'number' ? e.code : null) : 0,
          signal: e?.signal ?? null,
          stdout,
          stderr,
        })
      },
    )
  })
}
