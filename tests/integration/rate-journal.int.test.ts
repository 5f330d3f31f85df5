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
    const journal = new WriteJournal(db, 'production', () => now)
    for (let i = 0; i < 3; i++) journal.record('org_write', now - 10_000 + i, 60_000)
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
})
