import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../src/main/db/connection'
import { ItemRepository } from '../../src/main/db/item-repository'
import { PaceStore } from '../../src/main/db/pace-store'
import { heldPatch } from '../../src/main/pipeline/pace-gate'

let dir: string
let db: Database
let repo: ItemRepository
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pinload-pace-'))
  db = openDatabase({ dataDir: dir })
  repo = new ItemRepository(db)
})
afterEach(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('PaceStore.sameFileSince', () => {
  it("counts one file's Pins of this account only: pacing rules are per account", () => {
    const b = repo.createBatch({ kind: 'cli', label: 't' })
    const pinned = (seq: number, account: string, board: string) => {
      const id = repo.insertItem(b, seq, { draft: { path: `/p/${seq}.jpg`, meta: { boardId: board } } })
      db.prepare(
        "UPDATE items SET content_hash = 'h1', state = 'published', account_key = ?, updated_at = ? WHERE id = ?",
      ).run(account, Date.now(), id)
      return id
    }
    const mine = pinned(1, 'ana', 'B1')
    pinned(2, 'bo', 'B1')
    const found = new PaceStore(db).sameFileSince('h1', 'B2', 'ana', Date.now() - 3_600_000)
    expect(found.map((r) => r.id)).toEqual([mine])
  })
})

describe('PaceStore.latestHold (the ETA)', () => {
  it('counts holds that end at a known time, not an item waiting for the user to catch it up', () => {
    const b = repo.createBatch({ kind: 'cli', label: 't' })
    const now = Date.now()
    const held = (seq: number, hold: { until: number | null; because: string }) => {
      const id = repo.insertItem(b, seq, { draft: { path: `/p/${seq}.jpg`, meta: {} } })
      repo.update(id, { state: 'queued', ...heldPatch(hold, now) })
    }
    held(1, { until: null, because: 'it missed its time by more than 24 h' })
    const store = new PaceStore(db)
    expect(store.latestHold()).toBeNull()
    held(2, { until: now + 600_000, because: 'of the daily cap of 3 Pins' })
    expect(store.latestHold()).toBe(now + 600_000)
  })
})
