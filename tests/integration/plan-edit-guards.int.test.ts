import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { PlanItems } from '../../src/main/services/plan-items'
import { harness, type Harness } from './pipeline-fixtures'
import { waitFor } from '../support/wait-for'

// Review of issue 13's planning: what an edit must refuse so that no Pin goes out with other words, board or
// time than the row says, and a scheduled item that wakes on the wall clock after the machine slept.
let h: Harness
afterEach(() => h.close())

const HOUR = 3_600_000

function rowsOf(h: Harness) {
  return Object.fromEntries(h.queue.list().items.map((v) => [v.name, v]))
}

describe('items:edit refusals', () => {
  it("an item due in a queue this process does not run (the app waiting for a command's lock) is refused; a draft is edited", async () => {
    h = harness()
    const plan = new PlanItems(h.queue)
    h.queue.enqueue([h.draft(h.image('due.jpg'))], { kind: 'cli', label: 'due' })
    h.queue.enqueue([h.draft(h.image('draft.jpg'))], { kind: 'cli', label: 'draft' }, { asDrafts: true })
    const ids = rowsOf(h)
    // Not started: another process runs this data folder's queue and may be sending the due item now.
    const out = await plan.edit([ids['due.jpg']!.id, ids['draft.jpg']!.id], { title: 'New words' })
    expect(out.updated).toBe(1)
    expect(out.refused.map((r) => r.id)).toEqual([ids['due.jpg']!.id])
    expect(out.refused[0]!.message).toMatch(/another Pinload process runs the queue/)
    expect(rowsOf(h)['due.jpg']!.title).toBe('due.jpg')
    expect(rowsOf(h)['draft.jpg']!.title).toBe('New words')
    // The command says for itself that no one else runs the queue.
    expect(
      (await plan.edit([ids['due.jpg']!.id], { title: 'Mine' }, { queueElsewhere: false })).updated,
    ).toBe(1)
  })

  it("a Pin's fields are refused while its create may have landed; its time is not", async () => {
    h = harness()
    h.queue.start()
    const plan = new PlanItems(h.queue)
    h.queue.enqueue([h.draft(h.image('sent.jpg'))], { kind: 'cli', label: 'sent' }, { asDrafts: true })
    const id = rowsOf(h)['sent.jpg']!.id
    // As the runner leaves it when the create's answer was lost: the Pin may exist with the old words.
    h.db
      .prepare("UPDATE items SET state = 'needs_attention', create_started_at = ? WHERE id = ?")
      .run(Date.now(), id)
    for (const patch of [{ title: 'Other' }, { link: 'https://example.com/x' }, { boardSectionId: '55' }]) {
      const out = await plan.edit([id], patch)
      expect(out.updated).toBe(0)
      expect(out.refused[0]!.message).toMatch(/may already have a Pin with what was sent; let Retry check/)
    }
    expect((await plan.edit([id], { title: 'sent.jpg' })).updated).toBe(1) // the same words change nothing
    expect((await plan.edit([id], { publishAt: Date.now() + HOUR })).updated).toBe(1)
  })

  it('an ad-only Pin takes no board or section, a carousel no cover frame, and a time in the past is refused', async () => {
    h = harness()
    h.queue.start()
    const plan = new PlanItems(h.queue)
    h.queue.enqueue(
      [{ path: h.image('ad.jpg'), meta: { title: 'ad.jpg', adOnly: true } }, h.draft(h.image('car.jpg'))],
      { kind: 'cli', label: 'ad' },
      { asDrafts: true },
    )
    const { 'ad.jpg': ad, 'car.jpg': car } = rowsOf(h)
    expect((await plan.edit([ad!.id], { boardId: '123' })).refused[0]!.message).toMatch(
      /ad-only Pin, on no board/,
    )
    expect((await plan.edit([ad!.id], { boardSectionId: '456' })).refused[0]!.message).toMatch(/ad-only/)
    expect((await plan.edit([ad!.id], { boardSectionId: null, title: 'Ad words' })).updated).toBe(1)

    h.db.prepare("UPDATE items SET kind = 'carousel' WHERE id = ?").run(car!.id)
    expect((await plan.edit([car!.id], { coverKeyFrameS: 3 })).refused[0]!.message).toMatch(
      /is a carousel; only a video has a cover/,
    )

    const past = await plan.edit([car!.id], { publishAt: Date.now() - 2 * HOUR })
    expect(past.refused[0]!.message).toMatch(/is in the past; give a time ahead, or none/)
    expect((await plan.edit([car!.id], { publishAt: Date.now() - 1000 })).updated).toBe(1) // a moment ago is now
  })
})

