import { describe, expect, it } from 'vitest'
import type { ItemView } from '../../src/shared/domain'
import {
  draftBatches,
  localDateKey,
  timelineDays,
  toLocalInput,
} from '../../src/renderer/src/features/timeline/timeline-days'

const item = (id: number, over: Partial<ItemView>): ItemView => ({
  id,
  batchId: 1,
  name: `f${id}.jpg`,
  state: 'scheduled',
  bytesSent: 0,
  bytesTotal: 0,
  attempts: 0,
  updatedAt: 0,
  ...over,
})
const at = (y: number, m: number, d: number, h: number, min = 0) => new Date(y, m - 1, d, h, min).getTime()
const now = at(2026, 12, 4, 12)

describe('timelineDays: upcoming Pins by local day', () => {
  it('groups by the local date in time order, and leaves out Pins without a time or already on their way', () => {
    const days = timelineDays(
      [
        item(1, { publishAt: at(2026, 12, 8, 9) }),
        item(2, { publishAt: at(2026, 12, 7, 13, 20) }),
        item(3, { publishAt: at(2026, 12, 7, 9), state: 'draft' }),
        item(4, { state: 'queued' }),
        item(5, { publishAt: at(2026, 12, 7, 10), state: 'published' }),
        item(6, { publishAt: at(2026, 12, 7, 11), state: 'uploading' }),
        item(7, { publishAt: at(2027, 1, 2, 9), state: 'queued' }),
      ],
      now,
    )
    expect(days.map((d) => [d.key, d.items.map((v) => v.id)])).toEqual([
      ['2026-12-07', [3, 2]],
      ['2026-12-08', [1]],
      ['2027-01-02', [7]],
    ])
    expect(days[0]!.label).toBe('Monday 7 December')
    // Another year's day says its year.
    expect(days[2]!.label).toBe('Saturday, 2 January 2027')
  })

  it('formats times for the date-time input on the local clock', () => {
    expect(toLocalInput(at(2026, 3, 8, 9, 5))).toBe('2026-03-08T09:05')
    expect(localDateKey(at(2026, 1, 31, 23, 59))).toBe('2026-01-31')
  })

  it('counts the drafts of each batch', () => {
    expect(
      draftBatches([
        item(1, { state: 'draft', batchId: 2 }),
        item(2, { state: 'draft', batchId: 2 }),
        item(3, { state: 'draft', batchId: 1 }),
        item(4, { state: 'scheduled', batchId: 3 }),
      ]),
    ).toEqual([
      { batchId: 1, drafts: 1 },
      { batchId: 2, drafts: 2 },
    ])
  })
})
