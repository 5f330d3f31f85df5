import { createHash } from 'node:crypto'
import { HttpError, sendJson, type Ctx } from './http-util'
import { checkPinCreatePractice, checkPinCreateSchema, decodeImage } from './pin-validation'
import { boardJson, pinJson, type ApiEnv } from './routes-read'
import type { FakePin } from './types'

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex')

const TRIAL_REFUSAL =
  'Apps with Trial access may not create Pins in production https://api.pinterest.com - use API Sandbox https://api-sandbox.pinterest.com instead.'

export async function createBoard(ctx: Ctx, env: ApiEnv): Promise<void> {
  const body = await env.jsonBody()
  if (!isObj(body)) throw new HttpError(400, 1, 'Invalid parameters: body must be a JSON object.')
  if (typeof body.name !== 'string')
    throw new HttpError(400, 1, 'Invalid parameters: name is required and must be a string.')
  if (body.description !== undefined && body.description !== null && typeof body.description !== 'string') {
    throw new HttpError(400, 1, 'Invalid parameters: description must be a string.')
  }
  const privacy = body.privacy ?? 'PUBLIC'
  if (privacy !== 'PUBLIC' && privacy !== 'PROTECTED' && privacy !== 'SECRET') {
    throw new HttpError(400, 1, 'Invalid parameters: privacy must be one of PUBLIC, PROTECTED, SECRET.')
  }
  if (body.is_ads_only !== undefined && typeof body.is_ads_only !== 'boolean')
    throw new HttpError(400, 1, 'Invalid parameters: is_ads_only must be a boolean.')
  // Not in the schema, but a board needs a visible name: Pinterest refuses a blank one.
  if (body.name.trim() === '' && body.is_ads_only !== true)
    throw new HttpError(400, 1, 'Invalid parameters: name must not be empty.')
  if (privacy === 'SECRET') env.state.requireScopes(env.grant, ['boards:write_secret'])
  // Pinterest refuses a second board of the same name; the status and code it uses are not documented
  // (docs/pinterest-api.md §10, and the spec lists only 400 for POST /boards): a 400 code 1 naming the field.
  if (body.is_ads_only !== true && env.state.boardNameTaken(env.grant.username, body.name))
    throw new HttpError(
      400,
      1,
      `Invalid parameters: name: you already have a board named "${body.name.trim()}".`,
    )
  const board = env.state.addBoard({
    name: body.name,
    privacy,
    description: body.description ?? null,
    owner: env.grant.username,
    isAdsOnly: body.is_ads_only === true,
  })
  return sendJson(ctx, 201, boardJson(env.state, board))
}

export async function createSection(ctx: Ctx, env: ApiEnv): Promise<void> {
  const board = env.state.ownBoard(env.grant, env.params.board_id!)
  const body = await env.jsonBody()
  if (!isObj(body) || typeof body.name !== 'string')
    throw new HttpError(400, 1, 'Invalid parameters: name is required and must be a string.')
  if (body.name.length < 1 || body.name.length > 180)
    throw new HttpError(400, 1, 'Invalid parameters: name must be 1 to 180 characters.')
  const section = env.state.addSection(board.id, body.name)
  return sendJson(ctx, 201, section)
}

export async function registerMedia(ctx: Ctx, env: ApiEnv): Promise<void> {
  const body = await env.jsonBody()
  if (!isObj(body) || !('media_type' in body))
    throw new HttpError(400, 1, 'Invalid parameters: media_type is required.')
  if (body.media_type !== 'video')
    throw new HttpError(400, 1, 'Invalid parameters: media_type must be "video".')
  const m = env.state.registerMedia(env.grant)
  return sendJson(ctx, 201, {
    media_id: m.media_id,
    media_type: m.media_type,
    upload_url: env.uploadUrl,
    upload_parameters: m.upload_parameters,
  })
}

