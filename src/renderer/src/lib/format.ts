import type { ItemState } from '../../../shared/domain'
import { isTerminal, ITEM_STATES } from '../../../shared/item-states'

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB']

/** Bytes in human units (1 KB = 1024 B), e.g. "3.4 MB". */
export function formatBytes(bytes: number): string {
  let v = bytes
  let u = 0
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024
    u++
  }
  const digits = u === 0 || v >= 100 ? 0 : v >= 10 ? 1 : 2
  return `${v.toFixed(digits)} ${UNITS[u]}`
}

/** Seconds as "1 h 5 min", "4 min 10 s" or "12 s". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds))
  if (s < 60) return `${s} s`
  const m = Math.floor(s / 60)
  if (m < 60) return `${m} min ${s % 60} s`
  return `${Math.floor(m / 60)} h ${m % 60} min`
}

/** Ratio 0..1 of sent to total bytes; 0 when the total is unknown. */
export function ratio(sent: number, total: number): number {
  return total > 0 ? Math.min(1, sent / total) : 0
}

/** Human label of an item state. */
export const STATE_LABELS: Record<ItemState, string> = {
  queued: 'Queued',
  validating: 'Checking',
  uploading: 'Uploading',
  processing: 'Processing',
  creating: 'Creating Pin',
  published: 'Published',
  skipped: 'Skipped',
  failed: 'Failed',
  needs_attention: 'Needs attention',
  cancelled: 'Cancelled',
}

/** Display order of states in the batch header. */
export const STATE_ORDER: readonly ItemState[] = ITEM_STATES

export { isTerminal }
