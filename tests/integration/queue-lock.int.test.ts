import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { QUEUE_LOCK_FILE, QueueLock } from '../../src/main/platform/queue-lock'

let dir: string | undefined
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
  dir = undefined
})

describe('one queue runner per data folder', () => {
  it('lets one holder in, refuses a second, and frees on release', () => {
    dir = mkdtempSync(join(tmpdir(), 'pinload-lock-'))
    const app = new QueueLock(dir, 'app')
    const cli = new QueueLock(dir, 'cli')
    expect(app.tryAcquire()).toBeNull()
    expect(cli.tryAcquire()).toMatchObject({ pid: process.pid, owner: 'app' })
    app.release()
    expect(cli.tryAcquire()).toBeNull()
  })

  it('takes over the lock of a process that died', () => {
    dir = mkdtempSync(join(tmpdir(), 'pinload-lock-'))
    const dead = spawnSync(process.execPath, [
      '-e',
      'process.stdout.write(String(process.pid))',
    ]).stdout.toString()
    writeFileSync(
      join(dir, QUEUE_LOCK_FILE),
      JSON.stringify({ pid: Number(dead), host: hostname(), owner: 'cli', since: 1 }),
    )
    expect(new QueueLock(dir, 'app').tryAcquire()).toBeNull()
  })

  it('treats an unreadable lock as stale', () => {
    dir = mkdtempSync(join(tmpdir(), 'pinload-lock-'))
    writeFileSync(join(dir, QUEUE_LOCK_FILE), 'garbage')
    expect(new QueueLock(dir, 'cli').tryAcquire()).toBeNull()
  })
})
