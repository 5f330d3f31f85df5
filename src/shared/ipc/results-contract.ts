import { z } from 'zod'
import { PinterestId } from '../domain'

/*
 * The results channels of the IPC contract (issue 15: export, verify, fix or undo a batch; docs/architecture.md,
 * "Results: read-back, verify, export" and "Fix or undo a batch"), spread into `invokeContract` (contract.ts),
 * which the window and the preload see as one. Strict and bounded like every channel there.
 */

/** A queue row id: SQLite's rowids start at 1. */
const id = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER)

const CheckedItem = z.strictObject({ itemId: z.number().int(), name: z.string(), pinId: z.string() })
const VerifyReport = z.strictObject({
  checked: z.number().int(),
  found: z.number().int(),
  missing: z.array(CheckedItem),
  unchecked: z.array(CheckedItem.extend({ message: z.string() })),
})
/** Text of a Pin update; far above Pinterest's limits so a long one gets the use case's plain refusal. */
const opText = z.string().max(10_000)
const PinOpsReport = z.strictObject({
  done: z.number().int(),
  waiting: z.number().int(),
  /** Why the first waiting one waits, when known ("Waiting: Pinterest answered 503 …"). */
  waitingWhy: z.string().optional(),
  failed: z.array(z.strictObject({ itemId: z.number().int(), name: z.string(), message: z.string() })),
})
/** A Pin as last read back (times in Unix ms; counts null until read with `pin_metrics`). */
const PinFacts = z.strictObject({
  pinId: z.string(),
  checkedAt: z.number().int(),
  found: z.boolean(),
  boardId: z.string().nullable(),
  pinCreatedAt: z.string().nullable(),
  impressions: z.number().int().nullable(),
  saves: z.number().int().nullable(),
  clicks: z.number().int().nullable(),
  metricsAt: z.number().int().nullable(),
})

export const resultsInvokeContract = {
  /**
   * Exports items (a batch, some ids, or every item) to a file the user picks in main's save dialog, never a
   * path from the window: one row per item as CSV or JSON (src/main/services/export-results.ts). `saved`
   * false: the dialog was cancelled.
   */
  'results:export': {
    input: z.strictObject({
      format: z.enum(['csv', 'json']),
      batchId: id.optional(),
      ids: z.array(id).min(1).max(10_000).optional(),
    }),
    output: z.strictObject({ saved: z.boolean(), rows: z.number().int(), fileName: z.string().optional() }),
  },
  /** Reads the selection's published Pins back with their counts; names those removed on Pinterest. */
  'results:verify': {
    input: z.strictObject({ batchId: id.optional(), ids: z.array(id).min(1).max(10_000).optional() }),
    output: VerifyReport,
  },
  /** What was last read back of an item's Pin (found, board, times, counts); null when never read. */
  'results:pin-facts': { input: z.strictObject({ itemId: id }), output: PinFacts.nullable() },
  /**
   * Removes the selection's Pins from Pinterest (DELETE, through the queued operations of
   * src/main/services/pin-operations.ts). `confirmCount` is the count the user typed: refused unless it is the
   * number of Pins main would remove.
   */
  'results:unpublish': {
    input: z.strictObject({
      batchId: id.optional(),
      ids: z.array(id).min(1).max(10_000).optional(),
      confirmCount: z.number().int().min(1).max(10_000),
    }),
    output: PinOpsReport,
  },
  /** Changes the selection's published Pins (PATCH, a beta endpoint: a refusal is in `failed`). */
  'results:update': {
    input: z.strictObject({
      batchId: id.optional(),
      ids: z.array(id).min(1).max(10_000).optional(),
      patch: z.strictObject({
        title: opText.nullable().optional(),
        description: opText.nullable().optional(),
        link: opText.nullable().optional(),
        boardId: PinterestId.optional(),
      }),
    }),
    output: PinOpsReport,
  },
} as const
