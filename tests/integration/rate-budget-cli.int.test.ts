import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { WriteBudget } from '../../src/shared/write-budget'
import { openDatabase } from '../../src/main/db/connection'
import { SettingsStore, WriteJournal } from '../../src/main/db/settings-store'
import type { FakePinterest } from '../../src/main/fake-pinterest/index'
import { runCli as runInProcess } from '../../src/cli/program'
import { makeMedia } from '../support/media-files'
import { startTestApp, type TestApp } from '../support/test-app'
import { cliEnv, runCli } from './cli-helpers'
import { startFake } from './pinterest-test-kit'

/**
 * The write budget as the user sees it (issue 14 point 5): `pinload status` and the window's
 * `rate:write-budget` count what the writes of any process left, from the journal in the data folder;
 * PINLOAD_WRITES_PER_MINUTE sets the command's limit.
 */
let root: string
let fake: FakePinterest
let app: TestApp | undefined
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'pinload-budget-'))
  fake = await startFake({ rateLimits: { org_write: { limit: 5, windowMs: 60_000, sliding: true } } })
  fake.addBoard({ name: 'Travel' })
})
afterEach(async () => {
  await app?.shutdown()
  app = undefined
})
afterAll(async () => {
  await fake.close()
  rmSync(root, { recursive: true, force: true })
})

/** A Trial data folder whose journal holds `writes` writes made over the last hours. */
function trialFolder(name: string, writes: number): string {
  const dataDir = join(root, name)
  const db = openDatabase({ dataDir })
  new SettingsStore(db, dataDir).set({ rateProfile: 'trial' })
  const journal = new WriteJournal(db, 'production')
  const now = Date.now()
  // One from 25 hours ago has left the window; the others are inside it.
  journal.record('org_write', now - 25 * 3_600_000, 86_400_000 * 2)
  for (let i = 0; i < writes; i++) journal.record('org_write', now - (writes - i) * 60_000, 86_400_000)
  db.close()
  return dataDir
}

describe('the write budget', () => {
  it('pinload status tells what a Trial day has left, as text and JSON', async () => {
    const dataDir = trialFolder('trial', 42)
    let out = ''
    const io = { stdout: (s: string) => void (out += s), stderr: () => {} }
    const env = { PINLOAD_DATA_DIR: dataDir, PATH: process.env.PATH }
    expect(await runInProcess(['status'], io, env)).toBe(0)
    expect(out).toContain('Write budget (Trial): 258 of 300 writes left in the last 24 hours.')
    out = ''
    expect(await runInProcess(['status', '--json'], io, env)).toBe(0)
    const json = JSON.parse(out) as { writeBudget: WriteBudget }
    expect(json.writeBudget).toMatchObject({ profile: 'trial', limit: 300, used: 42, remaining: 258 })
  })

  it('the window reads the same budget through rate:write-budget', async () => {
    const dataDir = trialFolder('trial-app', 300)
    app = await startTestApp({ dataDir, fake })
    const b = await app.call<WriteBudget>('rate:write-budget', {})
    expect(b).toMatchObject({ profile: 'trial', limit: 300, used: 300, remaining: 0, windowMs: 86_400_000 })
    // The oldest of them (300 minutes ago) frees the next slot 24 hours after it was made.
    expect(b.nextFreeAt! - Date.now()).toBeGreaterThan(18 * 3_600_000)
    expect((await app.dispatch('rate:write-budget', { extra: 1 })).ok).toBe(false)
    // The setting changes the Standard limit the window shows.
    await app.call('settings:set', { rateProfile: 'standard', writesPerMinute: 40 })
    expect(await app.call<WriteBudget>('rate:write-budget', {})).toMatchObject({
      limit: 40,
      windowMs: 60_000,
    })
    expect((await app.dispatch('settings:set', { writesPerMinute: 0 })).ok).toBe(false)
  })

  it('PINLOAD_WRITES_PER_MINUTE paces an upload with no 429, and the next command sees what it used', async () => {
    const dataDir = join(root, 'cli')
    makeMedia(join(root, 'm'), { images: 3, videos: 0, prefix: 'w' })
    const token = fake.issueToken().accessToken
    const { PINLOAD_RATE_LIMITS: _off, ...base } = cliEnv(fake, dataDir, token)
    const env = { ...base, PINLOAD_WRITES_PER_MINUTE: '5' }
    const up = await runCli(['upload', '--yes', join(root, 'm'), '--board', 'Travel', '--json'], env)
    expect(up.code, up.stdout + up.stderr).toBe(0)
    expect(fake.requests.filter((r) => r.status === 429)).toEqual([])
    const status = await runCli(['status'], env)
    expect(status.stdout).toContain('Write budget (Standard): 2 of 5 writes left this minute.')

    const bad = await runCli(['status'], { ...env, PINLOAD_WRITES_PER_MINUTE: 'fast' })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain(
      'PINLOAD_WRITES_PER_MINUTE must be a whole number from 1 to 1000, not "fast".',
    )
  })
})
