import { describe, expect, it } from 'vitest'
import type { MediaStatus } from '../../src/shared/domain'
import { waitForMedia } from '../../src/main/pinterest/media-poll'

function fakeApi(statuses: MediaStatus[]) {
  let i = 0
  return { getMediaStatus: async () => statuses[Math.min(i++, statuses.length - 1)]! }
}
function clock() {
  let t = 0
  const sleeps: number[] = []
  return {
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms)
      t += ms
    },
    sleeps,
  }
}

describe('waitForMedia', () => {
  it('polls with 1 s → 2 → 4 → 8 → 10 s cap and returns on succeeded', async () => {
    const c = clock()
    const seen: MediaStatus[] = []
    const statuses: MediaStatus[] = [
      'registered',
      'processing',
      'processing',
      'processing',
      'processing',
      'processing',
      'processing',
      'succeeded',
    ]
    await waitForMedia(fakeApi(statuses), 'm1', { ...c, onStatus: (s) => seen.push(s) })
    expect(c.sleeps).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000, 10_000])
    expect(seen).toEqual(statuses)
  })

  it('throws media_failed on failed', async () => {
    await expect(waitForMedia(fakeApi(['processing', 'failed']), 'm2', clock())).rejects.toMatchObject({
      kind: 'media_failed',
    })
  })

  it('throws transient when the timeout passes first, never sleeping past it', async () => {
    const c = clock()
    await expect(
      waitForMedia(fakeApi(['processing']), 'm3', { ...c, timeoutMs: 12_000 }),
    ).rejects.toMatchObject({ kind: 'transient' })
    expect(c.sleeps).toEqual([1000, 2000, 4000, 5000])
  })

  it('throws cancelled when the signal aborts', async () => {
    const ac = new AbortController()
    const p = waitForMedia(fakeApi(['processing']), 'm4', { signal: ac.signal, delaysMs: [60_000] })
    setImmediate(() => ac.abort())
    await expect(p).rejects.toMatchObject({ kind: 'cancelled' })
  })
})
