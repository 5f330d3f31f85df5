import { request } from 'undici'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import { api } from './test-helpers'

const CLIENT = {
  clientId: 'test-app-id',
  clientSecret: 'test-app-secret',
  redirect: 'http://localhost:8085/',
}
const basic = (id = CLIENT.clientId, secret = CLIENT.clientSecret) =>
  `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`

let fake: FakePinterest
beforeAll(async () => {
  fake = await startFakePinterest()
})
afterAll(async () => {
  await fake.close()
})
afterEach(() => fake.reset())

async function authorize(params: Record<string, string>) {
  const url = new URL(fake.oauthBase)
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v)
  const res = await request(url, { method: 'GET' })
  return {
    status: res.statusCode,
    location: res.headers.location as string | undefined,
    text: await res.body.text(),
    headers: res.headers,
  }
}

const goodAuthorize = {
  client_id: CLIENT.clientId,
  redirect_uri: CLIENT.redirect,
  response_type: 'code',
  scope: 'boards:read,pins:read,pins:write,user_accounts:read',
  state: 's-123',
}

async function token(
  form: Record<string, string>,
  auth: string | null = basic(),
  contentType = 'application/x-www-form-urlencoded',
) {
  const headers: Record<string, string> = { 'content-type': contentType }
  if (auth) headers.authorization = auth
  const res = await request(`${fake.apiBase}/oauth/token`, {
    method: 'POST',
    headers,
    body: new URLSearchParams(form).toString(),
  })
  const text = await res.body.text()
  return { status: res.statusCode, body: JSON.parse(text) as Record<string, unknown> }
}

async function codeFromAuthorize(): Promise<string> {
  const a = await authorize(goodAuthorize)
  return new URL(a.location!).searchParams.get('code')!
}

describe('authorize page', () => {
  it('redirects to the registered redirect_uri with a code and the unchanged state', async () => {
    const a = await authorize({ ...goodAuthorize, state: 'a b+c/=' })
    expect(a.status).toBe(302)
    const loc = new URL(a.location!)
    expect(`${loc.origin}${loc.pathname}`).toBe(CLIENT.redirect)
    expect(loc.searchParams.get('state')).toBe('a b+c/=')
    expect(loc.searchParams.get('code')).toMatch(/^[0-9a-f]{40}$/)
    expect(a.headers['x-pinterest-rid']).toBeTruthy()
  })

  it.each([
    ['unknown client_id', { client_id: 'nope' }, /client_id/],
    ['missing client_id', { client_id: '' }, /client_id/],
    [
      'redirect_uri not registered',
      { redirect_uri: 'http://localhost:8086/' },
      /does not match any of the registered redirect URIs/,
    ],
    ['redirect_uri without the trailing slash', { redirect_uri: 'http://localhost:8085' }, /redirect_uri/],
    [
      'redirect_uri on 127.0.0.1 instead of localhost',
      { redirect_uri: 'http://127.0.0.1:8085/' },
      /redirect_uri/,
    ],
    ['response_type token', { response_type: 'token' }, /response_type/],
    ['missing state', { state: '' }, /state/],
    ['missing scope', { scope: '' }, /scope/],
    ['unknown scope', { scope: 'boards:read,pins:everything' }, /pins:everything/],
  ])('refuses %s with a 400 HTML page saying so', async (_name, override, pattern) => {
    const a = await authorize({ ...goodAuthorize, ...override })
    expect(a.status).toBe(400)
    expect(a.headers['content-type']).toMatch(/text\/html/)
    expect(a.text).toMatch(pattern)
    expect(a.location).toBeUndefined()
  })

  it('redirects with error=access_denied when the user refuses', async () => {
    fake.denyNextAuthorization()
    const a = await authorize(goodAuthorize)
    const loc = new URL(a.location!)
    expect(loc.searchParams.get('error')).toBe('access_denied')
    expect(loc.searchParams.get('state')).toBe('s-123')
    expect(loc.searchParams.has('code')).toBe(false)
  })
})

