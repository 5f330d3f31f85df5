import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeMedia } from '../support/media-files'
import { runCli } from './cli-helpers'

// `pinload upload <folder> --demo` (README.md, "Try it without a Pinterest account"), run as the user would run
// it: no token, no PINLOAD_API_BASE, no keychain (no D-Bus session), no --board.

interface DemoJson {
  ok: boolean
  demo?: boolean
  notice?: string
  results: { path?: string; state: string; pinId?: string; pinUrl?: string }[]
  totals: { byState: Record<string, number> }
}

let root: string

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'pinload-cli-demo-'))
})
afterAll(() => {
  rmSync(root, { recursive: true, force: true })
})

/** The environment of someone who never set Pinload up: their own data folder is watched, never written. */
function userEnv(): NodeJS.ProcessEnv {
  const home = join(root, 'home')
  const data = join(root, 'user-data')
  mkdirSync(home, { recursive: true })
  mkdirSync(data, { recursive: true })
  mkdirSync(join(root, 'tmp'), { recursive: true })
  return { PATH: process.env.PATH, HOME: home, PINLOAD_DATA_DIR: data, TMPDIR: join(root, 'tmp') }
}

const demoFolders = () => readdirSync(join(root, 'tmp')).filter((f) => f.startsWith('pinload-demo-'))

describe('pinload upload --demo', () => {
  it('publishes every file to the built-in stand-in, says it was the demo, and leaves nothing behind', async () => {
    const { images, videos } = makeMedia(join(root, 'photos'), { images: 3, videos: 1, prefix: 'd' })
    const env = userEnv()
    const r = await runCli(['upload', join(root, 'photos'), '--demo', '--json'], env)
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout) as DemoJson
    expect(out.ok).toBe(true)
    expect(out.demo).toBe(true)
    expect(out.notice).toMatch(/nothing is really posted/)
    expect(out.notice).toMatch(/Nothing was posted to Pinterest/)
    expect(out.results.map((x) => x.path).sort()).toEqual([...images, ...videos].sort())
    for (const x of out.results) {
      expect(x.state, x.path).toBe('published')
      expect(x.pinId, x.path).toMatch(/^\d+$/)
      // A pinterest.com page of a Pin that lives on the stand-in only would not exist.
      expect(x.pinUrl).toBeUndefined()
    }
    expect(out.totals.byState['published']).toBe(images.length + videos.length)

    // The user's data folder stayed empty, and the demo's throwaway folder is gone.
    expect(readdirSync(env.PINLOAD_DATA_DIR!)).toEqual([])
    expect(demoFolders()).toEqual([])
  }, 60_000)

  it('prints the results and the notice for a terminal, with a demo board named by --board', async () => {
    const { images } = makeMedia(join(root, 'more'), { images: 2, videos: 0, prefix: 'e' })
    const env = userEnv()
    const r = await runCli(['upload', join(root, 'more'), '--demo', '--board', 'travel'], env)
    expect(r.code, r.stderr).toBe(0)
    for (const path of images) expect(r.stdout).toMatch(new RegExp(`published .*${path}`))
    expect(r.stdout).toContain('Nothing was posted to Pinterest.')
    expect(r.stdout).not.toContain('pinterest.com/pin/')
    expect(readdirSync(env.PINLOAD_DATA_DIR!)).toEqual([])
    expect(demoFolders()).toEqual([])
  }, 60_000)

  it('is offered by upload only', async () => {
    const r = await runCli(['status', '--demo'], userEnv())
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/unknown option '--demo'/)
  })
})
