import type { CreateLocks } from './create-locks'
import { parseFingerprint, visibleKey } from './fingerprint'
import type { ItemStore } from './item-store'

/**
 * What a queue does with the items a previous run left mid-step, before it runs anything: earlier steps go
 * back to queued (what they achieved is in the row: a video's media id, its upload), and creates left open
 * keep their twins out and wait out the grace period before the board is checked for their Pin.
 */
export function resumeInterrupted(
  store: ItemStore,
  locks: CreateLocks,
  createGraceMs: number,
  now: number,
): void {
  for (const state of ['validating', 'uploading'] as const) {
    for (const row of store.repo.byState(state)) store.transition(row.id, 'queued')
  }
  for (const row of store.repo.byState('creating')) {
    const fp = parseFingerprint(row.create_fingerprint)
    if (fp) locks.hold(visibleKey(fp), row.id)
    // A create started just before a crash may still be written by the server: check the board after the grace.
    const due = row.create_started_at === null ? null : row.create_started_at + createGraceMs
    if (due !== null && due > now && (row.next_attempt_at ?? 0) < due)
      store.record(row.id, { next_attempt_at: due })
  }
}
