import { describe, expect, it } from 'vitest'
import { ItemState } from '../../src/shared/domain'
import {
  ACTIVE_STATES,
  CANCELLABLE_STATES,
  ITEM_STATES,
  RESTING_STATES,
  RETRYABLE_STATES,
  TERMINAL_STATES,
  UNFINISHED_STATES,
} from '../../src/shared/item-states'
import { TRANSITIONS } from '../../src/main/pipeline/transitions'

describe('item-state sets', () => {
  it('lists every state of the enum exactly once', () => {
    expect([...ITEM_STATES].sort()).toEqual([...ItemState.options].sort())
  })

  it('splits the states into active, needs-attention and terminal with nothing left over', () => {
    const all = [...ACTIVE_STATES, 'needs_attention', ...TERMINAL_STATES].sort()
    expect(all).toEqual([...ItemState.options].sort())
    expect(UNFINISHED_STATES.filter((s) => TERMINAL_STATES.includes(s))).toEqual([])
  })

  it('agrees with the transition table: terminal states go nowhere by themselves, retry and cancel are allowed moves', () => {
    for (const s of TERMINAL_STATES)
      expect(TRANSITIONS[s].filter((t) => t !== 'queued' && t !== 'cancelled')).toEqual([])
    for (const s of RETRYABLE_STATES) expect(TRANSITIONS[s]).toContain('queued')
    for (const s of CANCELLABLE_STATES) expect(TRANSITIONS[s]).toContain('cancelled')
    expect(CANCELLABLE_STATES).not.toContain('creating')
    expect(RESTING_STATES).not.toContain('creating')
  })
})