export async function createPin(ctx: Ctx, env: ApiEnv): Promise<void> {
  const { state, grant } = env
  const adAccountId = ctx.url.searchParams.get('ad_account_id')
  if (adAccountId !== null && !/^\d{1,18}$/.test(adAccountId)) {
    throw new HttpError(400, 1, 'Invalid parameters: ad_account_id must be digits, at most 18.')
  }
  const body = await env.jsonBody()
  if (env.environment === 'production' && env.trialApp) throw new HttpError(403, 29, TRIAL_REFUSAL)
  checkPinCreateSchema(body)
  checkPinCreatePractice(body, adAccountId)

  // An ad-only Pin lands on the user's "Ad-only Pins" board, made on first use (docs/pinterest-api.md §3.1a).
  const board = body.board_id
    ? state.ownBoard(grant, body.board_id)
    : (state.boards.find((b) => b.owner === grant.username && b.is_ads_only) ??
      state.addBoard({ name: 'Ad-only Pins', owner: grant.username, isAdsOnly: true }))
  const sectionId = body.board_section_id ?? null
  if (sectionId !== null) {
    if (!board.sections.some((s) => s.id === sectionId))
      throw new HttpError(404, 2031, 'Board section not found.')
  }

  const ms = body.media_source
  const pin: FakePin = {
    id: state.nextId('pin'),
    board_id: board.id,
    board_section_id: sectionId,
    title: body.title ?? null,
    description: body.description ?? null,
    link: body.link ?? null,
    alt_text: body.alt_text ?? null,
    dominant_color: body.dominant_color ?? null,
    parent_pin_id: body.parent_pin_id ?? null,
    created_at: new Date(state.cfg.now()).toISOString(),
    ad_account_id: adAccountId,
    ...(body.is_removable === true && { is_removable: true }),
    owner: grant.username,
    media_source_type: 'image_url',
    image_sha256: null,
    image_bytes: null,
    image_content_type: null,
    image_url: null,
    video_media_id: null,
    video_cover: null,
    carousel_items: null,
  }
  switch (ms.source_type) {
    case 'image_base64': {
      const bytes = decodeImage(ms.data, ms.content_type, 'media_source.data')
      Object.assign(pin, {
        media_source_type: 'image_base64',
        image_sha256: sha256(bytes),
        image_bytes: bytes.length,
        image_content_type: ms.content_type,
      })
      break
    }
    case 'image_url':
      Object.assign(pin, { media_source_type: 'image_url', image_url: ms.url })
      break
    case 'video_id': {
      const media = state.mediaRecords.find((m) => m.media_id === ms.media_id)
      if (!media || media.owner !== grant.username)
        throw new HttpError(
          400,
          1,
          `Invalid parameters: media_id ${ms.media_id} was not found for this user.`,
        )
      const status = state.mediaStatus(media)
      if (status !== 'succeeded')
        throw new HttpError(
          400,
          1,
          `Invalid parameters: media ${ms.media_id} is not ready (status "${status}"); wait for "succeeded".`,
        )
      let cover: FakePin['video_cover']
      if (ms.cover_image_data !== undefined) {
        cover = {
          kind: 'base64',
          sha256: sha256(
            decodeImage(ms.cover_image_data, ms.cover_image_content_type!, 'media_source.cover_image_data'),
          ),
        }
      } else if (ms.cover_image_url !== undefined) cover = { kind: 'url', url: ms.cover_image_url }
      else cover = { kind: 'key_frame', seconds: ms.cover_image_key_frame_time! }
      Object.assign(pin, {
        media_source_type: 'video_id',
        video_media_id: media.media_id,
        video_cover: cover,
      })
      break
    }
    case 'multiple_image_base64':
      pin.media_source_type = 'multiple_image_base64'
      pin.carousel_items = ms.items.map((it, i) => ({
        sha256: sha256(decodeImage(it.data, it.content_type, `media_source.items[${i}].data`)),
        content_type: it.content_type,
        title: it.title,
        description: it.description,
        link: it.link,
      }))
      break
    case 'multiple_image_urls':
      pin.media_source_type = 'multiple_image_urls'
      pin.carousel_items = ms.items.map((it) => ({
        url: it.url,
        title: it.title,
        description: it.description,
        link: it.link,
      }))
      break
    case 'pin_url':
      throw new HttpError(400, 1, 'Invalid parameters: pin_url is only available to beta users.')
  }
  state.pins.push(pin)
  return sendJson(ctx, 201, pinJson(pin, env.imageBase))
}
