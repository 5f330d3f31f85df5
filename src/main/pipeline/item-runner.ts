import { stat } from 'node:fs/promises'
import { pinWebUrl } from '../../shared/pinterest-urls'
import { errorPatch, resetMedia, type ItemPatch, type ItemRow } from '../db/item-rows'
import {
  type CreatedPin,
  type FileRead,
  type MediaUpload,
  type PinFields,
  type VideoCover,
} from '../pinterest/api-types'
import { ApiError } from '../pinterest/api-error'
import { ItemFailure, createOutcomeUnknown } from './errors'
import { lockKey, makeFingerprint, newMarker } from './fingerprint'
import { lostPatch, settleLostCreate } from './lost-create'
import { CREATE_WINDOW_MS } from './reconcile'
import { sendCarousel, validateCarousel } from './carousel-item'
import { heldPatch } from './pace-gate'
import { readBack } from './read-back'
import type { RunContext } from './run-context'
import { validateItem, type Validated } from './validate-item'
import { videoCover } from './video-cover'
import { waitForMedia } from '../pinterest/media-poll'

/** The Pin fields of a row, as the client takes them. */
function pinFields(row: ItemRow): PinFields {
  const f: PinFields = {}
  if (row.board_id !== null) f.boardId = row.board_id
  if (row.board_section_id !== null) f.boardSectionId = row.board_section_id
  if (row.title !== null) f.title = row.title
  if (row.description !== null) f.description = row.description
  if (row.link !== null) f.link = row.link
  if (row.alt_text !== null) f.altText = row.alt_text
  // '' marks an ad-only Pin for no named ad account (src/main/db/item-insert.ts).
  if (row.ad_account_id !== null) f.adOnly = true
  if (row.ad_account_id) f.adAccountId = row.ad_account_id
  return f
}

/**
 * Runs one item from wherever its persisted facts say it is, to `published` (or a terminal/attention state).
 * Every step is persisted before and after it happens, so a kill at any point resumes without redoing
 * what was achieved and without posting a Pin twice. Errors propagate to the queue, which classifies them.
 */
export async function runItem(itemId: number, ctx: RunContext): Promise<void> {
  await runSteps(itemId, ctx)
  // Every Pin this run published (created or adopted) is read back once.
  await readBack(itemId, ctx)
}

async function runSteps(itemId: number, ctx: RunContext): Promise<void> {
  let row = must(ctx.store.get(itemId))
  if (row.state === 'creating' || row.state === 'needs_attention') {
    const settled = await settleLostCreate(row, ctx)
    if (settled) return
    row = must(ctx.store.get(itemId))
    if (row.attempts >= ctx.maxAttempts) {
      // Proved absent after every attempt lost its answer: stop sending, the last error says why.
      ctx.store.transition(row.id, 'failed', {
        create_fingerprint: null,
        create_started_at: null,
        next_attempt_at: null,
      })
      return
    }
    // Proved absent: validate again before sending (the file may have changed meanwhile). The start time is
    // kept: a Pin from that lost attempt may still appear, and the next window must cover it.
    row = ctx.store.transition(row.id, 'queued', { create_fingerprint: null, next_attempt_at: null })
  }
  if (row.state === 'processing') {
    row = await pollMedia(row, ctx)
    await create(row, ctx)
    return
  }
  // A held item waits before its file is read and, for a video, before its bytes are uploaded; the gate is
  // asked again right before the create, which is the check that counts (pace-gate.ts).
  const early =
    row.state === 'queued' || row.state === 'scheduled' ? ctx.pace?.(row, {}, ctx.now()) : undefined
  if (early && !early.go) {
    ctx.store.transition(row.id, 'queued', heldPatch(early, ctx.now()))
    return
  }
  const v = row.kind === 'carousel' ? await validateCarousel(row, ctx) : await validateItem(row, ctx)
  if (!v) return
  try {
    // The file's facts are written with the next transition: one transaction fewer per item.
    let facts: ItemPatch = v.facts
    row = v.row
    if (row.kind === 'video' && row.media_status !== 'succeeded') {
      if (!row.media_uploaded || !row.media_id) row = await upload(row, ctx, facts)
      else row = ctx.store.transition(row.id, 'processing', facts, undefined, 'validating')
      facts = {}
      row = await pollMedia(row, ctx)
    }
    // A small image read whole during validation is sent from those bytes (only images are read that way).
    await create(row, ctx, facts, v.read, v.upload)
  } finally {
    // The create has settled (undici has written the body or destroyed the socket): the buffers may be reused.
    // Awaited, so an item is idle only once its prepared copy is deleted (a caller may quit right after).
    await v.release()
  }
}

