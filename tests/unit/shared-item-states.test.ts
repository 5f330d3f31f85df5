import { describe, expect, it } from 'vitest'
import { ItemState } from '../../src/shared/domain'
import {
  ACTIVE_STATES,
  CANCELLABLE_STATES,
  EDITABLE_STATES,
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

  it('splits the states into draft, active, needs-attention and terminal with nothing left over', () => {
    const all = ['draft', ...ACTIVE_STATES, 'needs_attention', ...TERMINAL_STATES].sort()
    expect(all).toEqual([...ItemState.options].sort())
    expect(UNFINISHED_STATES.filter((s) => TERMINAL_STATES.includes(s))).toEqual([])
  })

  it('agrees with the transition table: terminal states go nowhere by themselves, retry and cancel are allowed moves', () => {
    for (const s of TERMINAL_STATES)
      expect(TRANSITIONS[s].filter((t) => t !== 'queued' && t !== 'scheduled' && t !== 'cancelled')).toEqual(
        [],
      )
    for (const s of RETRYABLE_STATES) expect(TRANSITIONS[s]).toContain('queued')
    for (const s of CANCELLABLE_STATES) expect(TRANSITIONS[s]).toContain('cancelled')
    expect(CANCELLABLE_STATES).not.toContain('creating')
    expect(RESTING_STATES).not.toContain('creating')
  })

  it('a draft moves only when published (to queued or scheduled) or cancelled; scheduled runs like queued', () => {
    expect([...TRANSITIONS.draft].sort()).toEqual(['cancelled', 'queued', 'scheduled'])
    expect(TRANSITIONS.scheduled).toContain('validating')
    expect(ACTIVE_STATES).toContain('scheduled')
    expect(ACTIVE_STATES).not.toContain('draft')
    expect(RESTING_STATES).toEqual(expect.arrayContaining(['draft', 'scheduled']))
    for (const s of EDITABLE_STATES) expect(RESTING_STATES).toContain(s)
  })
})
