import type { Ctx } from './http-util'
import {
  getMedia,
  getPin,
  getUserAccount,
  listBoardPins,
  listBoards,
  listMedia,
  listSections,
  type ApiEnv,
} from './routes-read'
import { createBoard, createPin, createSection, registerMedia } from './routes-write'
import type { RateLimitCategory, RequestCategory } from './types'

/** A /v5 operation the fake serves, with the spec's rate-limit category and per-operation OAuth scopes. */
export interface ApiRoute {
  kind: 'api'
  method: string
  /** Spec path template without /v5, e.g. '/boards/{board_id}/sections'. */
  template: string
  category: RateLimitCategory
  scopes: readonly string[]
  run(ctx: Ctx, env: ApiEnv): Promise<void>
}

export interface SpecialRoute {
  kind: 'oauth-authorize' | 'oauth-token' | 's3'
  method: string
  template: string
  category: RequestCategory
}

export type Route = ApiRoute | SpecialRoute

const BOARDS_RW = ['boards:read', 'boards:write']

/** Categories and scopes copied from x-ratelimit-category and security in pinterest-openapi-v5.json. */
export const API_ROUTES: ApiRoute[] = [
  {
    kind: 'api',
    method: 'GET',
    template: '/user_account',
    category: 'org_read',
    scopes: ['user_accounts:read'],
    run: getUserAccount,
  },
  {
    kind: 'api',
    method: 'GET',
    template: '/boards',
    category: 'org_read',
    scopes: ['boards:read'],
    run: listBoards,
  },
  {
    kind: 'api',
    method: 'POST',
    template: '/boards',
    category: 'org_write',
    scopes: BOARDS_RW,
    run: createBoard,
  },
  {
    kind: 'api',
    method: 'GET',
    template: '/boards/{board_id}/sections',
    category: 'org_read',
    scopes: ['boards:read'],
    run: listSections,
  },
  {
    kind: 'api',
    method: 'POST',
    template: '/boards/{board_id}/sections',
    category: 'org_write',
    scopes: BOARDS_RW,
    run: createSection,
  },
  {
    kind: 'api',
    method: 'GET',
    template: '/boards/{board_id}/pins',
    category: 'org_read',
    scopes: ['boards:read', 'pins:read'],
    run: listBoardPins,
  },
  {
    kind: 'api',
    method: 'POST',
    template: '/pins',
    category: 'org_write',
    scopes: ['boards:read', 'boards:write', 'pins:read', 'pins:write'],
    run: createPin,
  },
  {
    kind: 'api',
    method: 'GET',
    template: '/pins/{pin_id}',
    category: 'org_read',
    scopes: ['boards:read', 'pins:read'],
    run: getPin,
  },
  {
    kind: 'api',
    method: 'POST',
    template: '/media',
    category: 'org_write',
    scopes: ['pins:read', 'pins:write'],
    run: registerMedia,
  },
  {
    kind: 'api',
    method: 'GET',
    template: '/media',
    category: 'org_read',
    scopes: ['pins:read'],
    run: listMedia,
  },
  {
    kind: 'api',
    method: 'GET',
    template: '/media/{media_id}',
    category: 'org_read',
    scopes: ['pins:read'],
    run: getMedia,
  },
]

const SPECIAL: { path: string; route: SpecialRoute }[] = [
  {
    path: '/oauth/',
    route: { kind: 'oauth-authorize', method: 'GET', template: '/oauth/', category: 'oauth' },
  },
  // The spec files /oauth/token under org_read; faults see it as 'oauth', the rate limiter as org_read.
  {
    path: '/v5/oauth/token',
    route: { kind: 'oauth-token', method: 'POST', template: '/oauth/token', category: 'oauth' },
  },
  { path: '/s3-upload/', route: { kind: 's3', method: 'POST', template: '/s3-upload/', category: 's3' } },
]

export interface RouteMatch {
  route: Route | null
  params: Record<string, string>
  /** Path exists but not for this method (→ 405). */
  wrongMethod: boolean
}

function matchTemplate(template: string, path: string): Record<string, string> | null {
  const t = template.split('/')
  const p = path.split('/')
  if (t.length !== p.length) return null
  const params: Record<string, string> = {}
  for (let i = 0; i < t.length; i++) {
    const seg = t[i]!
    if (seg.startsWith('{')) {
      if (!p[i]) return null
      params[seg.slice(1, -1)] = decodeURIComponent(p[i]!)
    } else if (seg !== p[i]) return null
  }
  return params
}

export function matchRoute(method: string, pathname: string): RouteMatch {
  let wrongMethod = false
  for (const s of SPECIAL) {
    if (s.path !== pathname) continue
    if (s.route.method === method) return { route: s.route, params: {}, wrongMethod: false }
    wrongMethod = true
  }
  if (pathname.startsWith('/v5/')) {
    const rest = pathname.slice(3).replace(/\/$/, '') || '/'
    for (const r of API_ROUTES) {
      const params = matchTemplate(r.template, rest)
      if (!params) continue
      if (r.method === method) return { route: r, params, wrongMethod: false }
      wrongMethod = true
    }
  }
  return { route: null, params: {}, wrongMethod }
}
