import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import { openDatabase } from '../../src/main/db/connection'
import { PinOperationRepository } from '../../src/main/db/pin-operation-repository'
import { writeImage } from '../support/media-files'
import { runCli as runInProcess } from '../../src/cli/program'
import { CLI_ARGS, cliEnv, ROOT, runCli } from './cli-helpers'

/**
 * Fix or undo a batch (issue 15) through the real `pinload` command against the fake: `update` changes the
 * batch's Pins, `unpublish --yes` leaves none of them on the fake, also when a run is killed in the middle.
 */

let fake: FakePinterest
let root: string
let env: NodeJS.ProcessEnv

beforeAll(async () => {
  fake = await startFakePinterest({ rateLimits: false })
  root = mkdtempSync(join(tmpdir(), 'pinload-pin-ops-'))
  env = cliEnv(fake, join(root, 'data'), fake.issueToken().accessToken)
  // Not public: no first-post question to answer.
  fake.addBoard({ name: 'Travel', privacy: 'PROTECTED' })
}, 60_000)

afterAll(async () => {
  await fake.close()
  rmSync(root, { recursive: true, force: true })
})

/** Uploads `n` new photos as one batch; returns its number and the ids of the Pins it made. */
let shade = 0
let batches = 0
async function batchOf(n: number, prefix: string): Promise<{ batch: string; pins: string[] }> {
  const dir = join(root, prefix)
  mkdirSync(dir)
  // A colour of its own per photo: no two files are duplicates.
  for (let i = 0; i < n; i++)
    writeImage(dir, `${prefix}-${i}.jpg`, 'jpeg', {
      color: `#${(0x203040 + 0x0a0b0c * ++shade).toString(16)}`,
    })
  const before = new Set(fake.pins.map((p) => p.id))
  const r = await runCli(['upload', '--yes', dir, '--board', 'Travel'], env)
  expect(r.code, r.stderr).toBe(0)
  return { batch: String(++batches), pins: fake.pins.filter((p) => !before.has(p.id)).map((p) => p.id) }
}

const onFake = (ids: readonly string[]) => fake.pins.filter((p) => ids.includes(p.id))