describe("a video's cover", () => {
  it('a picture file or a frame, each replacing the other; a file that is no picture is refused by name', async () => {
    h = harness()
    const plan = new PlanItems(h.queue)
    h.queue.enqueue([h.draft(h.video('clip.mp4'))], { kind: 'cli', label: 'v' }, { asDrafts: true })
    const clip = rowsOf(h)['clip.mp4']!
    const picture = h.image('cover.jpg')
    expect((await plan.edit([clip.id], { coverKeyFrameS: 2 })).updated).toBe(1)
    expect((await plan.edit([clip.id], { coverImagePath: picture })).updated).toBe(1)
    const cover = () =>
      h.db.prepare('SELECT cover_image_path, cover_key_frame_s FROM items WHERE id = ?').get(clip.id)
    expect(cover()).toEqual({ cover_image_path: picture, cover_key_frame_s: null })
    expect(h.queue.list().items.find((v) => v.id === clip.id)?.coverImageName).toBe('cover.jpg')
    expect((await plan.edit([clip.id], { coverKeyFrameS: 5 })).updated).toBe(1)
    expect(cover()).toEqual({ cover_image_path: null, cover_key_frame_s: 5 })

    const notes = join(h.dir, 'notes.txt')
    writeFileSync(notes, 'not a picture')
    const refused = await plan.edit([clip.id], { coverImagePath: notes })
    expect(refused.updated).toBe(0)
    expect(refused.refused[0]!.message).toMatch(/^notes\.txt /)
    const video = await plan.edit([clip.id], { coverImagePath: h.video('other.mp4') })
    expect(video.refused[0]!.message).toBe(
      'other.mp4 is a video; the cover must be an image or a time in seconds',
    )
    expect(cover()).toEqual({ cover_image_path: null, cover_key_frame_s: 5 })
  })
})

describe('waking a scheduled item', () => {
  it("a scheduled item's bytes join the running total once its time has come, not before", async () => {
    let later = 0
    h = harness({ now: () => Date.now() + later })
    const file = h.image('soon.jpg')
    h.queue.enqueue([h.draft(file, {}, { publishAt: Date.now() + HOUR })], { kind: 'cli', label: 'soon' })
    expect(rowsOf(h)['soon.jpg']!.state).toBe('scheduled')
    expect(h.queue.list().totals.bytesTotal).toBe(0)
    // Due now (the queue is not started, so the row is still `scheduled`, as while its run validates it).
    later = HOUR + 1000
    expect(h.queue.list().totals.bytesTotal).toBe(rowsOf(h)['soon.jpg']!.bytesTotal)
    expect(h.queue.list().totals.bytesTotal).toBeGreaterThan(0)
  })

  it('a scheduled item whose time passed while the machine slept goes within a second or two of waking', async () => {
    // Timers count no sleep (a day-long one fires late by the nap); the clock does. The queue reads this one.
    let slept = 0
    h = harness({ now: () => Date.now() + slept })
    const at = Date.now() + 2 * HOUR
    h.queue.enqueue([h.draft(h.image('later.jpg'), {}, { publishAt: at })], { kind: 'cli', label: 'nap' })
    h.queue.start()
    await h.queue.whenIdle()
    expect(rowsOf(h)['later.jpg']!.state).toBe('scheduled')
    slept = 2 * HOUR + 1000
    await waitFor(
      'the Pin sent after waking',
      () => expect(rowsOf(h)['later.jpg']!.state).toBe('published'),
      { timeoutMs: 5000 },
    )
    expect(h.api.pins).toHaveLength(1)
  })
})
