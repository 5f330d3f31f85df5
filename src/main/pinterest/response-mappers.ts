import type { Board, BoardSection, MediaStatus } from '../../shared/domain'
import type { CreatedPin, MediaUpload, PinMetrics, UserAccount } from './api-types'
import { ApiError } from './api-error'

type Json = Record<string, unknown>

const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined
const nullableStr = (v: unknown): string | null | undefined => (v === null ? null : str(v))

function bad(what: string): ApiError {
  return new ApiError('transient', `Pinterest sent an answer Pinload does not understand (${what}).`)
}

export function parseJson(text: string, what: string): Json {
  try {
    const v: unknown = JSON.parse(text)
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Json
  } catch {
    // fall through
  }
  throw bad(what)
}

export function toBoard(o: Json): Board {
  const id = str(o.id)
  const name = str(o.name)
  if (!id || name === undefined) throw bad('board without id or name')
  const privacy = str(o.privacy)
  return privacy ? { id, name, privacy } : { id, name }
}

export function toSection(o: Json): BoardSection {
  const id = str(o.id)
  const name = str(o.name)
  if (!id || name === undefined) throw bad('section without id or name')
  return { id, name }
}

export function toUser(o: Json): UserAccount {
  const username = str(o.username)
  if (username === undefined) throw bad('user account without username')
  const user: UserAccount = { username }
  const id = str(o.id)
  const accountType = str(o.account_type)
  if (id) user.id = id
  if (accountType) user.accountType = accountType
  return user
}

export function toPin(o: Json): CreatedPin {
  const id = str(o.id)
  if (!id) throw bad('Pin without id')
  const pin: CreatedPin = { id }
  const boardId = str(o.board_id)
  if (boardId) pin.boardId = boardId
  const title = nullableStr(o.title)
  if (title !== undefined) pin.title = title
  const description = nullableStr(o.description)
  if (description !== undefined) pin.description = description
  const link = nullableStr(o.link)
  if (link !== undefined) pin.link = link
  const createdAt = str(o.created_at)
  if (createdAt) pin.createdAt = createdAt
  const color = nullableStr(o.dominant_color)
  if (color !== undefined) pin.dominantColor = color
  const metrics = toMetrics(o.pin_metrics)
  if (metrics) pin.metrics = metrics
  return pin
}

const count = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : undefined

/** `pin_metrics`: lifetime counts first, else the 90-day ones (docs/pinterest-api.md §3.5). */
function toMetrics(v: unknown): PinMetrics | undefined {
  if (!v || typeof v !== 'object') return undefined
  const m = v as Json
  const pick = (key: string): number | undefined => {
    for (const span of ['lifetime_metrics', '90d']) {
      const n = count((m[span] as Json | null | undefined)?.[key])
      if (n !== undefined) return n
    }
    return undefined
  }
  const out: PinMetrics = {}
  const impressions = pick('impression')
  const saves = pick('save')
  const clicks = pick('pin_click')
  if (impressions !== undefined) out.impressions = impressions
  if (saves !== undefined) out.saves = saves
  if (clicks !== undefined) out.clicks = clicks
  return out
}

export function toMediaUpload(o: Json): MediaUpload {
  const mediaId = str(o.media_id)
  const uploadUrl = str(o.upload_url)
  const params = o.upload_parameters
  if (!mediaId || !uploadUrl || !params || typeof params !== 'object') throw bad('media registration')
  const uploadParameters: Record<string, string> = {}
  // Object.entries keeps the server's order, which the form must repeat.
  for (const [k, v] of Object.entries(params as Json)) {
    const s = str(v)
    if (s !== undefined) uploadParameters[k] = s
  }
  return { mediaId, uploadUrl, uploadParameters }
}

const MEDIA_STATUSES: readonly MediaStatus[] = ['registered', 'processing', 'succeeded', 'failed']

export function toMediaStatus(o: Json): MediaStatus {
  const s = str(o.status)
  if (!s || !(MEDIA_STATUSES as readonly string[]).includes(s)) throw bad(`media status ${String(s)}`)
  return s as MediaStatus
}

/** `{items, bookmark}` pages. */
export function toPage(o: Json): { items: Json[]; bookmark: string | null } {
  const items = Array.isArray(o.items) ? o.items.filter((i): i is Json => !!i && typeof i === 'object') : []
  const bookmark = typeof o.bookmark === 'string' && o.bookmark !== '' ? o.bookmark : null
  return { items, bookmark }
}
