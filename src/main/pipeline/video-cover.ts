import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import type { ItemRow } from '../db/item-rows'
import { discardPrepared, prepareImage } from '../media/prepare-image'
import type { VideoCover } from '../pinterest/api-types'
import { ItemFailure } from './errors'
import type { RunContext } from './run-context'

const nothing = () => {}

/** What the user can do about a bad cover: the video itself is fine (issue 16). */
const COVER_FIX = 'Choose another picture, or a frame of the video, as the cover; then retry.'

/** The check's own advice (export it again as JPEG…) comes first when there is one. */
const coverFailure = (message: string, fix?: string) =>
  new ItemFailure({
    kind: 'cover',
    message: `Cover image: ${message}`,
    fix: fix === undefined ? COVER_FIX : `${fix} Or: ${COVER_FIX[0]!.toLowerCase()}${COVER_FIX.slice(1)}`,
  })

/**
 * A video's cover picture is still a readable image pre-flight takes. A failure has its own kind, `cover`: the
 * item's video is still shown and played, to choose a frame instead.
 */
async function checkVideoCover(
  path: string,
  ctx: Pick<RunContext, 'validator'>,
): Promise<{ contentType: string; size: number }> {
  const pre = await ctx.validator.preflightFile(path)
  if (!pre.ok) throw coverFailure(pre.error.message)
  if (pre.value.kind !== 'image') throw coverFailure(`${basename(path)} is a video, not a picture`)
  return pre.value
}

/**
 * The cover a video Pin is created with: its chosen key frame, or an image file (a CSV's `cover` column, the window's "Choose a picture…", `pinload edit --cover-image`). The
 * file is checked and prepared like any image Pin's (src/main/media/prepare-image.ts): its type read from its
 * bytes rather than its name, WebP/HEIC/… converted, location metadata stripped, a large one scaled down. Done
 * at pre-flight, before the video is uploaded (src/main/pipeline/validate-item.ts: a bad cover costs no
 * upload), and again right before the create, since the file may change while the video uploads.
 * `release` deletes the prepared copy; call it once the create settled.
 */
export async function videoCover(
  row: ItemRow,
  ctx: RunContext,
): Promise<{ cover: VideoCover; release: () => Promise<void> | void }> {
  const path = row.cover_image_path
  if (!path) return { cover: { kind: 'key_frame', seconds: row.cover_key_frame_s ?? 0 }, release: nothing }
  const pre = await checkVideoCover(path, ctx)
  const tempDir = join(ctx.settings.dataDir || tmpdir(), 'prepared')
  const key = `item-${row.id}-cover`
  const name = basename(path)
  const r = await prepareImage(path, {
    name,
    mime: pre.contentType,
    keepMetadata: ctx.settings.keepPhotoMetadata === true,
    tempDir,
    key,
    size: pre.size,
  })
  if (!r.ok) throw coverFailure(r.error.message, r.error.fix)
  const { contentType, tempPath } = r.value
  return {
    cover: { kind: 'image_file', path: tempPath ?? path, contentType },
    // A copy that cannot be deleted is removed by the next run (prepare-image.ts): never fails the item.
    release: tempPath ? () => discardPrepared(tempDir, key).catch(nothing) : nothing,
  }
}