describe('token endpoint', () => {
  it('exchanges a code once, with the response fields of OauthAccessTokenResponse', async () => {
    const code = await codeFromAuthorize()
    const t = await token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: CLIENT.redirect,
      continuous_refresh: 'true',
    })
    expect(t.status).toBe(200)
    expect(t.body).toMatchObject({
      token_type: 'bearer',
      expires_in: 2592000,
      response_type: 'authorization_code',
      refresh_token_expires_in: 5184000,
    })
    expect(t.body.access_token).toMatch(/^pina_/)
    expect(t.body.refresh_token).toMatch(/^pinr_/)
    expect(t.body.scope).toBe('boards:read,pins:read,pins:write,user_accounts:read')
    expect(
      Math.abs((t.body.refresh_token_expires_at as number) - (Date.now() / 1000 + 5184000)),
    ).toBeLessThan(5)

    const me = await api(fake, t.body.access_token as string, 'GET', '/user_account')
    expect(me.status).toBe(200)
    expect(me.body).toMatchObject({ username: 'pinload-tester', account_type: 'BUSINESS' })

    const again = await token({ grant_type: 'authorization_code', code, redirect_uri: CLIENT.redirect })
    expect(again).toEqual({ status: 400, body: { code: 283, message: 'The authorization grant is invalid' } })
  })

  it('refuses a code presented with another redirect_uri', async () => {
    const code = await codeFromAuthorize()
    const t = await token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: 'http://localhost:8085/other',
    })
    expect(t.status).toBe(400)
    expect(t.body.code).toBe(283)
  })

  it.each([
    ['no Authorization header', null],
    ['a wrong secret', basic(CLIENT.clientId, 'wrong')],
    ['an unknown client', basic('other-app', CLIENT.clientSecret)],
    ['a bearer token instead of Basic', 'Bearer pina_x'],
  ])('answers 401 to %s', async (_name, auth) => {
    const code = await codeFromAuthorize()
    const t = await token({ grant_type: 'authorization_code', code, redirect_uri: CLIENT.redirect }, auth)
    expect(t.status).toBe(401)
  })

  it('wants a form body and known grant types', async () => {
    const code = await codeFromAuthorize()
    expect(
      (
        await token(
          { grant_type: 'authorization_code', code, redirect_uri: CLIENT.redirect },
          basic(),
          'application/json',
        )
      ).status,
    ).toBe(400)
    expect((await token({ grant_type: 'password' })).body.code).toBe(1)
    expect((await token({ grant_type: 'authorization_code', redirect_uri: CLIENT.redirect })).body.code).toBe(
      1,
    )
  })

  it('rotates refresh tokens: the old one is refused with 283', async () => {
    const first = fake.issueToken()
    const r1 = await token({ grant_type: 'refresh_token', refresh_token: first.refreshToken })
    expect(r1.status).toBe(200)
    expect(r1.body.response_type).toBe('refresh_token')
    expect(r1.body.refresh_token).not.toBe(first.refreshToken)
    expect(r1.body.access_token).not.toBe(first.accessToken)
    expect(typeof r1.body.refresh_token_expires_at).toBe('number')

    const reuse = await token({ grant_type: 'refresh_token', refresh_token: first.refreshToken })
    expect(reuse).toEqual({ status: 400, body: { code: 283, message: 'The authorization grant is invalid' } })

    const r2 = await token({ grant_type: 'refresh_token', refresh_token: r1.body.refresh_token as string })
    expect(r2.status).toBe(200)
    expect((await api(fake, r2.body.access_token as string, 'GET', '/boards')).status).toBe(200)
  })

  it('refuses expired, unknown and other-client refresh tokens with 283', async () => {
    const t = fake.issueToken()
    fake.expireRefreshToken(t.refreshToken)
    expect((await token({ grant_type: 'refresh_token', refresh_token: t.refreshToken })).body.code).toBe(283)
    expect((await token({ grant_type: 'refresh_token', refresh_token: 'pinr_unknown' })).body.code).toBe(283)
  })

  it('can narrow scopes on refresh but not widen them', async () => {
    const t = fake.issueToken({ scopes: ['boards:read', 'pins:read'] })
    const wider = await token({
      grant_type: 'refresh_token',
      refresh_token: t.refreshToken,
      scope: 'boards:read,boards:write',
    })
    expect(wider.status).toBe(400)
    const narrower = await token({
      grant_type: 'refresh_token',
      refresh_token: t.refreshToken,
      scope: 'boards:read',
    })
    expect(narrower.body.scope).toBe('boards:read')
  })
})

describe('bearer auth on /v5', () => {
  it('answers 401 code 2 for missing, unknown and expired tokens', async () => {
    const t = fake.issueToken()
    fake.expireAccessToken(t.accessToken)
    for (const tok of [null, 'pina_unknown', t.accessToken]) {
      const r = await api(fake, tok, 'GET', '/boards')
      expect(r.status).toBe(401)
      expect(r.body).toEqual({ code: 2, message: 'Authentication failed.' })
    }
  })

  it('answers 401 code 3 when the token lacks a scope the operation needs', async () => {
    const t = fake.issueToken({ scopes: ['boards:read'] })
    expect((await api(fake, t.accessToken, 'GET', '/boards')).status).toBe(200)
    const r = await api(fake, t.accessToken, 'POST', '/media', { media_type: 'video' })
    expect(r.status).toBe(401)
    expect((r.body as { code: number }).code).toBe(3)
  })

  it('honours a short access TTL', async () => {
    const short = await startFakePinterest({ accessTokenTtlSec: 0 })
    try {
      const t = short.issueToken()
      expect((await api(short, t.accessToken, 'GET', '/boards')).status).toBe(401)
    } finally {
      await short.close()
    }
  })
})
