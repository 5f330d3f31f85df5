import { describe, expect, it } from 'vitest'
import { PaceGate } from '../../src/main/pipeline/pace-gate'
import type { PaceStore } from '../../src/main/db/pace-store'
import type { ItemRow } from '../../src/main/db/item-rows'
import { DEFAULT_PACE_RULES } from '../../src/shared/schedule/pacing'

const NOW = Date.UTC(2026, 11, 7, 12)
const HOUR = 3_600_000

/** The store as the gate reads it: the default rules, a daily cap of 1 already spent. */
const store = {
  rules: () => ({ ...DEFAULT_PACE_RULES, dailyCap: 1 }),
  previousPlanned: () => null,
  sentSince: () => [
    {
      id: 99,
      batch_id: 9,
      state: 'published',
      publish_at: null,
      next_attempt_at: null,
      link: null,
      content_hash: 'x',
      source_path: '/p/x.jpg',
      board_id: 'b',
      updated_at: NOW - HOUR,
    },
  ],
  sameFileSince: () => [],
} as unknown as PaceStore

const row = (publishAt: number | null) =>
  ({
    id: 1,
    batch_id: 1,
    account_key: 'acct',
    publish_at: publishAt,
    link: null,
    content_hash: 'y',
    source_path: '/p/y.jpg',
    board_id: 'b',
  }) as unknown as ItemRow

describe('--no-pacing', () => {
  it('lifts the daily cap for this command', () => {
    const gate = new PaceGate(store)
    expect(gate.decide(row(null), {}, NOW).go).toBe(false)
    gate.bypass = true
    expect(gate.decide(row(null), {}, NOW)).toEqual({ go: true })
  })

  it('still asks before a Pin two days late goes out: that is --catch-up, not a pacing limit', () => {
    const gate = new PaceGate(store)
    gate.bypass = true
    expect(gate.decide(row(NOW - 48 * HOUR), {}, NOW)).toMatchObject({ go: false, until: null })
  })
})
