import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import { wallTimeAt } from '../../src/shared/schedule/zoned-time'
import { DB_FILE_NAME, openDatabaseFile } from '../../src/main/db/connection'
import { makeMedia } from '../support/media-files'
import { cliEnv, runCli } from './cli-helpers'

interface StatusJson {
  items: { itemId: number; path?: string; state: string; publishAt?: string }[]
}

let fake: FakePinterest
let root: string
let token: string

beforeAll(async () => {
  fake = await startFakePinterest({ rateLimits: false })
  fake.addBoard({ name: 'Plans' })
  token = fake.issueToken().accessToken
  root = mkdtempSync(join(tmpdir(), 'pinload-schedule-'))
})
afterAll(async () => {
  await fake.close()
  rmSync(root, { recursive: true, force: true })
})

const NY = 'America/New_York'
const status = async (env: NodeJS.ProcessEnv) => {
  const r = await runCli(['status', '--json'], env)
  expect(r.code).toBe(0)
  return JSON.parse(r.stdout) as StatusJson
}

describe('pinload upload with a schedule, against the fake', () => {
  it('--start now+3s --every 5s --wait: 4 Pins at least 5 s apart, the first not before the start', async () => {
    makeMedia(join(root, 'every'), { images: 4, videos: 0, prefix: 'every' })
    const env = cliEnv(fake, join(root, 'd-every'), token)
    const start = Date.now() + 3000
    const r = await runCli(
      [
        'upload',
        '--yes',
        join(root, 'every'),
        '--board',
        'Plans',
        '--start',
        new Date(start).toISOString(),
        '--every',
        '5s',
        '--wait',
      ],
      env,
    )
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const times = fake.pins
      .filter((p) => p.title?.startsWith('every'))
      .map((p) => Date.parse(p.created_at))
      .sort((a, b) => a - b)
    expect(times).toHaveLength(4)
    // The fake dates its Pins to the millisecond; the start was sent to the millisecond too.
    expect(times[0]!).toBeGreaterThanOrEqual(start)
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(5000)
    // 15 s of plan after the process starts: room for a busy two-core machine.
  }, 180_000)

  it('--per-day 3 --window 09:00-17:00 --tz America/New_York on 11 files: 11 times in the window, at most 3 a day, nothing created, and the plan survives a restart', async () => {
    makeMedia(join(root, 'daily'), { images: 11, videos: 0, prefix: 'daily' })
    const env = cliEnv(fake, join(root, 'd-daily'), token)
    const from = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10)
    const pinsBefore = fake.pins.length
    const r = await runCli(
      [
        'upload',
        '--yes',
        join(root, 'daily'),
        '--board',
        'Plans',
        '--start',
        from,
        '--per-day',
        '3',
        '--window',
        '09:00-17:00',
        '--tz',
        NY,
      ],
      env,
    )
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/11 Pin\(s\) scheduled; the first goes out at .* \(America\/New_York\)/)
    expect(fake.pins.length).toBe(pinsBefore)

    const planned = (await status(env)).items
    expect(planned).toHaveLength(11)
    expect(planned.every((v) => v.state === 'scheduled' && v.publishAt !== undefined)).toBe(true)
    const perDay = new Map<string, number>()
    for (const v of planned) {
      const w = wallTimeAt(NY, Date.parse(v.publishAt!))
      const minute = w.hour * 60 + w.minute
      expect(minute).toBeGreaterThanOrEqual(9 * 60)
      expect(minute).toBeLessThan(17 * 60)
      const day = `${w.year}-${w.month}-${w.day}`
      perDay.set(day, (perDay.get(day) ?? 0) + 1)
    }
    expect([...perDay.values()].every((n) => n <= 3)).toBe(true)
    expect(perDay.size).toBe(4)

    // A new process (a restart) runs the queue: nothing is due, so nothing is created and the times stay.
    const run = await runCli(['run'], env)
    expect(run.code).toBe(0)
    expect(fake.pins.length).toBe(pinsBefore)
    const again = (await status(env)).items
    expect(again.map((v) => [v.itemId, v.state, v.publishAt])).toEqual(
      planned.map((v) => [v.itemId, v.state, v.publishAt]),
    )
  })

  it('without --wait the upload ends at once and says when; `run --wait` then publishes at the planned times', async () => {
    makeMedia(join(root, 'after'), { images: 2, videos: 0, prefix: 'after' })
    const env = cliEnv(fake, join(root, 'd-after'), token)
    const start = Date.now() + 25_000
    const r = await runCli(
      [
        'upload',
        '--yes',
        join(root, 'after'),
        '--board',
        'Plans',
        '--start',
        new Date(start).toISOString(),
        '--every',
        '5s',
      ],
      env,
    )
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/2 Pin\(s\) scheduled; the first goes out at /)
    expect(fake.pins.filter((p) => p.title?.startsWith('after'))).toHaveLength(0)
    const run = await runCli(['run', '--wait'], env)
    expect(run.code).toBe(0)
    const times = fake.pins
      .filter((p) => p.title?.startsWith('after'))
      .map((p) => Date.parse(p.created_at))
      .sort((a, b) => a - b)
    expect(times).toHaveLength(2)
    expect(times[0]!).toBeGreaterThanOrEqual(start)
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(5000)
  }, 180_000)

  it('bad schedule flags: a clear error naming the flag, exit 2, nothing queued', async () => {
    makeMedia(join(root, 'bad'), { images: 1, videos: 0, prefix: 'bad' })
    const env = cliEnv(fake, join(root, 'd-bad'), token)
    const past = new Date(Date.now() - 3_600_000).toISOString()
    const cases: [string[], RegExp][] = [
      [['--start', past, '--every', '1h'], /--start: .* is in the past/],
      [['--per-day', '3', '--window', '17:00-09:00'], /--window: 17:00-09:00 ends before it starts/],
      [['--per-day', '3', '--tz', 'Nowhere/Atlantis'], /--tz: 'Nowhere\/Atlantis' is not a known time zone/],
      [['--per-day', '0'], /--per-day: '0' must be a whole number from 1/],
    ]
    for (const [flags, message] of cases) {
      const r = await runCli(['upload', join(root, 'bad'), '--board', 'Plans', ...flags], env)
      expect(r.code).toBe(2)
      expect(r.stderr).toMatch(message)
    }
    expect((await status(env)).items).toHaveLength(0)
  })

  it('--every under one minute is refused against Pinterest itself', async () => {
    const env = {
      ...cliEnv(fake, join(root, 'd-real'), token),
      PINLOAD_API_BASE: 'https://api.pinterest.com/v5',
    }
    const r = await runCli(['upload', join(root, 'bad'), '--board', 'Plans', '--every', '30s'], env)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/--every: 30s is under one minute/)
  })
})