function must(row: ItemRow | undefined): ItemRow {
  if (!row) throw new ItemFailure({ kind: 'internal', message: 'The item was removed while it ran.' })
  return row
}

/** validating → uploading: register media (persisted at once), S3 upload (persisted after the 204). */
async function upload(row: ItemRow, ctx: RunContext, facts: ItemPatch): Promise<ItemRow> {
  row = ctx.store.transition(row.id, 'uploading', facts, undefined, 'validating')
  const release = await ctx.videoSlots.acquire(ctx.signal)
  try {
    let media = storedUpload(row)
    for (let round = 0; ; round++) {
      if (!media) {
        media = await ctx.api.registerMedia({ signal: ctx.signal })
        ctx.store.record(row.id, {
          media_id: media.mediaId,
          media_status: 'registered',
          media_upload_url: media.uploadUrl,
          media_upload_params: JSON.stringify(media.uploadParameters),
          media_uploaded: 0,
        })
      }
      try {
        await ctx.api.uploadMedia(media, row.source_path ?? '', {
          signal: ctx.signal,
          onProgress: ctx.onBytes,
          ...(ctx.settings.bandwidthBytesPerSec > 0 && { bytesPerSecond: ctx.settings.bandwidthBytesPerSec }),
        })
        break
      } catch (e) {
        // The upload policy is short-lived: after a long pause or a crash, register a fresh media id.
        if (e instanceof ApiError && e.details.policyExpired && round === 0) {
          ctx.logger.info('upload policy expired; registering the media again', { itemId: row.id })
          ctx.store.record(row.id, resetMedia)
          media = null
          continue
        }
        throw e
      }
    }
    await assertFileUnchanged(row)
    ctx.store.record(row.id, { media_uploaded: 1 })
  } finally {
    release()
  }
  return ctx.store.transition(row.id, 'processing')
}

function storedUpload(row: ItemRow): MediaUpload | null {
  if (!row.media_id || !row.media_upload_url || !row.media_upload_params) return null
  try {
    return {
      mediaId: row.media_id,
      uploadUrl: row.media_upload_url,
      uploadParameters: JSON.parse(row.media_upload_params) as Record<string, string>,
    }
  } catch {
    return null
  }
}

/**
 * The length sent was the size at stat time: a file that changed meanwhile was sent wrong (docs/architecture.md,
 * "Streaming uploads with an exact Content-Length").
 */
async function assertFileUnchanged(row: ItemRow): Promise<void> {
  if (!row.source_path) return
  const st = await stat(row.source_path)
  if (st.size !== row.size || Math.floor(st.mtimeMs) !== row.mtime_ms) {
    throw new ApiError(
      'transient',
      `${row.source_path} changed while it was being sent; it will be sent again.`,
    )
  }
}

/** processing: poll the media status with growing intervals until `succeeded`; each change is persisted. */
async function pollMedia(row: ItemRow, ctx: RunContext): Promise<ItemRow> {
  const mediaId = row.media_id
  if (!mediaId) return ctx.store.transition(row.id, 'queued', resetMedia)
  const delaysMs: number[] = []
  for (let d = ctx.pollMs.first; d < ctx.pollMs.max; d = Math.ceil(d * 2)) delaysMs.push(d)
  delaysMs.push(ctx.pollMs.max)
  let last = row.media_status
  await waitForMedia(ctx.api, mediaId, {
    timeoutMs: ctx.mediaTimeoutMs,
    signal: ctx.signal,
    delaysMs,
    now: ctx.now,
    onStatus: (status) => {
      if (status === last) return
      last = status
      ctx.store.record(row.id, { media_status: status })
    },
  })
  return must(ctx.store.get(row.id))
}

