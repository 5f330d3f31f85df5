import { afterEach, describe, expect, it } from 'vitest'
import { openDatabaseFile } from '../../src/main/db/connection'
import { ItemRepository } from '../../src/main/db/item-repository'
import { ReadyList } from '../../src/main/pipeline/ready-list'
import { harness, type Harness } from './pipeline-fixtures'

describe('ReadyList (read-ahead of the scheduler)', () => {
  let h: Harness
  afterEach(() => h.close())

  function setup(n: number) {
    h = harness()
    const repo = new ItemRepository(h.db)
    let reads = 0
    const next = repo.nextRunnable.bind(repo)
    repo.nextRunnable = (...a) => {
      reads++
      return next(...a)
    }
    const batch = repo.createBatch({ kind: 'cli', label: 't' })
    const ids = Array.from({ length: n }, (_, i) =>
      repo.insertItem(batch, i, { draft: h.draft(`/nowhere-${i}.jpg`) }),
    )
    return { repo, ids, ready: new ReadyList(repo), reads: () => reads }
  }

  it('serves picks in queue order from one read, skipping running items', () => {
    const { ids, ready, reads } = setup(10)
    const running = new Map<number, unknown>()
    const picked: number[] = []
    for (let i = 0; i < 4; i++) {
      const [r] = ready.take(1, { running, blockedAccounts: [], now: 1000 })
      picked.push(r!.id)
      running.set(r!.id, true)
    }
    expect(picked).toEqual(ids.slice(0, 4))
    expect(reads()).toBe(1)
  })

  it('reads again after invalidate, a change of blocked accounts, a second, or a commit by another connection', () => {
    const { repo, ids, ready, reads } = setup(10)
    const running = new Map<number, unknown>()
    const take = (now: number, blockedAccounts: string[] = []) =>
      ready.take(1, { running, blockedAccounts, now })[0]?.id
    expect(take(1000)).toBe(ids[0])
    ready.invalidate()
    expect(take(1000)).toBe(ids[0])
    expect(reads()).toBe(2)
    expect(take(1000, ['someone'])).toBe(ids[0])
    expect(reads()).toBe(3)
    expect(take(2500, ['someone'])).toBe(ids[0])
    expect(reads()).toBe(4)
    // The CLI next to the app cancels the next item: this connection's read-ahead must not start it.
    const other = openDatabaseFile(h.db.file)
    other.prepare("UPDATE items SET state = 'cancelled' WHERE id = ?").run(ids[1])
    other.close()
    running.set(ids[0]!, true)
    expect(take(2500, ['someone'])).toBe(ids[2])
    expect(reads()).toBe(5)
    // Its own writes do not drop the list.
    repo.update(ids[3]!, { title: 'x' })
    running.set(ids[2]!, true)
    expect(take(2500, ['someone'])).toBe(ids[3])
    expect(reads()).toBe(5)
  })
})
