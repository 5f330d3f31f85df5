import type { InputProblem, ItemView, QueueTotals, WaitingAccount } from '../shared/domain'
import { environmentOfKey, userKeyOf } from '../shared/account-key'
import { ACTIVE_STATES } from '../shared/item-states'
import { printable } from './printable'
import { HOLD_PREFIX } from '../shared/schedule/pacing'

/** How a pacing hold with an end reads (src/main/pipeline/pace-gate.ts). */
const HELD_UNTIL = `${HOLD_PREFIX}until `

/** One line of `pinload upload` / `status` output per file. */
export interface ItemReport {
  path?: string
  url?: string
  itemId?: number
  batchId?: number
  state: ItemView['state'] | 'rejected'
  /** The board the item posts to (id). */
  board?: string
  pinId?: string
  pinUrl?: string
  /** When a scheduled item (or a draft with a time) goes out, ISO 8601 in UTC. */
  publishAt?: string
  error?: { kind: string; message: string; fix?: string; requestId?: string }
  /** The source's format when the image was sent converted, e.g. "HEIC" (issue 16). */
  convertedFrom?: string
}

export function reportOf(v: ItemView): ItemReport {
  return {
    ...(v.path !== undefined && { path: v.path }),
    ...(v.url !== undefined && { url: v.url }),
    itemId: v.id,
    batchId: v.batchId,
    state: v.state,
    ...(v.boardId !== undefined && { board: v.boardId }),
    ...(v.pinId !== undefined && { pinId: v.pinId }),
    ...(v.pinUrl !== undefined && { pinUrl: v.pinUrl }),
    ...(v.publishAt !== undefined &&
      v.state !== 'published' && { publishAt: new Date(v.publishAt).toISOString() }),
    ...(v.error && v.state !== 'published' && { error: v.error }),
    ...(v.convertedFrom !== undefined && { convertedFrom: v.convertedFrom }),
  }
}

export function rejectedReport(p: InputProblem): ItemReport {
  return {
    path: p.where,
    state: 'rejected',
    error: { kind: 'file', message: p.message, ...(p.fix !== undefined && { fix: p.fix }) },
  }
}

/**
 * Done as far as the exit code is concerned: published, skipped as a duplicate, scheduled for later, kept as
 * a draft as asked, or held by a pacing rule until a known time (one waiting for the user is not).
 */
export function isSuccess(r: ItemReport): boolean {
  return (
    r.state === 'published' ||
    r.state === 'skipped' ||
    r.state === 'scheduled' ||
    r.state === 'draft' ||
    (r.state === 'queued' && r.error?.kind === 'rate_limited' && r.error.message.startsWith(HELD_UNTIL))
  )
}

/** One line for a terminal; every outside string (name, ids, messages) goes through `printable`. */
export function formatReport(r: ItemReport): string {
  const name = printable(r.path ?? r.url ?? `item ${r.itemId ?? '?'}`)
  const converted = r.convertedFrom !== undefined ? ` (converted from ${printable(r.convertedFrom)})` : ''
  const head = `${r.state.padEnd(15)} ${r.itemId !== undefined ? `#${r.itemId} ` : ''}${name}${converted}`
  if (r.state === 'published') return printable(`${head}  pin ${r.pinId ?? '?'}  ${r.pinUrl ?? ''}`).trimEnd()
  const at =
    r.state === 'scheduled' && r.publishAt !== undefined ? `  at ${new Date(r.publishAt).toISOString()}` : ''
  if (!r.error) return head + at
  const fix = r.error.fix ? `  Fix: ${printable(r.error.fix)}` : ''
  const rid = r.error.requestId ? `  (request id ${printable(r.error.requestId)})` : ''
  return `${head}  ${printable(r.error.message)}${fix}${rid}`
}

export function formatTotals(t: QueueTotals): string {
  const parts = Object.entries(t.byState)
    .filter(([, n]) => (n ?? 0) > 0)
    .map(([s, n]) => `${s} ${n}`)
  const paused = t.paused ? `  (paused${t.pausedReason ? `: ${printable(t.pausedReason)}` : ''})` : ''
  return `${t.total} item(s): ${parts.join(', ') || 'none'}${paused}`
}

/**
 * One line per account whose items wait for a sign-in while the others send (issue 15), with the way to go
 * on: the queue itself is not paused, so `pinload resume` would not help.
 */
export function waitingAccountLines(t: QueueTotals): string[] {
  return (t.waitingAccounts ?? []).map((w) => {
    const who = w.account !== undefined ? `@${w.account}` : `The ${w.key} account`
    // A sandbox account signs in to the sandbox: without the flag the command would sign in to production.
    const sandbox = environmentOfKey(w.key) === 'sandbox' ? ' --sandbox' : ''
    const fix =
      w.account !== undefined
        ? `Run \`pinload accounts add${sandbox}\` as ${w.account} (or \`pinload login${sandbox}\`)`
        : `Run \`pinload login${sandbox}\``
    const items = w.items === 1 ? 'its 1 item waits' : `its ${w.items.toLocaleString('en-US')} items wait`
    return printable(`${who}: ${w.reason} — ${items} while the others send. ${fix} to send them.`)
  })
}

/**
 * `pinload status` runs no queue, so nothing in it has met an account without a sign-in: the accounts of
 * unfinished items that account.json does not list as connected wait, added to what the totals say.
 */
export function withWaitingFromFile(
  t: QueueTotals,
  items: readonly ItemView[],
  connected: (key: string) => boolean,
): QueueTotals {
  const waiting = new Map((t.waitingAccounts ?? []).map((w) => [w.key, w]))
  const found = new Map<string, WaitingAccount>()
  for (const v of items) {
    if (v.account === undefined || !ACTIVE_STATES.includes(v.state)) continue
    const key = userKeyOf(v.accountEnvironment ?? 'production', v.account)
    if (waiting.has(key) || connected(key)) continue
    const w = found.get(key) ?? { key, account: v.account, reason: 'Sign in again to continue', items: 0 }
    found.set(key, { ...w, items: w.items + 1 })
  }
  return found.size === 0 ? t : { ...t, waitingAccounts: [...waiting.values(), ...found.values()] }
}