/** → creating (fingerprint + time persisted first) → POST /v5/pins → published with the Pin id, atomically. */
async function create(
  row: ItemRow,
  ctx: RunContext,
  facts: ItemPatch = {},
  read?: FileRead,
  upload?: ImageUpload,
): Promise<void> {
  // A cover picture is prepared only for a create that pacing lets through: a held item would prepare it again
  // after each hold. The gate is asked again below, with the create's lock held; that is the check that counts.
  if (row.kind === 'video' && row.cover_image_path && heldByPace(row, ctx, facts)) return
  // A video's cover file is prepared before anything is held or written: a bad one fails the item here.
  const cover = row.kind === 'video' ? await videoCover(row, ctx) : undefined
  try {
    await createPin(row, ctx, facts, cover?.cover, read, upload)
  } finally {
    await cover?.release()
  }
}

async function createPin(
  row: ItemRow,
  ctx: RunContext,
  facts: ItemPatch,
  cover: VideoCover | undefined,
  read?: FileRead,
  upload?: ImageUpload,
): Promise<void> {
  const fields = pinFields(row)
  const media =
    row.kind === 'video'
      ? `media:${row.media_id}`
      : row.kind === 'image_url'
        ? `url:${row.source_url}`
        : `sha256:${row.content_hash}`
  // A mark of this attempt, sent as the Pin's dominant_color: the board can then tell it from a look-alike.
  const marker = newMarker()
  fields.dominantColor = marker
  const fingerprint = { ...makeFingerprint(fields, media), marker }
  const key = lockKey(fingerprint, ctx.marks.kept())
  if (!(await holdCreate(row, key, ctx, facts))) return
  const now = ctx.now()
  // Pacing (pace-gate.ts) is asked in the same turn as the `creating` write below, so no other create slips between.
  if (heldByPace(row, ctx, facts, () => ctx.locks.release(row.id))) return
  // Earliest start across attempts: a Pin from an earlier, lost attempt may still appear in the window.
  const earlier = row.create_started_at
  const startedAt = earlier !== null && earlier <= now && now - earlier < CREATE_WINDOW_MS ? earlier : now
  try {
    row = ctx.store.transition(
      row.id,
      'creating',
      {
        ...facts,
        create_fingerprint: JSON.stringify(fingerprint),
        create_started_at: startedAt,
        next_attempt_at: null,
      },
      undefined,
      row.state === 'validating' ? 'validating' : undefined,
    )
  } catch (e) {
    ctx.locks.release(row.id)
    throw e
  }
  // `creating` and the fingerprint must be on disk before the POST leaves: after a kill, that is what makes
  // the next run reconcile instead of posting the Pin a second time. A failed commit sends nothing.
  await ctx.store.durable()
  if (ctx.signal.aborted) {
    // Aborted while the commit was pending: nothing was sent, so this is not a lost answer.
    ctx.store.transition(row.id, 'queued', { create_fingerprint: null, create_started_at: null })
    ctx.signal.throwIfAborted()
  }
  let pin: CreatedPin
  try {
    pin = await sendCreate(row, fields, ctx, { read, upload, cover })
  } catch (e) {
    if (!createOutcomeUnknown(e)) {
      // The API answered, so nothing was created: leave `creating` for a state that may be retried.
      ctx.store.transition(row.id, 'queued', { create_fingerprint: null, create_started_at: null })
      throw e
    }
    // The server may still be writing the Pin: the board is watched for its mark during the grace period and
    // may prove it absent only after (the scheduler runs `creating` items when due). The item keeps its key
    // meanwhile, so no twin that could be confused with it is sent in between.
    const lost = lostPatch(row, fingerprint, e, ctx)
    if (ctx.signal.aborted) {
      ctx.store.record(row.id, lost)
      throw e
    }
    ctx.logger.warn('answer to a Pin create was lost; watching the board for it', {
      itemId: row.id,
      error: e,
    })
    ctx.store.record(row.id, lost)
    return
  }
  ctx.marks.note(marker, pin.dominantColor)
  ctx.store.transition(row.id, 'published', {
    pin_id: pin.id,
    pin_url: pinWebUrl(pin.id),
    next_attempt_at: null,
    ...errorPatch(null),
  })
}

