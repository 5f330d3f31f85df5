import { z } from 'zod'
import { PinterestId } from '../domain'

/*
 * The planning channels of the IPC contract (issue 13: drafts, edits; docs/architecture.md, "Drafts and
 * scheduled items"), spread into `invokeContract` (contract.ts), which the window and the preload see as one.
 * Strict and bounded like every channel there.
 */

/** A queue row id: SQLite's rowids start at 1. */
const id = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER)
/** Free text of an edit; far above Pinterest's limits so a long one gets its plain per-item refusal. */
const editText = z.string().max(10_000)

/** What `items:edit` may change; an absent field is left as it is, null clears it. */
export const ItemPatchInput = z.strictObject({
  title: editText.optional(),
  description: editText.optional(),
  link: editText.optional(),
  altText: editText.optional(),
  boardId: PinterestId.optional(),
  boardSectionId: PinterestId.nullable().optional(),
  /** Unix ms; null = no time of its own. */
  publishAt: z.number().int().min(0).max(8_640_000_000_000_000).nullable().optional(),
  /** Video cover key frame, seconds (a frame replaces a cover image). */
  coverKeyFrameS: z.number().int().min(0).max(86_400).nullable().optional(),
  /**
   * Video cover image: the grant of a file main's image dialog returned (`dialog:pick-image`); null = none (the
   * key frame then). Never a path: main resolves the grant.
   */
  coverImage: z
    .string()
    .min(16)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/)
    .nullable()
    .optional(),
})

export const planInvokeContract = {
  /**
   * Edits the Pin text, board, time or cover of items not yet published and not moving (draft, scheduled,
   * queued, failed, needs_attention); each other item, or one whose text breaks a limit, is refused by id with
   * the reason while the rest are edited. `publishAt` null = as soon as it is published; a queued item given a
   * future time becomes scheduled and back.
   */
  'items:edit': {
    input: z.strictObject({
      ids: z.array(id).min(1).max(10_000),
      patch: ItemPatchInput,
    }),
    output: z.strictObject({
      updated: z.number().int(),
      refused: z.array(z.strictObject({ id: z.number().int(), message: z.string() })),
    }),
  },
  /**
   * Publishes drafts: these ids, every draft of a batch, or every draft (`all`). Each becomes queued, or
   * scheduled while its publish time is ahead; other items are left as they are.
   */
  'items:publish': {
    input: z.strictObject({
      ids: z.array(id).min(1).max(10_000).optional(),
      batchId: id.optional(),
      all: z.boolean().optional(),
      /** Left out of a batch or `all`: drafts the window removed while their Undo is still offered. */
      except: z.array(id).max(10_000).optional(),
    }),
    output: z.strictObject({ published: z.number().int() }),
  },
} as const
