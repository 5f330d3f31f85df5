import { request } from 'undici'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import { api } from './test-helpers'

/** What Pinterest's own clients send, beyond what Pinload sends (docs/pinterest-api.md §1.2, §1.4). */

const basic = (id = 'test-app-id', secret = 'test-app-secret') =>
  `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`

let fake: FakePinterest
beforeAll(async () => {
  fake = await startFakePinterest({
    rateLimits: false,
    clients: [
      {
        clientId: 'test-app-id',
        clientSecret: 'test-app-secret',
        redirectUris: ['http://localhost:8085/'],
        owner: 'app-owner',
      },
    ],
  })
})
afterAll(async () => {
  await fake.close()
})
afterEach(() => fake.reset())

async function token(form: Record<string, string>, auth = basic()) {
  const res = await request(`${fake.apiBase}/oauth/token`, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  })
  return { status: res.statusCode, body: (await res.body.json()) as Record<string, unknown> }
}

describe('the authorize page takes consumer_id, the alias the official quickstart sends', () => {
  it('redirects with a code for a quickstart-style URL (consumer_id, refreshable, unencoded redirect_uri)', async () => {
    // The URL exactly as the quickstart's user_auth builds it (docs/pinterest-api.md §1.2, notes).
    const url =
      `${fake.oauthBase}?consumer_id=test-app-id&redirect_uri=http://localhost:8085/` +
      `&response_type=code&refreshable=true&scope=boards:read,pins:read&state=q-1`
    const res = await request(url)
    await res.body.dump()
    expect(res.statusCode).toBe(302)
    const loc = new URL(res.headers.location as string)
    expect(`${loc.origin}${loc.pathname}`).toBe('http://localhost:8085/')
    expect(loc.searchParams.get('state')).toBe('q-1')
    const code = loc.searchParams.get('code')
    expect(code).toMatch(/^[0-9a-f]{40}$/)

    const t = await token({
      grant_type: 'authorization_code',
      code: code!,
      redirect_uri: 'http://localhost:8085/',
    })
    expect(t.status).toBe(200)
    expect(t.body.scope).toBe('boards:read,pins:read')
  })

  it('still refuses an unknown consumer_id, and a request with neither name', async () => {
    const base = 'redirect_uri=http://localhost:8085/&response_type=code&scope=boards:read&state=s'
    for (const q of [`consumer_id=nope&${base}`, base]) {
      const res = await request(`${fake.oauthBase}?${q}`)
      expect(res.statusCode).toBe(400)
      expect(await res.body.text()).toMatch(/client_id/)
    }
  })
})

describe('the client_credentials grant (spec OauthAccessTokenRequestClientCredentials)', () => {
  it('gives a client token for the scopes asked, without a refresh token, acting as the app owner', async () => {
    const t = await token({ grant_type: 'client_credentials', scope: 'boards:read,user_accounts:read' })
    expect(t.status).toBe(200)
    expect(t.body).toEqual({
      access_token: expect.stringMatching(/^pina_/) as string,
      token_type: 'bearer',
      expires_in: 2_592_000,
      scope: 'boards:read,user_accounts:read',
      response_type: 'client_credentials',
    })
    const access = t.body.access_token as string
    fake.addBoard({ name: 'Owner board', owner: 'app-owner' })
    fake.addBoard({ name: 'Someone else', owner: 'other' })

    const me = await api(fake, access, 'GET', '/user_account')
    expect(me.status).toBe(200)
    expect((me.body as { username: string }).username).toBe('app-owner')
    const boards = await api(fake, access, 'GET', '/boards')
    expect((boards.body as { items: { name: string }[] }).items.map((b) => b.name)).toEqual(['Owner board'])
  })

  it('takes space-separated scopes too', async () => {
    const t = await token({ grant_type: 'client_credentials', scope: 'boards:read pins:read' })
    expect(t.status).toBe(200)
    expect(t.body.scope).toBe('boards:read,pins:read')
  })

  it('is refused on operations whose security has no client_credentials entry, and beyond its scopes', async () => {
    const t = await token({ grant_type: 'client_credentials', scope: 'boards:read,pins:read,pins:write' })
    const access = t.body.access_token as string
    // GET /media lists only pinterest_oauth2 in its security.
    const media = await api(fake, access, 'GET', '/media')
    expect(media.status).toBe(401)
    expect(media.body).toMatchObject({ code: 2 })
    expect((media.body as { message: string }).message).toMatch(/client_credentials/)
    // GET /user_account accepts a client token, but this one lacks user_accounts:read.
    const me = await api(fake, access, 'GET', '/user_account')
    expect(me.status).toBe(401)
    expect(me.body).toMatchObject({ code: 3 })
  })

  it('needs scope (the one required field), known scope names, and the client secret', async () => {
    expect((await token({ grant_type: 'client_credentials' })).status).toBe(400)
    const unknown = await token({ grant_type: 'client_credentials', scope: 'boards:read,boards:fly' })
    expect(unknown.status).toBe(400)
    expect(unknown.body.message).toMatch(/boards:fly/)
    const wrong = await token(
      { grant_type: 'client_credentials', scope: 'boards:read' },
      basic('test-app-id', 'x'),
    )
    expect(wrong.status).toBe(401)
  })
})