/** Puts the item back in the queue, held with the gate's reason, when pacing says not yet. */
function heldByPace(row: ItemRow, ctx: RunContext, facts: ItemPatch, beforeHold?: () => void): boolean {
  const now = ctx.now()
  const pace = ctx.pace?.(row, facts, now)
  if (!pace || pace.go) return false
  beforeHold?.()
  const via = row.state === 'validating' ? 'validating' : undefined
  ctx.store.transition(row.id, 'queued', { ...facts, ...heldPatch(pace, now) }, undefined, via)
  return true
}

/**
 * Waits until no twin (same visible fingerprint) of this item is in `creating`, then holds the key (checked
 * and taken in one turn, so two twins cannot both pass). A twin that is running is awaited; one resting in
 * `creating` (waiting out its grace period) may take long, so this item is parked until then and its slot
 * freed. Returns false when parked. A cancel or shutdown during pre-flight or the wait throws here.
 */
async function holdCreate(row: ItemRow, key: string, ctx: RunContext, facts: ItemPatch): Promise<boolean> {
  for (;;) {
    const others = ctx.locks.others(key, row.id)
    if (others.length === 0) {
      ctx.signal.throwIfAborted()
      ctx.locks.hold(key, row.id)
      return true
    }
    const resting = others.filter((id) => !ctx.isRunning(id))
    if (resting.length === 0) {
      await ctx.locks.changed(key, ctx.signal)
      continue
    }
    const now = ctx.now()
    const due = Math.max(
      now + Math.min(1000, ctx.createGraceMs),
      ...resting.map((id) => (ctx.store.repo.get(id)?.next_attempt_at ?? 0) + 1),
    )
    ctx.logger.info('a create with the same board, title, description and link is pending; waiting for it', {
      itemId: row.id,
    })
    ctx.store.transition(
      row.id,
      'queued',
      {
        ...facts,
        next_attempt_at: due,
        ...(row.state === 'creating' && { create_fingerprint: null, create_started_at: null }),
      },
      undefined,
      row.state === 'validating' ? 'validating' : undefined,
    )
    return false
  }
}

/** The file an image Pin is made from: the source, or its prepared copy (validate-item.ts). */
type ImageUpload = NonNullable<Validated['upload']>

function sendCreate(
  row: ItemRow,
  fields: PinFields,
  ctx: RunContext,
  media: { read?: FileRead | undefined; upload?: ImageUpload | undefined; cover?: VideoCover | undefined },
): Promise<CreatedPin> {
  const opts = { signal: ctx.signal }
  const { read, upload, cover } = media
  if (row.kind === 'image_url') return ctx.api.createImagePinFromUrl(row.source_url ?? '', fields, opts)
  if (row.kind === 'carousel') return sendCarousel(row, fields, ctx)
  if (row.kind === 'video')
    return ctx.api.createVideoPin(
      row.media_id ?? '',
      cover ?? { kind: 'key_frame', seconds: row.cover_key_frame_s ?? 0 },
      fields,
      opts,
    )
  const contentType: 'image/png' | 'image/jpeg' =
    upload?.contentType ?? (row.content_type === 'image/png' ? 'image/png' : 'image/jpeg')
  const file = { path: upload?.path ?? row.source_path ?? '', contentType, ...(read && { read }) }
  return ctx.api.createImagePinFromFile(file, fields, { ...opts, onProgress: ctx.onBytes })
}
