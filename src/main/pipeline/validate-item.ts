import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import type { FileRead, PinterestApi } from '../pinterest/api-types'
import { errorPatch, resetMedia, type ItemPatch, type ItemRow } from '../db/item-rows'
import type { Lease } from './buffer-pool'
import { ItemFailure } from './errors'
import { hashFile } from './hash-file'
import { preflightSmallImage, type SmallImage } from '../media/preflight'
import { discardPrepared, prepareImage, type PreparedImage } from '../media/prepare-image'
import type { RunContext } from './run-context'
import { videoCover } from './video-cover'

/**
 * What validation found; `release` gives back the buffers of a small image read whole and deletes the image's
 * prepared copy (call it once, after the create settled).
 */
export interface Validated {
  row: ItemRow
  facts: ItemPatch
  read?: FileRead
  /** What an image Pin sends: the source, or its converted/stripped copy (src/main/media/prepare-image.ts). */
  upload?: { path: string; contentType: 'image/jpeg' | 'image/png' }
  /** Resolves once the prepared copy is gone: the item counts as done only after its files are tidied. */
  release: () => void | Promise<void>
}

const nothing = () => {}

/**
 * queued → validating: pre-flight, hash (reused when size and mtime are unchanged), dedupe. Returns the row
 * with the file's facts merged in memory and those facts, which the caller persists with the next
 * transition, plus the bytes of a small image read whole (sent as they are); null when the item was skipped
 * as a duplicate.
 */
export async function validateItem(row: ItemRow, ctx: RunContext): Promise<Validated | null> {
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

  const quick =
    ctx.validator.quick === false ? null : preflightSmallImage(row.source_path, (n) => ctx.buffers.take(n))
  try {
    return await fileFacts(row, ctx, row.source_path, quick)
  } catch (e) {
    quick?.release()
    throw e
  }
}

async function fileFacts(
  row: ItemRow,
  ctx: RunContext,
  path: string,
  quick: SmallImage | null,
): Promise<Validated | null> {
  let f: { kind: 'image' | 'video'; contentType: string; size: number; mtimeMs: number }
  if (quick) f = quick
  else {
    const pre = await ctx.validator.preflightFile(path)
    if (!pre.ok) throw new ItemFailure(pre.error)
    f = pre.value
  }
  const unchanged = row.content_hash !== null && row.size === f.size && row.mtime_ms === Math.floor(f.mtimeMs)
  const hash =
    quick?.hash ??
    (unchanged && row.content_hash ? row.content_hash : await hashFile(path, ctx.signal, f.size))
  const kindChanged = row.kind !== null && row.kind !== f.kind
  const facts: ItemPatch = {
    kind: f.kind,
    content_type: f.contentType,
    size: f.size,
    mtime_ms: Math.floor(f.mtimeMs),
    content_hash: hash,
    // Different bytes than what was uploaded before: the old media no longer describes this file.
    ...((kindChanged || (row.content_hash !== null && row.content_hash !== hash)) &&
      row.media_id !== null &&
      resetMedia),
  }
  row = { ...row, ...facts }
  if (!row.force) {
    const same = ctx.store.repo.findPublishedSame(hash, row.board_id, row.id)
    if (same) {
      const board = boardLabel(ctx.api, row.board_id)
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
  // A bad cover picture fails the item before its video is uploaded: it is prepared once here (a cut-off file
  // shows only when decoded) and again at the create (video-cover.ts), as it may change meanwhile. A video
  // already uploaded (a resume, a pacing hold) has no upload left to save.
  if (f.kind === 'video' && row.cover_image_path && row.media_id === null)
    await videoCover(row, ctx).then(
      (c) => c.release(),
      (e: unknown) => {
        throw e instanceof ItemFailure ? new ItemFailure(e.error, { ...facts, ...e.facts }) : e
      },
    )
  if (f.kind !== 'image') return { row, facts, release: nothing }
  const prepared = await prepareForPin(row, ctx, path, f, quick)
  if (prepared.tempPath || !quick) {
    // A converted or stripped copy is sent from its own file: the bytes read for the check are no longer needed.
    quick?.release()
    const upload = { path: prepared.tempPath ?? path, contentType: prepared.contentType }
    const { tempDir, key } = preparedPlace(ctx, row)
    // A copy that cannot be deleted is removed by the next run (prepare-image.ts sweepOnce): never fails the item.
    const release = prepared.tempPath ? () => discardPrepared(tempDir, key).catch(nothing) : nothing
    return { row, facts, upload, release }
  }
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
  const upload = { path, contentType: prepared.contentType }
  return { row, facts, upload, read: { bytes: quick.bytes, mtimeMs: quick.mtimeMs, alloc }, release }
}

/** Where an item's prepared copy goes: the data folder's `prepared/`, named by the item. */
function preparedPlace(ctx: RunContext, row: ItemRow): { tempDir: string; key: string } {
  return { tempDir: join(ctx.settings.dataDir || tmpdir(), 'prepared'), key: `item-${row.id}` }
}

/**
 * Converts or strips an image before it is sent (issue 16); a file that cannot be sent as it is and cannot be
 * converted fails here with the reason. Runs after dedupe, which (like resume) works on the source's hash.
 */
async function prepareForPin(
  row: ItemRow,
  ctx: RunContext,
  path: string,
  f: { contentType: string; size: number },
  quick: SmallImage | null,
): Promise<PreparedImage> {
  const r = await prepareImage(path, {
    name: basename(path),
    mime: f.contentType,
    keepMetadata: ctx.settings.keepPhotoMetadata === true,
    ...preparedPlace(ctx, row),
    size: f.size,
    ...(quick && { bytes: quick.bytes }),
  })
  if (!r.ok) throw new ItemFailure(r.error)
  return r.value
}

/**
 * `"Travel"` when the client has seen the board's name (the window's board picker, the command's --board or a
 * CSV import listed it), else its id. Never a request: a skipped duplicate must not wait on the network.
 */
function boardLabel(api: PinterestApi, boardId: string | null): string {
  if (boardId === null) return '(none)'
  const name = api.knownBoardName?.(boardId)
  return name === undefined ? boardId : JSON.stringify(name)
}
