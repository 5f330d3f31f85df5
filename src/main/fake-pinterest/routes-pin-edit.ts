import { HttpError, send, sendJson, type Ctx } from './http-util'
import { pinJson, type ApiEnv } from './routes-read'
import type { FakePin } from './types'

/**
 * The calls that fix or undo a published Pin, and its read with metrics: PATCH, DELETE and GET
 * /v5/pins/{pin_id} as the OpenAPI description has them (docs/pinterest-api.md §3.5).
 */

const invalid = (why: string) => new HttpError(400, 1, `Invalid parameters: ${why}`)
const pinNotFound = () => new HttpError(404, 50, 'Pin not found.')

/** What a beta endpoint refused to an app answers (docs/pinterest-api.md §3.5: the wording is not documented). */
const BETA_REFUSAL_MESSAGE =
  'This endpoint is in beta and not available to your app. Learn more about beta features on developers.pinterest.com.'

function ownPin(env: ApiEnv): FakePin {
  const pin = env.state.pins.find((p) => p.id === env.params.pin_id)
  if (!pin || pin.owner !== env.grant.username) throw pinNotFound()
  return pin
}

/** Metrics as `pin_metrics=true` lists them: the spec's example keys plus `save` (§3.5). */
function metricsJson(p: FakePin) {
  const m = p.metrics ?? { impression: 0, save: 0, pin_click: 0, outbound_click: 0 }
  return {
    '90d': { impression: m.impression, save: m.save, pin_click: m.pin_click, clickthrough: m.outbound_click },
    lifetime_metrics: {
      impression: m.impression,
      save: m.save,
      pin_click: m.pin_click,
      clickthrough: m.outbound_click,
      reaction: 0,
      comment: 0,
    },
  }
}

/** GET /v5/pins/{pin_id}: the user's Pin; `pin_metrics=true` adds its 90-day and lifetime metrics. */
export async function getPin(ctx: Ctx, env: ApiEnv): Promise<void> {
  const metrics = ctx.url.searchParams.get('pin_metrics')
  if (metrics !== null && metrics !== 'true' && metrics !== 'false')
    throw invalid('pin_metrics must be true or false.')
  const pin = ownPin(env)
  const json = pinJson(pin, env.imageBase)
  return sendJson(ctx, 200, metrics === 'true' ? { ...json, pin_metrics: metricsJson(pin) } : json)
}

/** DELETE /v5/pins/{pin_id}: 204 without a body; a Pin already gone is 404 code 50, as for a read. */
export async function deletePin(ctx: Ctx, env: ApiEnv): Promise<void> {
  const pin = ownPin(env)
  env.state.pins.splice(env.state.pins.indexOf(pin), 1)
  return send(ctx, 204, {})
}

function nullableText(body: Record<string, unknown>, key: string): string | null | undefined {
  const v = body[key]
  if (v === undefined || v === null) return v
  if (typeof v !== 'string') throw invalid(`${key} must be a string.`)
  return v
}

function digits(body: Record<string, unknown>, key: string, nullable: boolean): string | null | undefined {
  const v = body[key]
  if (v === undefined || (v === null && nullable)) return v
  if (typeof v !== 'string' || !/^\d+$/.test(v)) throw invalid(`${key} must be a string of digits.`)
  return v
}

/**
 * PATCH /v5/pins/{pin_id} (PinUpdate): title, description, link, alt text, board and section. A beta
 * endpoint "not available to all apps": with `refusePinUpdates` set, every call gets 403 code 29.
 * Errors follow the save operation's examples: 404 code 50 (Pin), 40 (board), 2031 (section), 403 code 29.
 */
export async function updatePin(ctx: Ctx, env: ApiEnv): Promise<void> {
  const { state, grant } = env
  if (state.pinUpdatesRefused) throw new HttpError(403, 29, BETA_REFUSAL_MESSAGE)
  const body = await env.jsonBody()
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw invalid('body must be a JSON object.')
  const fields = body as Record<string, unknown>
  const pin = ownPin(env)
  const title = nullableText(fields, 'title')
  const description = nullableText(fields, 'description')
  const link = nullableText(fields, 'link')
  const altText = nullableText(fields, 'alt_text')
  const boardId = digits(fields, 'board_id', false)
  const sectionId = digits(fields, 'board_section_id', true)

  let board = state.boards.find((b) => b.id === pin.board_id)
  if (typeof boardId === 'string') {
    board = state.boards.find((b) => b.id === boardId)
    if (!board) throw new HttpError(404, 40, 'Board not found.')
    if (board.owner !== grant.username)
      throw new HttpError(403, 29, 'You are not permitted to access that resource.')
  }
  if (typeof sectionId === 'string' && !board?.sections.some((s) => s.id === sectionId))
    throw new HttpError(404, 2031, "Sorry! We couldn't find this board section.")

  if (title !== undefined) pin.title = title
  if (description !== undefined) pin.description = description
  if (link !== undefined) pin.link = link
  if (altText !== undefined) pin.alt_text = altText
  if (typeof boardId === 'string') {
    // A move to another board leaves the old board's section behind unless one is named.
    if (boardId !== pin.board_id && sectionId === undefined) pin.board_section_id = null
    pin.board_id = boardId
  }
  if (sectionId !== undefined) pin.board_section_id = sectionId
  return sendJson(ctx, 200, pinJson(pin, env.imageBase))
}
