import { spawnSync } from 'node:child_process'
import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FileLock, refreshLockFile } from '../../src/main/auth/refresh-lock'

let dir: string
let file: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pinload-refresh-lock-'))
  file = refreshLockFile(dir, 'production')
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** The pid of a process that has ended (so nothing runs under it, barring reuse within the test). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  })
  return Number(child.stdout)
}

describe('FileLock (the refresh lock in the data folder)', () => {
  it('is held by one at a time; the next one gets it when the first releases', async () => {
    const first = await new FileLock(file).acquire()
    expect(first).not.toBeNull()
    const holder = JSON.parse(await readFile(file, 'utf8')) as { pid: number; host: string }
    expect(holder).toMatchObject({ pid: process.pid, host: hostname() })
    let second: (() => Promise<void>) | null = null
    const waiting = new FileLock(file, { pollMs: 5 }).acquire().then((release) => (second = release))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(second).toBeNull()
    await first!()
    await waiting
    expect(second).not.toBeNull()
    await second!()
    await expect(readFile(file)).rejects.toMatchObject({ code: 'ENOENT' })
  })

  it('gives up after the bounded wait and leaves the holder its lock', async () => {
    const first = await new FileLock(file).acquire()
    const started = Date.now()
    await expect(new FileLock(file, { waitMs: 100, pollMs: 10 }).acquire()).resolves.toBeNull()
    expect(Date.now() - started).toBeGreaterThanOrEqual(100)
    expect(Date.now() - started).toBeLessThan(2000)
    await first!()
  })

  it('takes over a lock whose process died', async () => {
    await writeFile(
      file,
      JSON.stringify({ pid: deadPid(), host: hostname(), since: Date.now(), nonce: 'gone' }),
    )
    const release = await new FileLock(file, { waitMs: 100 }).acquire()
    expect(release).not.toBeNull()
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ pid: process.pid })
    await release!()
  })

  it('takes over a lock held longer than the stale limit (a hung process, or one on another machine)', async () => {
    await writeFile(
      file,
      JSON.stringify({ pid: process.pid, host: 'elsewhere', since: Date.now() - 61_000, nonce: 'old' }),
    )
    await expect(new FileLock(file, { waitMs: 100 }).acquire()).resolves.not.toBeNull()
  })

  it('takes over an unreadable lock file only once it is old', async () => {
    await writeFile(file, '')
    await expect(new FileLock(file, { waitMs: 60, pollMs: 10 }).acquire()).resolves.toBeNull()
    const old = new Date(Date.now() - 120_000)
    await utimes(file, old, old)
    await expect(new FileLock(file, { waitMs: 60 }).acquire()).resolves.not.toBeNull()
  })

  it("a release never removes someone else's lock", async () => {
    const mine = await new FileLock(file).acquire()
    // Taken over meanwhile (as stale), by another holder.
    await writeFile(
      file,
      JSON.stringify({ pid: process.pid, host: hostname(), since: Date.now(), nonce: 'theirs' }),
    )
    await mine!()
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ nonce: 'theirs' })
  })
})
