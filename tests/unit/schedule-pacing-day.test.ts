import { describe, expect, it } from 'vitest'
import { decidePace, DEFAULT_PACE_RULES, type PacedPin } from '../../src/shared/schedule/pacing'

const NY = 'America/New_York'
const pin = (id: number, at: number): PacedPin => ({
  id,
  batchId: 1,
  publishAt: null,
  link: null,
  fileKey: `f${id}`,
  boardId: '1',
  at,
})
const decide = (now: number, recent: PacedPin[], dailyCap: number) =>
  decidePace({
    item: { id: 100, batchId: 2, publishAt: null, link: null, fileKey: 'new', boardId: '1' },
    recent,
    previous: null,
    rules: { ...DEFAULT_PACE_RULES, dailyCap },
    now,
    timeZone: NY,
  })

describe('the daily cap counts the local calendar day', () => {
  it("yesterday's Pins leave today's cap whole, though fewer than 24 hours ago", () => {
    // 3 a day at 09:00, 13:00, 17:00 New York; the next morning's 09:00 after the spring change is 23 h later.
    const day1 = [
      Date.parse('2026-03-07T14:00Z'),
      Date.parse('2026-03-07T18:00Z'),
      Date.parse('2026-03-07T22:00Z'),
    ]
    const nextMorning = Date.parse('2026-03-08T13:00Z')
    expect(
      decide(
        nextMorning,
        day1.map((t, i) => pin(i, t)),
        3,
      ),
    ).toEqual({ go: true })
  })

  it("today's cap spent: waits until local midnight, saying so", () => {
    const today = [Date.parse('2026-06-01T13:00Z'), Date.parse('2026-06-01T15:00Z')]
    const now = Date.parse('2026-06-01T20:00Z') // 16:00 in New York
    expect(
      decide(
        now,
        today.map((t, i) => pin(i, t)),
        2,
      ),
    ).toEqual({
      go: false,
      until: Date.parse('2026-06-02T04:00Z'), // 00:00 EDT
      because: 'of the daily cap of 2 Pins',
    })
    expect(
      decide(
        now,
        today.map((t, i) => pin(i, t)),
        3,
      ),
    ).toEqual({ go: true })
  })

  it('a cap of one says "1 Pin"', () => {
    const now = Date.parse('2026-06-01T20:00Z')
    expect(decide(now, [pin(1, Date.parse('2026-06-01T13:00Z'))], 1)).toMatchObject({
      because: 'of the daily cap of 1 Pin',
    })
  })
})
