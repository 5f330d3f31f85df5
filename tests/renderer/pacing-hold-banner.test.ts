import { describe, expect, it } from 'vitest'
import { buildQueueView } from '../../src/renderer/src/store/queue-groups'
import type { ItemError, ItemView } from '../../src/shared/domain'

const view = (id: number, error: ItemError, retryAt: number): ItemView => ({
  id,
  batchId: 1,
  name: `${id}.jpg`,
  path: `/p/${id}.jpg`,
  state: 'queued',
  bytesSent: 0,
  bytesTotal: 1,
  attempts: 0,
  updatedAt: 0,
  error,
  retryAt,
})

describe('the slow-down banner', () => {
  it("counts only Pinterest's rate limit, not an item held by the user's own pacing rules", () => {
    const held = view(
      1,
      { kind: 'rate_limited', message: 'Waiting until 09:00, because of the daily cap of 3 Pins.' },
      9e12,
    )
    const limited = view(2, { kind: 'rate_limited', message: 'Pinterest asked to slow down (429)' }, 5e12)
    const only = buildQueueView({ 1: held }, [1], 'all', {}, {})
    expect(only.rateLimited).toBe(0)
    expect(only.resumeAt).toBeNull()
    const both = buildQueueView({ 1: held, 2: limited }, [1, 2], 'all', {}, {})
    expect(both).toMatchObject({ rateLimited: 1, resumeAt: 5e12 })
  })
})
