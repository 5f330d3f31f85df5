/** Helpers for tests that run the real `pinload` command (as a child process) against the fake Pinterest. */
import { execFile, execFileSync } from 'node:child_process'
import { appendFileSync, copyFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { FakePinterest } from '../fake-pinterest/index'

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

/** A real baseline JPEG (64×64) made once with ffmpeg; copies get a few trailing bytes so their hashes differ. */
export function makeMedia(
  dir: string,
  opts: { images: number; videos: number; prefix?: string },
): { images: string[]; videos: string[] } {
  mkdirSync(dir, { recursive: true })
  const base = `${dir}-base`
  mkdirSync(base, { recursive: true })
  const jpg = join(base, 'base.jpg')
  const mp4 = join(base, 'base.mp4')
  execFileSync('ffmpeg', [
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'testsrc=size=64x64:rate=1',
    '-frames:v',
    '1',
    jpg,
  ])
  if (opts.videos > 0) {
    execFileSync('ffmpeg', [
      '-loglevel',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=360x640:rate=10',
      '-t',
      '5',
      '-c:v',
      'libx264',
      '-pix_fmt',
      'yuv420p',
      mp4,
    ])
  }
  const prefix = opts.prefix ?? ''
  const images: string[] = []
  const videos: string[] = []
  for (let i = 0; i < opts.images; i++) {
    const p = join(dir, `${prefix}img-${String(i).padStart(3, '0')}.jpg`)
    copyFileSync(jpg, p)
    appendFileSync(p, Buffer.from(`#${prefix}${i}`))
    images.push(p)
  }
  for (let i = 0; i < opts.videos; i++) {
    const p = join(dir, `${prefix}vid-${String(i).padStart(3, '0')}.mp4`)
    copyFileSync(mp4, p)
    // A trailing `free` box keeps the file a valid MP4 while changing its hash.
    const payload = Buffer.from(`${prefix}${i}`)
    const head = Buffer.alloc(8)
    head.writeUInt32BE(8 + payload.length, 0)
    head.write('free', 4, 'latin1')
    appendFileSync(p, Buffer.concat([head, payload]))
    videos.push(p)
  }
  return { images, videos }
}