describe('pinload update and unpublish', () => {
  it('update changes the link of every Pin of the batch; a refused (beta) update says so plainly', async () => {
    const { batch, pins } = await batchOf(3, 'upd')
    const r = await runCli(['update', '--batch', batch, '--link', 'https://example.com/fixed'], env)
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('Updated 3 Pins.')
    expect(onFake(pins).map((p) => p.link)).toEqual(Array(3).fill('https://example.com/fixed'))
    const patches = fake.requests.filter((q) => q.method === 'PATCH')
    expect(patches.map((q) => [q.status, q.category])).toEqual(Array(3).fill([200, 'org_write']))

    fake.refusePinUpdates(true)
    const refused = await runCli(['update', '--batch', batch, '--title', 'New'], env)
    fake.refusePinUpdates(false)
    expect(refused.code).toBe(1)
    expect(refused.stdout).toMatch(/upd-0\.jpg: Pinterest refused the update: .*beta endpoint/)
    expect(
      onFake(pins)
        .map((p) => p.title)
        .sort(),
    ).toEqual(['upd-0', 'upd-1', 'upd-2'])

    // A permission refusal that is not the beta one (a board of another user) is not called "beta".
    const theirs = fake.addBoard({ name: 'Theirs', privacy: 'PROTECTED', owner: 'someone-else' })
    const other = await runCli(['update', '--batch', batch, '--board', theirs.id], env)
    expect(other.code).toBe(1)
    expect(other.stdout).toMatch(/upd-0\.jpg: .*not permitted/)
    expect(other.stdout).not.toMatch(/beta/i)
  }, 120_000)

  it('unpublish --yes leaves none of the batch’s Pins on the fake; again, it says nothing is published', async () => {
    const { batch, pins } = await batchOf(3, 'gone')
    const { batch: kept, pins: other } = await batchOf(2, 'keep')
    const r = await runCli(['unpublish', '--batch', batch, '--yes'], env)
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('Removed 3 Pins.')
    expect(onFake(pins)).toEqual([])
    // The export calls them removed (by the user), not published.
    const json = await runCli(['export', '--format', 'json'], env)
    const rows = JSON.parse(json.stdout) as Record<string, unknown>[]
    const states = rows.filter((x) => String(x.title).startsWith('gone-')).map((x) => x.state)
    expect(states).toEqual(['removed', 'removed', 'removed'])
    expect(onFake(other)).toHaveLength(2)

    const again = await runCli(['unpublish', '--batch', batch, '--yes'], env)
    expect([again.code, again.stdout.trim()]).toEqual([
      0,
      `Batch ${batch} has nothing published on Pinterest: nothing to remove.`,
    ])
    // Removed on purpose: verify does not report them as missing.
    const verify = await runCli(['verify', '--batch', batch], env)
    expect(verify.code, verify.stdout).toBe(0)
    // Without --yes and without a terminal, nothing is removed.
    const asked = await runCli(['unpublish', '--batch', kept], env)
    expect(asked.code).toBe(2)
    expect(asked.stderr).toContain(`This removes 2 Pins of batch ${kept} from Pinterest and cannot be undone`)
    expect(onFake(other)).toHaveLength(2)
  }, 120_000)

  it('a run killed in the middle of unpublish leaves its removals queued; `pinload run` ends with none of the Pins and no error', async () => {
    const { batch, pins } = await batchOf(5, 'kill')
    // Each DELETE is held a while before the fake removes the Pin: the kill lands with one in flight.
    fake.faults.add({ match: { method: 'DELETE' }, action: { type: 'delay', ms: 300 } })
    const child = spawn(process.execPath, [...CLI_ARGS, 'unpublish', '--batch', batch, '--yes'], {
      env,
      cwd: ROOT,
      stdio: 'ignore',
    })
    const exited = new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)))
    const seen = fake.requests.length
    const third = new Promise<void>((resolve) => {
      const deletes = () => fake.requests.slice(seen).filter((q) => q.method === 'DELETE').length
      if (deletes() >= 3) return resolve()
      const stop = fake.onRequest(() => {
        if (deletes() < 3) return
        stop()
        resolve()
      })
    })
    await Promise.race([third, exited])
    child.kill('SIGKILL')
    expect(await exited).toBeNull()
    const left = onFake(pins).length
    expect(left).toBeGreaterThan(0)
    fake.faults.clear()
    // What the killed run left is on disk: its removals still open, the one in flight at the kill `sending`.
    const db = openDatabase({ dataDir: join(root, 'data') })
    const open = new PinOperationRepository(db).open()
    db.close()
    expect(open.length).toBeGreaterThan(0)
    expect(open.some((o) => o.state === 'sending')).toBe(true)

    const rerunFrom = fake.requests.length
    const r = await runCli(['run'], env)
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0)
    // The DELETE in flight at the kill still removed its Pin; sent again, its 404 counted as done.
    const resent = fake.requests.slice(rerunFrom).filter((q) => q.method === 'DELETE')
    expect(resent.filter((q) => q.status === 404).length).toBeGreaterThanOrEqual(1)
    expect(resent).toHaveLength(open.length)
    // What the killed run had not finished is sent now; nothing failed, nothing waits.
    expect(r.stdout).toMatch(/Sent what an earlier run left unsent for \d Pins?\.\n?$/)
    expect(r.stderr).toBe('')
    expect(onFake(pins)).toEqual([])
  }, 120_000)

  it('on a terminal, unpublish asks for the count to be typed: a wrong answer removes nothing', async () => {
    const { batch, pins } = await batchOf(2, 'typed')
    const asked: string[] = []
    const out: string[] = []
    const session = (answer: string) => ({
      stdout: (t: string) => void out.push(t),
      stderr: (t: string) => void out.push(t),
      readLine: (q: string) => {
        asked.push(q)
        return Promise.resolve(answer)
      },
    })
    expect(await runInProcess(['unpublish', '--batch', batch], session('yes'), env)).toBe(0)
    expect(asked).toEqual([
      `This removes 2 Pins of batch ${batch} from Pinterest and cannot be undone. Type 2 to go ahead:`,
    ])
    expect(out.join('')).toContain('Nothing removed.')
    expect(onFake(pins)).toHaveLength(2)

    expect(await runInProcess(['unpublish', '--batch', batch], session('2'), env)).toBe(0)
    expect(onFake(pins)).toEqual([])
  }, 120_000)
})