describe('pinload pacing, --no-pacing and run --catch-up', () => {
  it('a daily cap holds the second Pin with its reason; --no-pacing sends it', async () => {
    makeMedia(join(root, 'cap'), { images: 2, videos: 0, prefix: 'cap' })
    const env = cliEnv(fake, join(root, 'd-cap'), token)
    const set = await runCli(['pacing', '--daily-cap', '1', '--json'], env)
    expect(set.code).toBe(0)
    expect(JSON.parse(set.stdout)).toMatchObject({ dailyCap: 1, linkSpacingMs: 0 })
    const r = await runCli(['upload', '--yes', join(root, 'cap'), '--board', 'Plans', '--json'], env)
    const out = JSON.parse(r.stdout) as { results: { state: string; error?: { message: string } }[] }
    expect(out.results.map((x) => x.state).sort()).toEqual(['published', 'queued'])
    expect(out.results.find((x) => x.state === 'queued')?.error?.message).toMatch(
      /^Waiting until .+, because of the daily cap of 1 Pin\.$/,
    )
    // Held until a known time, it goes out then: not a failure.
    expect(r.code).toBe(0)
    const run = await runCli(['run', '--no-pacing'], env)
    expect(run.code).toBe(0)
    expect(fake.pins.filter((p) => p.title?.startsWith('cap'))).toHaveLength(2)
  })

  it('a hold that has ended is run by `pinload run`, not taken for one still waiting', async () => {
    makeMedia(join(root, 'ended'), { images: 2, videos: 0, prefix: 'ended' })
    const env = cliEnv(fake, join(root, 'd-ended'), token)
    expect((await runCli(['pacing', '--daily-cap', '1'], env)).code).toBe(0)
    const r = await runCli(['upload', '--yes', join(root, 'ended'), '--board', 'Plans'], env)
    expect(r.code).toBe(0)
    expect(fake.pins.filter((p) => p.title?.startsWith('ended'))).toHaveLength(1)
    // The day is over and the cap lifted: the hold's time has passed, its words are still on the item.
    expect((await runCli(['pacing', '--daily-cap', '0'], env)).code).toBe(0)
    const db = openDatabaseFile(join(root, 'd-ended', DB_FILE_NAME))
    db.prepare("UPDATE items SET next_attempt_at = ? WHERE state = 'queued'").run(Date.now() - 60_000)
    db.close()
    const run = await runCli(['run'], env)
    expect(run.code).toBe(0)
    expect(fake.pins.filter((p) => p.title?.startsWith('ended'))).toHaveLength(2)
  })

  it('a Pin more than 24 h late is listed by `run` and sent by `run --catch-up`', async () => {
    makeMedia(join(root, 'late'), { images: 1, videos: 0, prefix: 'late' })
    const env = cliEnv(fake, join(root, 'd-late'), token)
    expect(
      (await runCli(['upload', '--yes', '--draft', join(root, 'late'), '--board', 'Plans'], env)).code,
    ).toBe(0)
    const [item] = (await status(env)).items
    const planned = new Date(Date.now() - 30 * 3_600_000).toISOString()
    // Planned 30 hours ago, as a plan looks after the computer was off that long (`edit` refuses a past time).
    const db = openDatabaseFile(join(root, 'd-late', DB_FILE_NAME))
    db.prepare('UPDATE items SET publish_at = ? WHERE id = ?').run(Date.parse(planned), item!.itemId)
    db.close()
    // Publishing runs the queue to the end: the late item is held for the user, so that end comes at once.
    const published = await runCli(['publish', '--all'], env, 30_000)
    expect(published.signal).toBeNull()
    const run = await runCli(['run'], env)
    expect(run.stdout).toContain('1 Pin(s) missed their time by too much and wait for you:')
    expect(run.stdout).toMatch(new RegExp(`#${item!.itemId} late.*\\(planned ${planned.slice(0, 16)}`))
    expect(fake.pins.filter((p) => p.title?.startsWith('late'))).toHaveLength(0)
    const caught = await runCli(['run', '--catch-up'], env)
    expect(caught.stdout).toContain('Catching up 1 late Pin(s)')
    expect(caught.code).toBe(0)
    expect(fake.pins.filter((p) => p.title?.startsWith('late'))).toHaveLength(1)
  }, 180_000)
})
