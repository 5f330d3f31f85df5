import { describe, expect, it } from 'vitest'
import {
  CATCH_UP_GAP_MS,
  decidePace,
  DEFAULT_PACE_RULES,
  normalizeLink,
  type PacedItem,
  type PacedPin,
  type PaceInput,
} from '../../src/shared/schedule/pacing'

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR
const now = Date.parse('2026-06-01T12:00:00Z')
const item = (over: Partial<PacedItem> = {}): PacedItem => ({
  id: 100,
  batchId: 1,
  publishAt: null,
  link: null,
  fileKey: 'hash-a',
  boardId: '1',
  ...over,
})
const pin = (id: number, at: number | null, over: Partial<PacedItem> = {}): PacedPin => ({
  ...item({ id, ...over }),
  at,
})
const decide = (over: Partial<PaceInput>) =>
  decidePace({
    item: item(),
    recent: [],
    previous: null,
    rules: DEFAULT_PACE_RULES,
    now,
    timeZone: 'UTC',
    ...over,
  })

describe('decidePace: defaults that do not surprise', () => {
  it('no cap and no link spacing by default: twenty Pins with one link today, the next still goes', () => {
    const recent = Array.from({ length: 20 }, (_, i) =>
      pin(i, now - i * MIN, { link: 'https://a.example/x', fileKey: `h${i}` }),
    )
    expect(decide({ item: item({ link: 'https://a.example/x' }), recent })).toEqual({ go: true })
  })

  it('the same file on another board waits a day after the last one, unless the item has a time of its own', () => {
    const recent = [pin(1, now - 2 * HOUR, { boardId: '2' })]
    expect(decide({ recent })).toEqual({
      go: false,
      until: now - 2 * HOUR + DAY,
      because: 'the same file on another board keeps 1 d apart',
    })
    expect(decide({ recent, item: item({ publishAt: now }) })).toEqual({ go: true })
    // The same board is a duplicate, not pacing's business.
    expect(decide({ recent: [pin(1, now - HOUR, { boardId: '1' })] })).toEqual({ go: true })
  })
})

describe('decidePace: rules switched on', () => {
  it("a daily cap of 3 counts today's Pins and waits until midnight", () => {
    const rules = { ...DEFAULT_PACE_RULES, dailyCap: 3 }
    const recent = [
      pin(1, now - 11 * HOUR, { fileKey: 'x' }),
      pin(2, now - 5 * HOUR, { fileKey: 'y' }),
      pin(3, now - HOUR, { fileKey: 'z' }),
    ]
    expect(decide({ rules, recent })).toEqual({
      go: false,
      until: now + 12 * HOUR,
      because: 'of the daily cap of 3 Pins',
    })
    expect(decide({ rules, recent: recent.slice(1) })).toEqual({ go: true })
    // One of yesterday's (20 hours ago) does not count today.
    expect(
      decide({ rules, recent: [pin(4, now - 20 * HOUR, { fileKey: 'w' }), ...recent.slice(1)] }),
    ).toEqual({
      go: true,
    })
  })

  it('link spacing ignores http/https and a trailing slash', () => {
    expect(normalizeLink('HTTP://Example.com/a/')).toBe(normalizeLink('https://example.com/a'))
    expect(normalizeLink('https://example.com/?q=1')).toBe(normalizeLink('http://example.com?q=1'))
    const rules = { ...DEFAULT_PACE_RULES, linkSpacingMs: 2 * HOUR }
    const recent = [pin(1, now - 30 * MIN, { link: 'http://example.com/a/', fileKey: 'x' })]
    expect(decide({ rules, recent, item: item({ link: 'https://example.com/a' }) })).toEqual({
      go: false,
      until: now + 90 * MIN,
      because: 'Pins with the same link keep 2 h apart',
    })
    expect(decide({ rules, recent, item: item({ link: 'https://example.com/b' }) })).toEqual({ go: true })
  })

  it('a Pin being created counts as sent now', () => {
    const rules = { ...DEFAULT_PACE_RULES, linkSpacingMs: HOUR }
    const recent = [pin(1, null, { link: 'https://example.com/', fileKey: 'x' })]
    expect(decide({ rules, recent, item: item({ link: 'https://example.com' }) })).toMatchObject({
      go: false,
      until: now + HOUR,
    })
  })

  it('the latest hold wins, so the item waits once', () => {
    const rules = { ...DEFAULT_PACE_RULES, dailyCap: 1, linkSpacingMs: 10 * HOUR }
    const recent = [pin(1, now - HOUR, { link: 'https://e.com/', fileKey: 'x' })]
    expect(decide({ rules, recent, item: item({ link: 'https://e.com' }) })).toMatchObject({
      until: now + 12 * HOUR,
    })
  })
})

describe('decidePace: plans and missed times', () => {
  it('keeps the plan spacing from when the previous Pin was actually sent', () => {
    const previous = { ...pin(1, now - 2000, { publishAt: now - 5000 }), heldUntil: null }
    expect(decide({ previous, item: item({ publishAt: now }) })).toEqual({
      go: false,
      until: now + 3000,
      because: 'the plan keeps Pins 5 s apart',
    })
  })

  it('waits for the previous planned Pin that has not gone out yet', () => {
    const previous = { ...pin(1, null, { publishAt: now - 10 * MIN }), heldUntil: now + 30 * MIN }
    expect(decide({ previous, item: item({ publishAt: now - 5 * MIN }) })).toEqual({
      go: false,
      until: now + 30 * MIN,
      because: 'the Pin planned before it goes first',
    })
  })

  it('missed Pins go out one a minute after a sleep, not as a burst', () => {
    const recent = [pin(1, now - 10_000, { fileKey: 'x' })]
    expect(decide({ recent, item: item({ publishAt: now - 3 * HOUR }) })).toEqual({
      go: false,
      until: now - 10_000 + CATCH_UP_GAP_MS,
      because: 'missed Pins go out one a minute, not all at once',
    })
  })

  it('more than 24 hours late waits for the user; a late previous one does not hold the rest', () => {
    expect(decide({ item: item({ publishAt: now - 25 * HOUR }) })).toEqual({
      go: false,
      until: null,
      because:
        'it missed its time by more than 1 d; publish it late (Catch up, or pinload run --catch-up) or move it',
    })
    const previous = { ...pin(1, null, { publishAt: now - 25 * HOUR }), heldUntil: now + HOUR }
    expect(decide({ previous, item: item({ publishAt: now - 20 * HOUR }) })).toEqual({ go: true })
  })
})
