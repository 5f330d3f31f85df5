import type { Ctx } from './http-util'
import {
  getMedia,
  getUserAccount,
  listBoardPins,
  listBoards,
  listMedia,
  listSections,
  type ApiEnv,
} from './routes-read'
import { createBoard, createPin, createSection, registerMedia } from './routes-write'
import { deleteBoard, getBoard, listSectionPins } from './routes-boards'
import { listPins, savePin } from './routes-pins'
import { deletePin, getPin, updatePin } from './routes-pin-edit'
import { SPEC_PATHS } from './spec-paths'
import type { RateLimitCategory, RequestCategory } from './types'

/** A /v5 operation the fake serves, with the spec's rate-limit category and per-operation OAuth scopes. */
export interface ApiRoute {
  kind: 'api'
  method: string
  /** Spec path template without /v5, e.g. '/boards/{board_id}/sections'. */
  template: string
  category: RateLimitCategory
  scopes: readonly string[]
  /** The operation's security also lists client_credentials: a client token may call it. */
  clientToken: boolean
  run(ctx: Ctx, env: ApiEnv): Promise<void>
}

interface SpecialRoute {
  /** 'not-implemented': an operation of the spec the fake does not serve (501). */
  kind: 'oauth-authorize' | 'oauth-token' | 's3' | 'stand-in-image' | 'not-implemented'
  method: string
  template: string
  category: RequestCategory
}

type Route = ApiRoute | SpecialRoute

const BOARDS_RW = ['boards:read', 'boards:write']

