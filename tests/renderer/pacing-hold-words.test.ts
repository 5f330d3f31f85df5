import { describe, expect, it } from 'vitest'
import { describeItemError } from '../../src/renderer/src/lib/error-words'

describe('a pacing hold in the queue row', () => {
  it("is the user's own rule, not Pinterest slowing down", () => {
    const hold = describeItemError({
      kind: 'rate_limited',
      message: 'Waiting until 14:02:05, because of the daily cap of 20 Pins.',
      fix: 'The pacing rules are on the Timeline screen (`pinload pacing`); `--no-pacing` skips them for one command.',
    })
    expect(hold.heading).toBe('Held by your pacing rules')
    expect(hold.message).toBe('Waiting until 14:02:05, because of the daily cap of 20 Pins.')
    expect(describeItemError({ kind: 'rate_limited', message: 'Too many requests.' }).heading).toBe(
      'Pinterest asked us to slow down',
    )
  })
})
