import { describe, expect, it } from 'vitest'
import { untilDone } from '../../src/cli/commands/schedule-flags'
import type { UploadQueue } from '../../src/main/pipeline/upload-queue'
import type { ItemView } from '../../src/shared/domain'
import { heldPatch } from '../../src/main/pipeline/pace-gate'

const NOW = Date.UTC(2026, 11, 7, 12)

function view(
  id: number,
  state: ItemView['state'],
  patch: ReturnType<typeof heldPatch> | null = null,
): ItemView {
  return {
    id,
    batchId: 1,
    name: `${id}.jpg`,
    path: `/p/${id}.jpg`,
    state,
    bytesSent: 0,
    bytesTotal: 1,
    attempts: 0,
    updatedAt: 0,
    ...(patch?.error_kind && { error: { kind: patch.error_kind, message: patch.error_message! } }),
  }
}

/** Only what untilDone reads of the queue: the items and a progress callback that never fires again. */
const queueOf = (items: ItemView[]) =>
  ({ list: () => ({ items }), onProgress: () => () => undefined }) as unknown as UploadQueue

/** Whether the promise has resolved once pending microtasks ran (no timers involved). */
async function resolvedNow(p: Promise<void>): Promise<boolean> {
  let done = false
  void p.then(() => (done = true))
  for (let i = 0; i < 5; i++) await Promise.resolve()
  return done
}

describe('--wait ends once nothing is left but the user', () => {
  it('an item too late, waiting for the user (catch up), does not keep run --wait open forever', async () => {
    const forYou = heldPatch({ until: null, because: 'it missed its time by more than 24 h' }, NOW)
    const items = [view(1, 'published'), view(2, 'queued', forYou)]
    expect(await resolvedNow(untilDone(queueOf(items), () => true, true))).toBe(true)
  })

  it('an item held until a known time still keeps --wait running', async () => {
    const until = heldPatch({ until: NOW + 60_000, because: 'of the daily cap of 3 Pins' }, NOW)
    const items = [view(1, 'published'), view(2, 'queued', until), view(3, 'scheduled')]
    expect(await resolvedNow(untilDone(queueOf(items), () => true, true))).toBe(false)
    expect(await resolvedNow(untilDone(queueOf(items.slice(0, 2)), () => true, true))).toBe(false)
  })
})
