import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../src/main/db/connection'
import { SettingsStore, WriteJournal } from '../../src/main/db/settings-store'
import { RateGovernor } from '../../src/main/pinterest/rate-governor'

/** The journal of answered writes in real SQLite: what a new process starts its write window from. */
let dir: string
let db: Database
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pinload-journal-'))
  db = openDatabase({ dataDir: dir })
})
afterEach(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('WriteJournal', () => {
  it('keeps the writes inside the window, per account, across a reopen; reads are not kept', () => {
    let now = 1_000_000
    const clock = () => now
    const prod = new WriteJournal(db, 'production', clock)
    prod.record('org_write', now - 70_000, 60_000)
    prod.record('org_write', now - 30_000, 60_000)
    prod.record('org_write', now, 60_000)
    prod.record('org_read', now, 60_000)
    new WriteJournal(db, 'sandbox', clock).record('org_write', now, 60_000)
    db.close()
    db = openDatabase({ dataDir: dir })
    const again = new WriteJournal(db, 'production', clock)
    expect(again.load('org_write', 60_000)).toEqual([now - 30_000, now])
    expect(again.load('org_read', 60_000)).toEqual([])
    expect(new WriteJournal(db, 'sandbox', clock).load('org_write', 60_000)).toEqual([now])
    now += 30_000
    expect(again.load('org_write', 60_000)).toEqual([now - 30_000])
    // The settings the window reads are untouched by the journal's rows.
    expect(new SettingsStore(db, dir).get().writesPerMinute).toBe(100)
  })

  it('an unreadable journal counts as empty rather than stopping the app', () => {
    db.prepare("INSERT INTO settings(key, value) VALUES ('rate.writes.production', '{not json')").run()
    expect(new WriteJournal(db, 'production').load('org_write', 60_000)).toEqual([])
  })

  it('a governor fed by it waits for the window a previous process left', async () => {
    const now = 5_000_000
    const previous = new WriteJournal(db, 'production', () => now)
    for (let i = 0; i < 3; i++) previous.record('org_write', now - 10_000 + i, 60_000)
    const journal = new WriteJournal(db, 'production', () => now)
    const sleeps: number[] = []
    const g = new RateGovernor({
      limits: { org_write: { perWindow: 3, windowMs: 60_000 } },
      journal,
      now: () => now + sleeps.reduce((a, b) => a + b, 0),
      sleep: async (ms) => void sleeps.push(ms),
    })
    await g.run({ category: 'org_write' }, async () => {})
    expect(sleeps).toEqual([50_000])
    // The first of the three left the window as the new one went; the journal keeps only what is inside.
    expect(journal.load('org_write', 60_000)).toEqual([now - 9_999, now - 9_998, now + 50_000])
  })

  it('two processes at once (the app and a command): each counts the other’s writes as they happen', async () => {
    // Two connections to one database file, as the app and a `pinload` command have.
    const other = openDatabase({ dataDir: dir })
    try {
      let now = 7_000_000
      const clock = () => now
      const sleeps: number[] = []
      const governor = (on: Database) =>
        new RateGovernor({
          limits: { org_write: { perWindow: 4, windowMs: 60_000 } },
          journal: new WriteJournal(on, 'production', clock),
          now: clock,
          sleep: async (ms) => {
            sleeps.push(ms)
            now += ms
          },
        })
      const app = governor(db)
      const command = governor(other)
      // Both started before either wrote: without reading the journal as they go, each would send 4.
      expect(app.budget('org_write').remaining).toBe(4)
      expect(command.budget('org_write').remaining).toBe(4)
      for (let i = 0; i < 3; i++) {
        await app.run({ category: 'org_write' }, async () => {})
        now += 1000
      }
      await command.run({ category: 'org_write' }, async () => {})
      expect(sleeps).toEqual([])
      expect(app.budget('org_write')).toMatchObject({ used: 4, remaining: 0 })
      // The fifth waits until the app's first write leaves the window, whichever process asks.
      await command.run({ category: 'org_write' }, async () => {})
      expect(sleeps).toEqual([57_000])
      // Neither lost the other's entries though both wrote the same row.
      expect(new WriteJournal(db, 'production', clock).load('org_write', 60_000)).toHaveLength(4)
    } finally {
      other.close()
    }
  })

  it('a write another process has in flight counts before its answer, and a dead one’s for a window at most', async () => {
    const other = openDatabase({ dataDir: dir })
    try {
      let now = 9_000_000
      const clock = () => now
      const sleeps: number[] = []
      const governor = (on: Database) =>
        new RateGovernor({
          limits: { org_write: { perWindow: 2, windowMs: 60_000 } },
          journal: new WriteJournal(on, 'production', clock),
          now: clock,
          sleep: async (ms) => {
            sleeps.push(ms)
            now += ms
          },
        })
      const app = governor(db)
      const command = governor(other)
      await app.run({ category: 'org_write' }, async () => {})
      now += 1000
      let answer!: () => void
      let sending!: () => void
      const granted = new Promise<void>((r) => (sending = r))
      const inFlight = app.run(
        { category: 'org_write' },
        () =>
          new Promise<void>((r) => {
            answer = r
            sending()
          }),
      )
      await granted
      // The app's second write has no answer yet; the command counts it already.
      expect(command.budget('org_write')).toMatchObject({ used: 2, remaining: 0 })
      now += 4000
      await command.run({ category: 'org_write' }, async () => {})
      // It went when the app's first write left the window (60 s after it), not at once.
      expect(sleeps).toEqual([55_000])
      answer()
      await inFlight
      // One left sending by a process that died is counted for a window after its grant, then forgotten.
      const dead = new WriteJournal(other, 'production', clock)
      dead.begin('org_write', now, 60_000)
      const seen = new WriteJournal(db, 'production', clock)
      // Still sending, it counts as answered at every moment asked (it cannot leave before a window from now).
      now += 59_999
      expect(seen.others('org_write', 60_000)).toContain(now)
      now += 1
      expect(seen.others('org_write', 60_000)).not.toContain(now)
    } finally {
      other.close()
    }
  })

  it('entries of an older build (bare times) still count, for every process', () => {
    db.prepare("INSERT INTO settings(key, value) VALUES ('rate.writes.production', '[990000, 995000]')").run()
    const journal = new WriteJournal(db, 'production', () => 1_000_000)
    expect(journal.others('org_write', 60_000)).toEqual([990_000, 995_000])
    journal.record('org_write', 1_000_000, 60_000)
    expect(journal.load('org_write', 60_000)).toEqual([990_000, 995_000, 1_000_000])
    expect(journal.others('org_write', 60_000)).toEqual([990_000, 995_000])
  })
})
