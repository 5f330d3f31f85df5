import { HttpError, paginate, send, sendJson, type Ctx } from './http-util'
import { boardJson, pinJson, type ApiEnv } from './routes-read'
import type { FakeBoard } from './types'

/**
 * Board operations Pinload itself does not call but Pinterest's own clients do (the official quickstart, [QS] in
 * docs/pinterest-api.md §0):
 * served as the OpenAPI description has them, so the stand-in answers them rather than a misleading 404.
 */

/** The user's board; a secret one also needs the `_secret` scope of the operation (docs/pinterest-api.md §1.8). */
function ownBoardWith(env: ApiEnv, secretScope: string): FakeBoard {
  const board = env.state.ownBoard(env.grant, env.params.board_id!)
  if (board.privacy === 'SECRET') env.state.requireScopes(env.grant, [secretScope])
  return board
}

/** GET /v5/boards/{board_id}. */
export async function getBoard(ctx: Ctx, env: ApiEnv): Promise<void> {
  const board = ownBoardWith(env, 'boards:read_secret')
  return sendJson(ctx, 200, boardJson(env.state, board))
}

/** DELETE /v5/boards/{board_id}: 204 without a body; the board's Pins go with it. */
export async function deleteBoard(ctx: Ctx, env: ApiEnv): Promise<void> {
  const board = ownBoardWith(env, 'boards:write_secret')
  env.state.deleteBoard(board.id)
  return send(ctx, 204, {})
}

/**
 * GET /v5/boards/{board_id}/sections/{section_id}/pins, newest first like the board's list. Its errors are
 * the operation's own examples in the spec: code 404 for a board or section not found, 403 for someone
 * else's board.
 */
export async function listSectionPins(ctx: Ctx, env: ApiEnv): Promise<void> {
  const { state, grant, params } = env
  const notFound = new HttpError(404, 404, 'Board or section not found.')
  const board = state.boards.find((b) => b.id === params.board_id)
  if (!board) throw notFound
  if (board.owner !== grant.username)
    throw new HttpError(403, 403, 'Not authorized to access Pins on board section.')
  if (board.privacy === 'SECRET') state.requireScopes(grant, ['boards:read_secret'])
  if (!board.sections.some((s) => s.id === params.section_id)) throw notFound
  const newestFirst = state.pins
    .filter((p) => p.board_id === board.id && p.board_section_id === params.section_id)
    .reverse()
  const page = paginate(ctx.url, newestFirst)
  return sendJson(ctx, 200, {
    items: page.items.map((p) => pinJson(p, env.imageBase)),
    bookmark: page.bookmark,
  })
}
