import type { CreateLocks } from './create-locks'
import { lockKey, parseFingerprint } from './fingerprint'
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
    // Marks are taken as kept until an answer shows otherwise (MarkEvidence), as for a create sent now.
    if (fp) locks.hold(lockKey(fp, true), row.id)
    // A create started just before a crash may still be written by the server: the board is watched for its
    // mark at once and through the grace period, and may prove it absent only after.
    const due = row.create_started_at === null ? null : row.create_started_at + createGraceMs
    if (fp?.marker !== undefined && due !== null && due > now && (fp.graceUntil ?? 0) < due)
      store.record(row.id, {
        create_fingerprint: JSON.stringify({ ...fp, graceUntil: due }),
        next_attempt_at: now,
      })
    else if (due !== null && due > now && (row.next_attempt_at ?? 0) < due)
      store.record(row.id, { next_attempt_at: due })
  }
}
