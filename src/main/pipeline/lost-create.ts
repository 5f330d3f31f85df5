import { errorPatch, type ItemPatch, type ItemRow } from '../db/item-rows'
import { ApiError } from '../pinterest/api-error'
import { parseFingerprint, type PinFingerprint } from './fingerprint'
import { reconcileCreate } from './reconcile'
import type { RunContext } from './run-context'

/**
 * A create whose answer was lost (docs/architecture.md, "Exactly one Pin per file"): during the grace period the
 * board is looked at every few seconds and a Pin carrying the attempt's mark is adopted at once; only after the
 * grace may the list prove it absent and the Pin be sent again.
 */

/** Time between looks at the board during the grace period, in ms: about 8 looks, 1 to 15 s apart. */
function pollEveryMs(graceMs: number): number {
  return Math.max(1000, Math.min(15_000, Math.round(graceMs / 8)))
}

/** `14:02`: the local time a user reads on the item. */
function clockTime(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
}

/** What the item shows while its create is checked: what happens, and until when. */
function checkingError(graceUntil: number, cause?: string) {
  return {
    kind: 'transient' as const,
    message: `Checking whether Pinterest created it…, until ${clockTime(graceUntil)}.${cause ? ` The answer to creating this Pin was lost (${cause}).` : ''}`,
    fix: 'Nothing to do: Pinload adopts the Pin as soon as it appears on the board, or sends it again after that time.',
  }
}

/** The row patch after a lost answer: the mark's grace recorded with the fingerprint, the first look soon. */
export function lostPatch(row: ItemRow, fp: PinFingerprint, e: unknown, ctx: RunContext): ItemPatch {
  const now = ctx.now()
  const graceUntil = now + ctx.createGraceMs
  const marked = fp.marker !== undefined
  return {
    create_fingerprint: JSON.stringify(marked ? { ...fp, graceUntil } : fp),
    next_attempt_at: marked ? Math.min(now + pollEveryMs(ctx.createGraceMs), graceUntil) : graceUntil,
    attempts: row.attempts + 1,
    ...errorPatch(checkingError(graceUntil, e instanceof Error ? e.message : String(e))),
  }
}

/**
 * An item found in `creating` (after a crash or a lost answer) is reconciled before anything is re-sent.
 * Returns true when settled for now (published, waiting for the user, or looked at during the grace period);
 * false when the Pin is proved absent.
 */
export async function settleLostCreate(row: ItemRow, ctx: RunContext): Promise<boolean> {
  if (row.state === 'needs_attention') row = ctx.store.transition(row.id, 'creating')
  if (row.create_started_at === null) return false
  const graceUntil = parseFingerprint(row.create_fingerprint)?.graceUntil
  const peek = graceUntil !== undefined && ctx.now() < graceUntil
  let outcome
  try {
    outcome = await reconcileCreate(
      ctx.api,
      {
        itemId: row.id,
        fingerprint: row.create_fingerprint,
        createStartedAt: row.create_started_at,
        adAccountId: row.ad_account_id,
        isAdopted: (pinId) => ctx.store.repo.pinOwner(pinId, row.id) !== undefined,
        rivals: (boardId) =>
          ctx.store.repo
            .openCreatesOnBoard(boardId, row.id)
            .map((r) => ({ fingerprint: r.create_fingerprint, createStartedAt: r.create_started_at })),
        markerOf: (pinId) =>
          parseFingerprint(ctx.store.repo.pinOwner(pinId, row.id)?.create_fingerprint ?? null)?.marker ??
          null,
        peek,
      },
      ctx.signal,
    )
  } catch (e) {
    // A look that failed during the grace is simply the next look's to make; it costs no attempt.
    if (!peek || !(e instanceof ApiError) || !e.retryable || ctx.signal.aborted) throw e
    outcome = { kind: 'not_yet' } as const
  }
  if (outcome.kind === 'not_yet' && graceUntil !== undefined) {
    ctx.store.record(row.id, {
      next_attempt_at: Math.min(ctx.now() + pollEveryMs(ctx.createGraceMs), graceUntil),
      ...errorPatch(checkingError(graceUntil)),
    })
    return true
  }
  if (outcome.kind === 'found') {
    ctx.logger.info('reconciled a lost create: adopted the Pin', { itemId: row.id, pinId: outcome.pinId })
    ctx.store.transition(row.id, 'published', {
      pin_id: outcome.pinId,
      pin_url: outcome.pinUrl,
      next_attempt_at: null,
      ...errorPatch(null),
    })
    return true
  }
  if (outcome.kind === 'unknown') {
    ctx.store.transition(
      row.id,
      'needs_attention',
      errorPatch({ kind: 'internal', message: outcome.message, fix: outcome.fix }),
    )
    return true
  }
  ctx.logger.info('reconciled a lost create: no Pin, sending again', { itemId: row.id })
  return false
}
