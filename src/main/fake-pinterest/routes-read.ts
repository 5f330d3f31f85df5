import { HttpError, paginate, sendJson, type Ctx } from './http-util'
import { standInCoverUrl } from './stand-in-image'
import type { AccessGrant, FakeState, MediaRecord } from './state'
import type { FakeBoard, FakePin } from './types'

/** What a /v5 handler gets besides the request. */
export interface ApiEnv {
  state: FakeState
  grant: AccessGrant
  params: Record<string, string>
  environment: 'production' | 'sandbox'
  trialApp: boolean
  uploadUrl: string
  /** Base URL of the fake's stand-in images, ending in '/'. */
  imageBase: string
  /** Parses the JSON body; validates it against the spec when one was given. */
  jsonBody(): Promise<unknown>
}

export function boardJson(state: FakeState, b: FakeBoard) {
  const pins = state.pins.filter((p) => p.board_id === b.id)
  const last = pins[pins.length - 1]
  return {
    id: b.id,
    name: b.name,
    description: b.description,
    owner: { username: b.owner },
    privacy: b.privacy,
    is_ads_only: b.is_ads_only,
    created_at: b.created_at,
    board_pins_modified_at: last ? last.created_at : b.created_at,
    pin_count: pins.length,
    follower_count: 0,
    collaborator_count: 0,
    media: { image_cover_url: null, pin_thumbnail_urls: [] },
  }
}

function imageSizes(id: string) {
  const url = (s: string) => `https://i.pinimg.com/${s}/fake/${id}.jpg`
  return {
    '150x150': { width: 150, height: 150, url: url('150x150') },
    '400x300': { width: 400, height: 300, url: url('400x300') },
    '600x': { width: 600, height: 900, url: url('600x') },
    '1200x': { width: 1200, height: 1800, url: url('1200x') },
  }
}

/** A Pin as the API answers it. `imageBase`: where the fake serves its stand-in images. */
export function pinJson(p: FakePin, imageBase: string) {
  let media: Record<string, unknown>
  switch (p.media_source_type) {
    case 'video_id':
      // Video details stay null right after creation while Pinterest processes the Pin (spec PinMediaWithVideo);
      // the cover is not nullable there, and every video Pin here has one (docs/pinterest-api.md §3.2, §3.4).
      media = {
        media_type: 'video',
        cover_image_url: standInCoverUrl(imageBase, p.id),
        video_url: null,
        duration: null,
        height: null,
        width: null,
        images: imageSizes(p.id),
      }
      break
    case 'multiple_image_base64':
    case 'multiple_image_urls':
      media = {
        media_type: 'multiple_images',
        items: (p.carousel_items ?? []).map((_, i) => ({
          media_type: 'image',
          images: imageSizes(`${p.id}-${i}`),
        })),
      }
      break
    default:
      media = { media_type: 'image', images: imageSizes(p.id) }
  }
  return {
    id: p.id,
    created_at: p.created_at,
    link: p.link,
    title: p.title,
    description: p.description,
    alt_text: p.alt_text,
    dominant_color: p.dominant_color ?? '#6E7874',
    board_id: p.board_id,
    board_section_id: p.board_section_id,
    board_owner: { username: p.owner },
    is_owner: true,
    is_standard: true,
    has_been_promoted: false,
    ...(p.is_removable === true && { is_removable: true }),
    creative_type:
      p.media_source_type === 'video_id'
        ? 'VIDEO'
        : p.media_source_type.startsWith('multiple')
          ? 'CAROUSEL'
          : 'REGULAR',
    parent_pin_id: p.parent_pin_id ?? null,
    pin_metrics: null,
    media,
  }
}

function mediaJson(state: FakeState, m: MediaRecord) {
  return { media_id: m.media_id, media_type: m.media_type, status: state.mediaStatus(m) }
}

export async function getUserAccount(ctx: Ctx, env: ApiEnv): Promise<void> {
  const { state, grant } = env
  return sendJson(ctx, 200, {
    account_type: 'BUSINESS',
    id: state.userId(grant.username),
    username: grant.username,
    business_name: `${grant.username} studio`,
    profile_image: `https://i.pinimg.com/600x600_R/fake/${grant.username}.jpg`,
    website_url: 'https://example.com',
    about: '',
    board_count: state.boards.filter((b) => b.owner === grant.username).length,
    pin_count: state.pins.filter((p) => p.owner === grant.username).length,
    follower_count: 0,
    following_count: 0,
    monthly_views: 0,
  })
}

const PRIVACY_FILTERS: Record<string, readonly string[]> = {
  ALL: ['PUBLIC', 'PROTECTED', 'SECRET'],
  PUBLIC: ['PUBLIC'],
  PROTECTED: ['PROTECTED'],
  SECRET: ['SECRET'],
  PUBLIC_AND_SECRET: ['PUBLIC', 'SECRET'],
}

export async function listBoards(ctx: Ctx, env: ApiEnv): Promise<void> {
  const { state, grant } = env
  const privacy = ctx.url.searchParams.get('privacy')
  const allowed = privacy === null ? PRIVACY_FILTERS.ALL! : PRIVACY_FILTERS[privacy]
  if (!allowed)
    throw new HttpError(
      400,
      1,
      `Invalid parameters: privacy must be one of ${Object.keys(PRIVACY_FILTERS).join(', ')}.`,
    )
  // Secret boards need boards:read_secret; without it they are simply not listed (the spec's scope text).
  const canSeeSecret = grant.scopes.includes('boards:read_secret')
  const mine = state.boards.filter(
    (b) =>
      b.owner === grant.username && allowed.includes(b.privacy) && (b.privacy !== 'SECRET' || canSeeSecret),
  )
  const page = paginate(ctx.url, mine)
  return sendJson(ctx, 200, { items: page.items.map((b) => boardJson(state, b)), bookmark: page.bookmark })
}

export async function listSections(ctx: Ctx, env: ApiEnv): Promise<void> {
  const board = env.state.ownBoard(env.grant, env.params.board_id!)
  const page = paginate(ctx.url, board.sections)
  return sendJson(ctx, 200, {
    items: page.items.map((s) => ({ id: s.id, name: s.name })),
    bookmark: page.bookmark,
  })
}

export async function listBoardPins(ctx: Ctx, env: ApiEnv): Promise<void> {
  const board = env.state.ownBoard(env.grant, env.params.board_id!)
  const newestFirst = env.state.pins.filter((p) => p.board_id === board.id).reverse()
  const page = paginate(ctx.url, newestFirst)
  return sendJson(ctx, 200, {
    items: page.items.map((p) => pinJson(p, env.imageBase)),
    bookmark: page.bookmark,
  })
}

export async function listMedia(ctx: Ctx, env: ApiEnv): Promise<void> {
  const mine = env.state.mediaRecords.filter((m) => m.owner === env.grant.username)
  const page = paginate(ctx.url, mine)
  return sendJson(ctx, 200, {
    items: page.items.map((m) => mediaJson(env.state, m)),
    bookmark: page.bookmark,
  })
}

export async function getMedia(ctx: Ctx, env: ApiEnv): Promise<void> {
  const m = env.state.mediaRecords.find((r) => r.media_id === env.params.media_id)
  if (!m || m.owner !== env.grant.username) throw new HttpError(404, 404, 'Media upload not found.')
  return sendJson(ctx, 200, mediaJson(env.state, m))
}
