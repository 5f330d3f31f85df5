import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../src/main/db/connection'
import { PaceStore } from '../../src/main/db/pace-store'
import { UploadQueue } from '../../src/main/pipeline/upload-queue'
import { spreadOverBoards } from '../../src/main/services/board-spread'
import { MakeCarousel } from '../../src/main/services/make-carousel'
import { PlanItems } from '../../src/main/services/plan-items'
import { Scheduling } from '../../src/main/services/scheduling'
import { waitFor } from '../support/wait-for'
import { harness, type Harness } from './pipeline-fixtures'

// Issue 13's planning beyond an edit: drafts spread over boards with an interval are timed again when they are
// published, and scheduling, unscheduling and making a carousel follow the edit's rule beside a queue that
// another process runs (item-plans.ts, `dueElsewhere`).
const HOUR = 3_600_000
const DAY = 24 * HOUR

let h: Harness
let other: { db: Database; queue: UploadQueue } | undefined
afterEach(async () => {
  if (other) {
    await other.queue.shutdown()
    other.db.close()
    other = undefined
  }
  await h.close()
})

// As an add makes them: every file on the first board, which the spread then copies to the others.
const A = { boardId: 'A' }

const byName = (h: Harness) =>
  Object.fromEntries(h.queue.list().items.map((v) => [`${v.name}@${v.boardId}`, v]))

describe('drafts spread over boards with an interval', () => {
  it('published days later, go from now and the interval after it, not all at once', async () => {
    let clock = Date.parse('2026-03-02T09:00:00Z')
    h = harness({ now: () => clock })
    const added = clock
    const drafts = spreadOverBoards(
      [h.draft(h.image('a.jpg'), A), h.draft(h.image('b.jpg'), A)],
      { boards: [{ boardId: 'A' }, { boardId: 'B' }, { boardId: 'C' }], intervalMs: 2 * HOUR },
      added,
    )
    h.queue.enqueue(drafts, { kind: 'cli', label: 'spread' }, { asDrafts: true })
    expect(byName(h)['a.jpg@B']!.publishAt).toBe(added + 2 * HOUR)

    clock = added + 3 * DAY
    expect(new PlanItems(h.queue).publish({ all: true })).toEqual({ published: 6 })
    const rows = byName(h)
    for (const f of ['a.jpg', 'b.jpg']) {
      expect([rows[`${f}@A`]!.state, rows[`${f}@A`]!.publishAt]).toEqual(['queued', undefined])
      expect([rows[`${f}@B`]!.state, rows[`${f}@B`]!.publishAt]).toEqual(['scheduled', clock + 2 * HOUR])
      expect([rows[`${f}@C`]!.state, rows[`${f}@C`]!.publishAt]).toEqual(['scheduled', clock + 4 * HOUR])
    }
  })

  it("keep the user's own time while it is ahead, and a time given to one Pin afterwards is its own", async () => {
    let clock = Date.parse('2026-03-02T09:00:00Z')
    h = harness({ now: () => clock })
    const added = clock
    const at = added + 5 * DAY
    const drafts = spreadOverBoards(
      [h.draft(h.image('c.jpg'), A, { publishAt: at }), h.draft(h.image('d.jpg'), A, { publishAt: at })],
      { boards: [{ boardId: 'A' }, { boardId: 'B' }], intervalMs: 2 * HOUR },
      added,
    )
    h.queue.enqueue(drafts, { kind: 'cli', label: 'own' }, { asDrafts: true })
    const plan = new PlanItems(h.queue)
    const mine = added + 9 * DAY
    expect((await plan.edit([byName(h)['d.jpg@B']!.id], { publishAt: mine })).updated).toBe(1)

    clock = added + DAY
    plan.publish({ all: true })
    let rows = byName(h)
    expect(['c.jpg@A', 'c.jpg@B', 'd.jpg@B'].map((k) => rows[k]!.publishAt)).toEqual([
      at,
      at + 2 * HOUR,
      mine,
    ])

    // Unscheduled and published again after its file's first time passed: counted from now.
    clock = at + DAY
    const id = rows['c.jpg@B']!.id
    const sched = new Scheduling({ queue: h.queue, pace: new PaceStore(h.db), accountKey: () => '', env: {} })
    h.queue.pauseAll()
    h.queue.start()
    expect(sched.unschedule([id])).toEqual({ unscheduled: 1, refused: [] })
    plan.publish({ ids: [id] })
    rows = byName(h)
    expect([rows['c.jpg@B']!.state, rows['c.jpg@B']!.publishAt]).toEqual(['queued', undefined])
  })
})

describe('a queue that another process runs', () => {
  /** A second connection and queue on the same data folder, not running: the process beside the runner. */
  function beside(now: () => number): UploadQueue {
    const db = openDatabase({ dataDir: join(h.dir, 'data') })
    const queue = new UploadQueue({ db, apiFor: () => h.api, settings: () => h.settings, now })
    other = { db, queue }
    return queue
  }

  it('refuses to schedule, unschedule or join an item it may be sending; what it changes is picked up there', async () => {
    let clock = Date.now()
    h = harness({ now: () => clock })
    h.queue.start()
    h.queue.pauseAll()
    h.queue.enqueue([h.draft(h.image('due.jpg')), h.draft(h.image('due2.jpg'))], {
      kind: 'cli',
      label: 'due',
    })
    h.queue.enqueue([h.draft(h.image('later.jpg'), {}, { publishAt: clock + HOUR })], {
      kind: 'cli',
      label: 'later',
    })
    const ids = Object.fromEntries(h.queue.list().items.map((v) => [v.name, v.id]))
    const queue = beside(() => clock)
    const sched = new Scheduling({ queue, pace: new PaceStore(other!.db), accountKey: () => '', env: {} })

    const un = sched.unschedule([ids['due.jpg']!, ids['later.jpg']!])
    expect(un.unscheduled).toBe(1)
    expect(un.refused).toEqual([
      {
        id: ids['due.jpg'],
        message: expect.stringMatching(/is due and another Pinload process runs the queue/) as string,
      },
    ])
    const planned = sched.apply({ ids: [ids['due2.jpg']!] }, { every: '1h' })
    expect(planned.scheduled).toBe(0)
    expect(planned.refused[0]!.message).toMatch(/another Pinload process runs the queue/)
    await expect(new MakeCarousel(queue).make([ids['due.jpg']!, ids['due2.jpg']!])).rejects.toThrow(
      /is queued and another Pinload process runs the queue/,
    )

    // The runner takes in the other connection's commit: the unscheduled item rests as a draft and, once its
    // old time has come, is not sent; the due ones are.
    h.queue.pickUpOutsideChanges()
    expect(h.queue.list().items.find((v) => v.id === ids['later.jpg'])?.state).toBe('draft')
    clock += 2 * HOUR
    h.queue.resumeAll()
    await waitFor('the due items sent', () => expect(h.api.pins).toHaveLength(2))
    await h.queue.whenIdle()
    expect(h.api.pins).toHaveLength(2)
    expect(h.queue.list().items.find((v) => v.id === ids['later.jpg'])?.state).toBe('draft')
  })
})
