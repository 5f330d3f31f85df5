import { HttpError, paginate, sendJson, type Ctx } from './http-util'
import { pinJson, type ApiEnv } from './routes-read'
import type { FakePin } from './types'

/**
 * Pin operations Pinload itself does not call but Pinterest's own clients do (the official quickstart, [QS] in
 * docs/pinterest-api.md §0):
 * GET /v5/pins and POST /v5/pins/{pin_id}/save, as the OpenAPI description has them.
 */

const PIN_FILTERS = ['exclude_native', 'exclude_repins', 'has_been_promoted']
/** The spec's CreativeType enum. */
const CREATIVE_TYPES = [
  'REGULAR',
  'VIDEO',
  'SHOPPING',
  'CAROUSEL',
  'MAX_VIDEO',
  'SHOP_THE_PIN',
  'COLLECTION',
  'IDEA',
  'SHOWCASE',
  'QUIZ',
  'COLLAGE',
  'MAX_WIDTH_REGULAR_COLLECTION',
  'MAX_WIDTH_VIDEO_COLLECTION',
]

const invalid = (why: string) => new HttpError(400, 1, `Invalid parameters: ${why}`)

function booleanParam(url: URL, name: string): boolean {
  const v = url.searchParams.get(name)
  if (v === null || v === 'false') return false
  if (v === 'true') return true
  throw invalid(`${name} must be true or false.`)
}

function oneOf(url: URL, name: string, values: readonly string[]): string | null {
  const v = url.searchParams.get(name)
  if (v !== null && !values.includes(v)) throw invalid(`${name} must be one of ${values.join(', ')}.`)
  return v
}

/**
 * GET /v5/pins: every Pin the user owns, whatever board it is on, newest first, paged like the other lists.
 * Pins on secret boards need pins:read_secret ("See your secret Pins", docs/pinterest-api.md §1.8); Pins on
 * protected boards (and ad-only Pins) only come with include_protected_pins=true.
 */
export async function listPins(ctx: Ctx, env: ApiEnv): Promise<void> {
  const { state, grant } = env
  const url = ctx.url
  const filter = oneOf(url, 'pin_filter', PIN_FILTERS)
  const privateOnly = oneOf(url, 'pin_type', ['PRIVATE']) !== null
  const withProtected = booleanParam(url, 'include_protected_pins')
  booleanParam(url, 'pin_metrics')
  const adAccountId = url.searchParams.get('ad_account_id')
  if (adAccountId !== null && !/^\d{1,18}$/.test(adAccountId)) throw invalid('ad_account_id must be digits.')
  // Repeated (creative_types=A&creative_types=B) or comma-separated: clients send arrays both ways.
  const types = url.searchParams.getAll('creative_types').flatMap((v) => v.split(','))
  const unknown = types.filter((t) => !CREATIVE_TYPES.includes(t))
  if (unknown.length > 0) throw invalid(`creative_types must be of ${CREATIVE_TYPES.join(', ')}.`)
  if (privateOnly) state.requireScopes(grant, ['pins:read_secret'])
  const canSeeSecret = grant.scopes.includes('pins:read_secret')

  const privacyOf = (p: FakePin) =>
    p.board_id === null ? 'PROTECTED' : (state.boards.find((b) => b.id === p.board_id)?.privacy ?? 'PUBLIC')
  const mine = state.pins
    .filter((p) => p.owner === grant.username)
    .filter((p) => {
      const privacy = privacyOf(p)
      if (privateOnly) return privacy === 'SECRET'
      if (privacy === 'SECRET') return canSeeSecret
      return privacy !== 'PROTECTED' || withProtected
    })
    .filter((p) => {
      const repin = Boolean(p.parent_pin_id)
      if (filter === 'exclude_native') return repin
      if (filter === 'exclude_repins') return !repin
      // has_been_promoted: no Pin here has ever been in an ad.
      return filter !== 'has_been_promoted'
    })
    .map((p) => pinJson(p, env.imageBase))
    .filter((json) => types.length === 0 || types.includes(json.creative_type))
    .reverse()
  const page = paginate(url, mine)
  return sendJson(ctx, 200, { items: page.items, bookmark: page.bookmark })
}

function optionalId(body: Record<string, unknown>, key: string): string | null {
  const v = body[key]
  if (v === undefined || v === null) return null
  if (typeof v !== 'string' || !/^\d+$/.test(v)) throw invalid(`${key} must be a string of digits.`)
  return v
}

/**
 * POST /v5/pins/{pin_id}/save: the user's own Pin or anyone's public one, saved to the user's board (or a
 * section of it) as a new Pin whose parent_pin_id is the original. Errors are the operation's examples in
 * the spec (404 codes 50, 40, 2031; 403 code 29). A body naming neither board nor section is refused: the
 * description only speaks of saving "on a board or board section".
 */
export async function savePin(ctx: Ctx, env: ApiEnv): Promise<void> {
  const { state, grant } = env
  const body = await env.jsonBody()
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw invalid('body must be a JSON object.')
  const fields = body as Record<string, unknown>
  const boardId = optionalId(fields, 'board_id')
  const sectionId = optionalId(fields, 'board_section_id')

  const original = state.pins.find((p) => p.id === env.params.pin_id)
  const originalBoard = state.boards.find((b) => b.id === original?.board_id)
  const visible = original && (original.owner === grant.username || originalBoard?.privacy === 'PUBLIC')
  if (!original || !visible) throw new HttpError(404, 50, 'Pin not found.')
  if (boardId === null && sectionId === null) throw invalid('board_id or board_section_id is required.')

  const board =
    boardId !== null
      ? state.boards.find((b) => b.id === boardId)
      : state.boards.find((b) => b.owner === grant.username && b.sections.some((s) => s.id === sectionId))
  const sectionMissing = new HttpError(404, 2031, "Sorry! We couldn't find this board section.")
  if (!board) throw boardId !== null ? new HttpError(404, 40, 'Board not found.') : sectionMissing
  if (board.owner !== grant.username)
    throw new HttpError(403, 29, 'You are not permitted to access that resource.')
  if (sectionId !== null && !board.sections.some((s) => s.id === sectionId)) throw sectionMissing

  const saved: FakePin = {
    ...original,
    id: state.nextId('pin'),
    board_id: board.id,
    board_section_id: sectionId,
    owner: grant.username,
    ad_account_id: null,
    parent_pin_id: original.id,
    created_at: new Date(state.cfg.now()).toISOString(),
  }
  state.pins.push(saved)
  return sendJson(ctx, 201, pinJson(saved, env.imageBase))
}
