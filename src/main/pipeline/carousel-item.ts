import { createHash } from 'node:crypto'
import { statSync } from 'node:fs'
import { stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { errorPatch, type ItemPatch, type ItemRow } from '../db/item-rows'
import { listItemMedia, type ItemMediaRow } from '../db/item-media'
import { checkCarouselImages, sizeMismatch, type CarouselFile } from '../media/carousel-images'
import { readImageSize, type ImageSize } from '../media/image-size'
import { pinFieldProblems } from '../media/pin-field-rules'
import { discardPrepared, prepareImage } from '../media/prepare-image'
import type { CarouselImage } from '../pinterest/carousel-body'
import type { CreatedPin, PinFields } from '../pinterest/api-types'
import { ApiError } from '../pinterest/api-error'
import { classifyError, ItemFailure } from './errors'
import { hashFile } from './hash-file'
import type { RunContext } from './run-context'
import type { Validated } from './validate-item'

/**
 * A carousel item (issue 13): one queue item, one carousel Pin of its 2–5 images (`item_media`, migration 0007).
 * It runs through the same steps as an image item (docs/architecture.md, "Exactly one Pin per file"): validated
 * here, then `creating` with its fingerprint committed durably before the one POST, reconciled like any create.
 */

const nothing = () => {}

/**
 * What the duplicate check knows a carousel by, with its folder (or CSV key) and board: its images' total size
 * and latest mtime (ms, whole), as validation records them; undefined while an image is missing.
 */
export function carouselStamp(
  images: readonly { path: string }[],
): { size: number; mtimeMs: number } | undefined {
  let size = 0
  let mtimeMs = 0
  for (const im of images) {
    const st = statSync(im.path, { throwIfNoEntry: false })
    if (!st?.isFile()) return undefined
    size += st.size
    mtimeMs = Math.max(mtimeMs, Math.floor(st.mtimeMs))
  }
  return { size, mtimeMs }
}

function where(row: ItemRow): string {
  return row.source_path ?? `item ${row.id}`
}

/** The images' own text against the Pin limits, each message naming the image. */
function imageTextErrors(media: ItemMediaRow[]): string | null {
  for (const m of media) {
    const text = {
      ...(m.title !== null && { title: m.title }),
      ...(m.description !== null && { description: m.description }),
      ...(m.link !== null && { link: m.link }),
    }
    const p = pinFieldProblems(text)[0]
    if (p) return `${m.path}: ${p.message}`
  }
  return null
}

async function checked(
  row: ItemRow,
  ctx: RunContext,
): Promise<{ media: ItemMediaRow[]; files: CarouselFile[] }> {
  const media = listItemMedia(ctx.store.repo.database, row.id)
  const check = await checkCarouselImages(
    where(row),
    media.map((m) => m.path),
  )
  if (!check.ok) throw new ItemFailure({ kind: 'file', message: `${check.message}.`, fix: check.fix })
  return { media, files: check.files }
}

/**
 * queued → validating for a carousel: the Pin's fields, the images' own text, the carousel pre-flight (2–5 images
 * of one size, converted ones included), one hash over the images' hashes in order (what dedupe and the fingerprint know it by). Null when
 * skipped as already published on the board.
 */
export async function validateCarousel(row: ItemRow, ctx: RunContext): Promise<Validated | null> {
  row = ctx.store.announce(row, 'validating')
  const fieldErrors = ctx.validator.checkPinFields(
    {
      ...(row.title !== null && { title: row.title }),
      ...(row.description !== null && { description: row.description }),
      ...(row.link !== null && { link: row.link }),
      ...(row.alt_text !== null && { altText: row.alt_text }),
      ...(row.board_id !== null && { boardId: row.board_id }),
      ...(row.ad_account_id !== null && { adAccountId: row.ad_account_id, adOnly: true }),
    },
    where(row),
  )
  if (fieldErrors[0]) throw new ItemFailure(fieldErrors[0])
  const { media, files } = await checked(row, ctx)
  const textError = imageTextErrors(media)
  if (textError) throw new ItemFailure({ kind: 'validation', message: `${textError}.` })
  const whole = createHash('sha256')
  for (const f of files) whole.update(`${await hashFile(f.path, ctx.signal, f.size)}\n`)
  const hash = whole.digest('hex')
  const facts: ItemPatch = {
    kind: 'carousel',
    content_type: null,
    size: files.reduce((n, f) => n + f.size, 0),
    mtime_ms: Math.floor(Math.max(...files.map((f) => f.mtimeMs))),
    content_hash: hash,
  }
  row = { ...row, ...facts }
  if (!row.force) {
    const same = ctx.store.repo.findPublishedSame(hash, row.board_id, row.id)
    if (same) {
      ctx.store.transition(
        row.id,
        'skipped',
        {
          ...facts,
          ...errorPatch({
            kind: 'validation',
            message: `This carousel is already published as ${same.pin_url ?? same.pin_id ?? 'a Pin'}.`,
            fix: 'Retry with "post anyway" to publish it again.',
          }),
        },
        undefined,
        'validating',
      )
      return null
    }
  }
  return { row, facts, release: nothing }
}

/**
 * An error met before the POST left, as one the runner reads as "nothing was sent" (errors.ts, createOutcomeUnknown):
 * any other would leave the item in `creating`, watching the board for a Pin that was never asked for.
 */
function sentNothing(e: unknown, signal: AbortSignal): Error {
  if (e instanceof ItemFailure) return e
  if (signal.aborted)
    return new ApiError('cancelled', 'Stopped before the carousel was sent.', { outcomeUnknown: false })
  if (e instanceof ApiError && e.details.outcomeUnknown === false) return e
  const action = classifyError(e)
  if (action.kind === 'fail') return new ItemFailure(action.error)
  return new ApiError('transient', action.error.message, { outcomeUnknown: false })
}

/**
 * The sizes of the images as they will be sent, compared again: a converted image's header may not have told the
 * pre-flight its size (BMP), and conversion applies the orientation and scales down what is over the limit.
 */
async function sameSizeAsSent(
  row: ItemRow,
  sent: readonly { source: string; path: string }[],
): Promise<void> {
  const sizes: ({ path: string } & ImageSize)[] = []
  for (const s of sent) {
    const dims = await readImageSize(s.path).catch(() => null)
    if (!dims)
      throw new ItemFailure({
        kind: 'file',
        message: `${where(row)}: the size of ${basename(s.source)} cannot be read once prepared for sending.`,
        fix: 'Export it again as JPEG or PNG.',
      })
    sizes.push({ path: s.source, ...dims })
  }
  const first = sizes[0]!
  const odd = sizes.find((d) => d.width !== first.width || d.height !== first.height)
  if (!odd) return
  const m = sizeMismatch(where(row), odd, first, ' once prepared for sending')
  throw new ItemFailure({ kind: 'file', message: `${m.message}.`, fix: m.fix })
}

/**
 * POST /v5/pins with the carousel's images streamed from disk, checked again just before they are read. Each image
 * goes through the same preparation as a single image's (issue 16: GPS, camera and XMP stripped from a JPEG unless
 * the user keeps them; WebP, GIF, TIFF, BMP, AVIF and HEIC converted, issue 13; docs/architecture.md, "Images as
 * sent"); the prepared copies go once the create settled.
 */
export async function sendCarousel(row: ItemRow, fields: PinFields, ctx: RunContext): Promise<CreatedPin> {
  const create = ctx.api.createCarouselPin?.bind(ctx.api)
  if (!create)
    throw new ItemFailure({
      kind: 'internal',
      message: 'This Pinterest connection cannot make carousel Pins.',
    })
  const tempDir = join(ctx.settings.dataDir || tmpdir(), 'prepared')
  const keys: string[] = []
  try {
    // Everything up to the POST runs after `creating` was committed (item-runner.ts): a failure or a stop here
    // must say that nothing was sent.
    const images: CarouselImage[] = []
    try {
      const { media, files } = await checked(row, ctx)
      keys.push(...files.map((_, i) => `item-${row.id}-${i}`))
      for (const [i, f] of files.entries()) {
        const r = await prepareImage(f.path, {
          name: basename(f.path),
          mime: f.contentType,
          keepMetadata: ctx.settings.keepPhotoMetadata === true,
          tempDir,
          key: keys[i]!,
          size: f.size,
        })
        if (!r.ok) throw new ItemFailure({ ...r.error, message: `${where(row)}: ${r.error.message}.` })
        const path = r.value.tempPath ?? f.path
        const st = r.value.tempPath ? await stat(path) : { size: f.size, mtimeMs: f.mtimeMs }
        const m = media[i]
        images.push({
          path,
          contentType: r.value.contentType,
          size: st.size,
          mtimeMs: st.mtimeMs,
          ...(m?.title != null && { title: m.title }),
          ...(m?.description != null && { description: m.description }),
          ...(m?.link != null && { link: m.link }),
        })
      }
      await sameSizeAsSent(
        row,
        images.map((im, i) => ({ source: files[i]!.path, path: im.path })),
      )
      ctx.signal.throwIfAborted()
    } catch (e) {
      throw sentNothing(e, ctx.signal)
    }
    return await create(images, fields, { signal: ctx.signal, onProgress: ctx.onBytes })
  } finally {
    await Promise.all(keys.map((k) => discardPrepared(tempDir, k)))
  }
}
