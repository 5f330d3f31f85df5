import type { FileRead, PinterestApi } from '../pinterest/api-types'
import { errorPatch, type ItemPatch, type ItemRow } from '../db/item-rows'
import type { Lease } from './buffer-pool'
import { ItemFailure } from './errors'
import { hashFile } from './hash-file'
import type { RunContext } from './item-runner'
import { quickImageCheck } from './quick-check'

export const resetMedia = { media_id: null, media_status: null, media_upload_url: null, media_upload_params: null, media_uploaded: 0 } as const

/** What validation found; `release` gives back the buffers of a small image read whole (call it once). */
export interface Validated {
  row: ItemRow
  facts: ItemPatch
  read?: FileRead
  release: () => void
}

const nothing = () => {}

/**
 * queued → validating: pre-flight, hash (reused when size and mtime are unchanged), dedupe. Returns the row
 * with the file's facts merged in memory and those facts, which the caller persists with the next
 * transition, plus the bytes of a small image read whole (sent as they are); null when the item was skipped
 * as a duplicate.
 */
export async function validate(row: ItemRow, ctx: RunContext): Promise<Validated | null> {
  row = ctx.store.announce(row, 'validating')
  const where = row.source_path ?? row.source_url ?? `item ${row.id}`
  const fieldErrors = ctx.validator.checkPinFields(
    {
      ...(row.title !== null && { title: row.title }),
      ...(row.description !== null && { description: row.description }),
      ...(row.link !== null && { link: row.link }),
      ...(row.alt_text !== null && { altText: row.alt_text }),
      ...(row.board_id !== null && { boardId: row.board_id }),
      ...(row.ad_account_id !== null && { adAccountId: row.ad_account_id }),
    },
    where,
  )
  if (fieldErrors[0]) throw new ItemFailure(fieldErrors[0])
  if (!row.source_path) {
    const facts: ItemPatch = row.kind ? {} : { kind: 'image_url' }
    return { row: { ...row, ...facts }, facts, release: nothing }
  }

  const quick = ctx.validator.quick === false ? null : quickImageCheck(row.source_path, (n) => ctx.buffers.take(n))
  try {
    return await fileFacts(row, ctx, row.source_path, quick)
  } catch (e) {
    quick?.release()
    throw e
  }
}

async function fileFacts(row: ItemRow, ctx: RunContext, path: string, quick: ReturnType<typeof quickImageCheck>): Promise<Validated | null> {
  let f: { kind: 'image' | 'video'; contentType: string; size: number; mtimeMs: number }
  if (quick) f = quick
  else {
    const pre = await ctx.validator.preflightFile(path)
    if (!pre.ok) throw new ItemFailure(pre.error)
    f = pre.value
  }
  const unchanged = row.content_hash !== null && row.size === f.size && row.mtime_ms === Math.floor(f.mtimeMs)
  const hash = quick?.hash ?? (unchanged && row.content_hash ? row.content_hash : await hashFile(path, ctx.signal, f.size))
  const kindChanged = row.kind !== null && row.kind !== f.kind
  const facts: ItemPatch = {
    kind: f.kind,
    content_type: f.contentType,
    size: f.size,
    mtime_ms: Math.floor(f.mtimeMs),
    content_hash: hash,
    // Different bytes than what was uploaded before: the old media no longer describes this file.
    ...((kindChanged || (row.content_hash !== null && row.content_hash !== hash)) && row.media_id !== null && resetMedia),
  }
  row = { ...row, ...facts }
  if (!row.force) {
    const same = ctx.store.repo.findPublishedSame(hash, row.board_id, row.id)
    if (same) {
      const board = await boardLabel(ctx.api, row.board_id)
      ctx.store.transition(
        row.id,
        'skipped',
        {
          ...facts,
          ...errorPatch({
            kind: 'validation',
            message: `Already on board ${board} as ${same.pin_url ?? same.pin_id ?? 'a Pin'}.`,
            fix: 'Retry with "post anyway" to publish it again.',
          }),
        },
        undefined,
        'validating',
      )
      quick?.release()
      return null
    }
  }
  if (!quick) return { row, facts, release: nothing }
  // The body built from these bytes takes its buffer from the pool too; both go back after the create.
  const leases: Lease[] = []
  const alloc = (n: number) => {
    const l = ctx.buffers.take(n)
    leases.push(l)
    return l.bytes
  }
  const release = () => {
    quick.release()
    for (const l of leases.splice(0)) l.release()
  }
  return { row, facts, read: { bytes: quick.bytes, mtimeMs: quick.mtimeMs, alloc }, release }
}

/** Board names by API client, listed once: only a duplicate's message needs them. */
const boardNames = new WeakMap<PinterestApi, Promise<Map<string, string>>>()

/** `"Travel"` for a board the account lists, else its id (the listing failed or the board is new). */
async function boardLabel(api: PinterestApi, boardId: string | null): Promise<string> {
  if (boardId === null) return '(none)'
  let names = boardNames.get(api)
  if (!names) {
    // No item's signal: one item being cancelled must not fail the listing the others wait on.
    names = api.listBoards().then((boards) => new Map(boards.map((b) => [b.id, b.name])))
    boardNames.set(api, names)
  }
  try {
    const name = (await names).get(boardId)
    if (name !== undefined) return JSON.stringify(name)
  } catch {
    // The message falls back to the id; the next duplicate lists again.
  }
  boardNames.delete(api)
  return boardId
}
