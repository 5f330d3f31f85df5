import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import type { ItemRow } from '../db/item-rows'
import { discardPrepared, prepareImage } from '../media/prepare-image'
import type { VideoCover } from '../pinterest/api-types'
import { ItemFailure } from './errors'
import type { RunContext } from './run-context'

const nothing = () => {}

/**
 * The cover a video Pin is created with: its chosen key frame, or an image file (a CSV's `cover` column). The
 * file is checked and prepared like any image Pin's (src/main/media/prepare-image.ts): its type read from its
 * bytes rather than its name, WebP/HEIC/… converted, location metadata stripped, a large one scaled down. Done
 * right before the create, and again on a resume, since the file may change while the video uploads.
 * `release` deletes the prepared copy; call it once the create settled.
 */
export async function videoCover(
  row: ItemRow,
  ctx: RunContext,
): Promise<{ cover: VideoCover; release: () => Promise<void> | void }> {
  const path = row.cover_image_path
  if (!path) return { cover: { kind: 'key_frame', seconds: row.cover_key_frame_s ?? 0 }, release: nothing }
  const name = basename(path)
  const pre = await ctx.validator.preflightFile(path)
  if (!pre.ok) throw new ItemFailure({ ...pre.error, message: `Cover image: ${pre.error.message}` })
  if (pre.value.kind !== 'image')
    throw new ItemFailure({
      kind: 'validation',
      message: `Cover image ${name} is a video, not a picture`,
      fix: 'Name an image file (JPEG, PNG, HEIC, WebP…) as the cover, or a time in seconds for a frame of the video.',
    })
  const tempDir = join(ctx.settings.dataDir || tmpdir(), 'prepared')
  const key = `item-${row.id}-cover`
  const r = await prepareImage(path, {
    name,
    mime: pre.value.contentType,
    keepMetadata: ctx.settings.keepPhotoMetadata === true,
    tempDir,
    key,
    size: pre.value.size,
  })
  if (!r.ok) throw new ItemFailure({ ...r.error, message: `Cover image: ${r.error.message}` })
  const { contentType, tempPath } = r.value
  return {
    cover: { kind: 'image_file', path: tempPath ?? path, contentType },
    // A copy that cannot be deleted is removed by the next run (prepare-image.ts): never fails the item.
    release: tempPath ? () => discardPrepared(tempDir, key).catch(nothing) : nothing,
  }
}