/** Categories and scopes copied from x-ratelimit-category and security in pinterest-openapi-v5.json. */
const API_ROUTES: ApiRoute[] = [
  {
    kind: 'api',
    method: 'GET',
    template: '/user_account',
    category: 'org_read',
    scopes: ['user_accounts:read'],
    clientToken: true,
    run: getUserAccount,
  },
  {
    kind: 'api',
    method: 'GET',
    template: '/boards',
    category: 'org_read',
    scopes: ['boards:read'],
    clientToken: true,
    run: listBoards,
  },
  {
    kind: 'api',
    method: 'POST',
    template: '/boards',
    category: 'org_write',
    scopes: BOARDS_RW,
    clientToken: true,
    run: createBoard,
  },
  {
    kind: 'api',
    method: 'GET',
    template: '/boards/{board_id}/sections',
    category: 'org_read',
    scopes: ['boards:read'],
    clientToken: true,
    run: listSections,
  },
  {
    kind: 'api',
    method: 'POST',
    template: '/boards/{board_id}/sections',
    category: 'org_write',
    scopes: BOARDS_RW,
    clientToken: false,
    run: createSection,
  },
  {
    kind: 'api',
    method: 'GET',
    template: '/boards/{board_id}/pins',
    category: 'org_read',
    scopes: ['boards:read', 'pins:read'],
    clientToken: true,
    run: listBoardPins,
  },
  {
    kind: 'api',
    method: 'POST',
    template: '/pins',
    category: 'org_write',
    scopes: ['boards:read', 'boards:write', 'pins:read', 'pins:write'],
    clientToken: true,
    run: createPin,
  },
  {
    kind: 'api',
    method: 'GET',
    template: '/pins/{pin_id}',
    category: 'org_read',
    scopes: ['boards:read', 'pins:read'],
    clientToken: true,
    run: getPin,
  },
  {
    kind: 'api',
    method: 'PATCH',
    template: '/pins/{pin_id}',
    category: 'org_write',
    scopes: ['boards:read', 'boards:write', 'pins:read', 'pins:write'],
    clientToken: true,
    run: updatePin,
  },
  {
    kind: 'api',
    method: 'DELETE',
    template: '/pins/{pin_id}',
    category: 'org_write',
    scopes: ['boards:read', 'boards:write', 'pins:read', 'pins:write'],
    clientToken: true,
    run: deletePin,
  },
  {
    kind: 'api',
    method: 'POST',
    template: '/media',
    category: 'org_write',
    scopes: ['pins:read', 'pins:write'],
    clientToken: false,
    run: registerMedia,
  },
  {
    kind: 'api',
    method: 'GET',
    template: '/media',
    category: 'org_read',
    scopes: ['pins:read'],
    clientToken: false,
    run: listMedia,
  },
  {
    kind: 'api',
    method: 'GET',
    template: '/media/{media_id}',
    category: 'org_read',
    scopes: ['pins:read'],
    clientToken: false,
    run: getMedia,
  },
  {
    kind: 'api',
    method: 'GET',
    template: '/boards/{board_id}',
    category: 'org_read',
    scopes: ['boards:read'],
    clientToken: true,
    run: getBoard,
  },
  {
    kind: 'api',
    method: 'DELETE',
    template: '/boards/{board_id}',
    category: 'org_write',
    scopes: BOARDS_RW,
    clientToken: false,
    run: deleteBoard,
  },
  {
    kind: 'api',
    method: 'GET',
    template: '/boards/{board_id}/sections/{section_id}/pins',
    category: 'org_read',
    scopes: ['boards:read', 'pins:read'],
    clientToken: true,
    run: listSectionPins,
  },
  {
    kind: 'api',
    method: 'GET',
    template: '/pins',
    category: 'org_read',
    scopes: ['boards:read', 'pins:read'],
    clientToken: true,
    run: listPins,
  },
  {
    kind: 'api',
    method: 'POST',
    template: '/pins/{pin_id}/save',
    category: 'org_write',
    scopes: ['boards:read', 'boards:write', 'pins:read', 'pins:write'],
    clientToken: false,
    run: savePin,
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

/** Video covers and other images the fake hands out as URLs on itself (routes-pins.ts, standInImageUrl). */
export const STAND_IN_IMAGES_PATH = '/stand-in-images/'
const STAND_IN_IMAGE: SpecialRoute = {
  kind: 'stand-in-image',
  method: 'GET',
  template: STAND_IN_IMAGES_PATH,
  category: 'other',
}

const TEMPLATES = [...new Set([...API_ROUTES.map((r) => r.template), ...Object.keys(SPEC_PATHS)])]

/** '0' per literal segment, '1' per parameter: the smallest key is the most specific template. */
const specificity = (template: string): string =>
  template
    .split('/')
    .map((seg) => (seg.startsWith('{') ? '1' : '0'))
    .join('')

export function matchRoute(method: string, pathname: string): RouteMatch {
  let wrongMethod = false
  for (const s of SPECIAL) {
    if (s.path !== pathname) continue
    if (s.route.method === method) return { route: s.route, params: {}, wrongMethod: false }
    wrongMethod = true
  }
  if (pathname.startsWith(STAND_IN_IMAGES_PATH) && pathname.length > STAND_IN_IMAGES_PATH.length) {
    return method === 'GET'
      ? { route: STAND_IN_IMAGE, params: {}, wrongMethod: false }
      : { route: null, params: {}, wrongMethod: true }
  }
  if (!pathname.startsWith('/v5/')) return { route: null, params: {}, wrongMethod }
  const rest = pathname.slice(3).replace(/\/$/, '') || '/'
  // The most specific template wins, literal segments before parameters: /pins/analytics is an operation of
  // its own, not a Pin id.
  let best: { template: string; params: Record<string, string> } | null = null
  for (const template of TEMPLATES) {
    const params = matchTemplate(template, rest)
    if (params && (!best || specificity(template) < specificity(best.template))) best = { template, params }
  }
  if (!best) return { route: null, params: {}, wrongMethod }
  const { template, params } = best
  const served = API_ROUTES.find((r) => r.template === template && r.method === method)
  if (served) return { route: served, params, wrongMethod: false }
  if (SPEC_PATHS[template]?.split(' ').includes(method)) {
    const route: SpecialRoute = { kind: 'not-implemented', method, template, category: 'other' }
    return { route, params, wrongMethod: false }
  }
  return { route: null, params: {}, wrongMethod: true }
}
