import { request } from 'undici'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import { api, JPEG_B64 } from './test-helpers'

/** Asymmetric matcher typed as a string so it fits object literals. */
const DIGITS = expect.stringMatching(/^\d+$/) as string

let fake: FakePinterest
let token: string
beforeAll(async () => {
  fake = await startFakePinterest({ rateLimits: false })
})
afterAll(async () => {
  await fake.close()
})
afterEach(() => fake.reset())

const itemsOf = (b: unknown) => b as { items: { id: string; name: string }[]; bookmark: string | null }

function seedToken(scopes?: string[]): string {
  token = fake.issueToken(scopes ? { scopes } : {}).accessToken
  return token
}

describe('boards', () => {
  it('pages with bookmark and page_size (default 25)', async () => {
    seedToken()
    const names = Array.from({ length: 30 }, (_, i) => `Board ${i}`)
    for (const name of names) fake.addBoard({ name })
    fake.addBoard({ name: 'Someone else', owner: 'other-user' })

    const first = await api(fake, token, 'GET', '/boards')
    expect(itemsOf(first.body).items).toHaveLength(25)
    expect(itemsOf(first.body).bookmark).toEqual(expect.any(String))

    const seen: string[] = []
    let bookmark: string | null = null
    let pages = 0
    do {
      const q: string = bookmark ? `?page_size=7&bookmark=${encodeURIComponent(bookmark)}` : '?page_size=7'
      const page = itemsOf((await api(fake, token, 'GET', `/boards${q}`)).body)
      seen.push(...page.items.map((b) => b.name))
      bookmark = page.bookmark
      pages += 1
    } while (bookmark)
    expect(pages).toBe(5)
    expect(seen).toEqual(names)
  })

  it.each(['0', '251', '300', 'ten', '-1'])('refuses page_size=%s with 400 code 1', async (size) => {
    seedToken()
    const r = await api(fake, token, 'GET', `/boards?page_size=${size}`)
    expect(r.status).toBe(400)
    expect((r.body as { code: number }).code).toBe(1)
  })

  it('accepts page_size=250 and refuses a forged bookmark', async () => {
    seedToken()
    expect((await api(fake, token, 'GET', '/boards?page_size=250')).status).toBe(200)
    expect((await api(fake, token, 'GET', '/boards?bookmark=not-a-bookmark')).status).toBe(400)
  })

  it('creates boards; SECRET needs boards:write_secret and is hidden without boards:read_secret', async () => {
    seedToken()
    const created = await api(fake, token, 'POST', '/boards', {
      name: 'Travel',
      description: 'Trips',
      privacy: 'PROTECTED',
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      name: 'Travel',
      description: 'Trips',
      privacy: 'PROTECTED',
      owner: { username: 'pinload-tester' },
      pin_count: 0,
    })
    expect((created.body as { id: string }).id).toMatch(/^\d+$/)
    expect(fake.boards.map((b) => b.name)).toEqual(['Travel'])

    const secret = await api(fake, token, 'POST', '/boards', { name: 'Hidden', privacy: 'SECRET' })
    expect(secret.status).toBe(401)
    expect((secret.body as { code: number }).code).toBe(3)

    const secretToken = fake.issueToken({
      scopes: ['boards:read', 'boards:write', 'boards:write_secret', 'boards:read_secret'],
    }).accessToken
    expect(
      (await api(fake, secretToken, 'POST', '/boards', { name: 'Hidden', privacy: 'SECRET' })).status,
    ).toBe(201)
    expect(itemsOf((await api(fake, token, 'GET', '/boards')).body).items.map((b) => b.name)).toEqual([
      'Travel',
    ])
    expect(itemsOf((await api(fake, secretToken, 'GET', '/boards')).body).items.map((b) => b.name)).toEqual([
      'Travel',
      'Hidden',
    ])
    expect(
      itemsOf((await api(fake, secretToken, 'GET', '/boards?privacy=SECRET')).body).items.map((b) => b.name),
    ).toEqual(['Hidden'])
  })

  it('validates board bodies', async () => {
    seedToken()
    for (const body of [
      {},
      { name: 5 },
      { name: 'x', privacy: 'FRIENDS' },
      { name: '' },
      { name: 'x', is_ads_only: 'yes' },
    ]) {
      expect((await api(fake, token, 'POST', '/boards', body)).status).toBe(400)
    }
    const adsOnly = await api(fake, token, 'POST', '/boards', { name: 'ignored', is_ads_only: true })
    expect(adsOnly.body).toMatchObject({ name: 'Ad-only Pins', privacy: 'PROTECTED', is_ads_only: true })
  })
})

describe('sections', () => {
  it('creates and pages sections, 404 code 40 for an unknown board', async () => {
    seedToken()
    const board = fake.addBoard({ name: 'B' })
    for (let i = 0; i < 3; i++) fake.addSection(board.id, `S${i}`)
    const created = await api(fake, token, 'POST', `/boards/${board.id}/sections`, { name: 'New' })
    expect(created.status).toBe(201)
    expect(created.body).toEqual({ id: DIGITS, name: 'New' })

    const p1 = itemsOf((await api(fake, token, 'GET', `/boards/${board.id}/sections?page_size=3`)).body)
    expect(p1.items.map((s) => s.name)).toEqual(['S0', 'S1', 'S2'])
    const p2 = itemsOf(
      (await api(fake, token, 'GET', `/boards/${board.id}/sections?page_size=3&bookmark=${p1.bookmark}`))
        .body,
    )
    expect(p2).toEqual({ items: [{ id: DIGITS, name: 'New' }], bookmark: null })

    expect((await api(fake, token, 'POST', `/boards/${board.id}/sections`, { name: '' })).status).toBe(400)
    expect(
      (await api(fake, token, 'POST', `/boards/${board.id}/sections`, { name: 'x'.repeat(181) })).status,
    ).toBe(400)
    const missing = await api(fake, token, 'GET', '/boards/123456/sections')
    expect(missing.status).toBe(404)
    expect(missing.body).toEqual({ code: 40, message: 'Board not found.' })
    expect((await api(fake, token, 'GET', '/boards/abc/sections')).status).toBe(400)
  })
})

describe('pins read side', () => {
  it('lists a board newest first, pages, and gets a Pin by id', async () => {
    seedToken()
    const board = fake.addBoard({ name: 'B' })
    const ids: string[] = []
    for (let i = 0; i < 4; i++) {
      const r = await api(fake, token, 'POST', '/pins', {
        board_id: board.id,
        title: `P${i}`,
        media_source: { source_type: 'image_base64', content_type: 'image/jpeg', data: JPEG_B64 },
      })
      expect(r.status).toBe(201)
      ids.push((r.body as { id: string }).id)
    }
    const p1 = itemsOf((await api(fake, token, 'GET', `/boards/${board.id}/pins?page_size=3`)).body)
    expect(p1.items.map((p) => p.id)).toEqual([ids[3], ids[2], ids[1]])
    const p2 = itemsOf(
      (await api(fake, token, 'GET', `/boards/${board.id}/pins?page_size=3&bookmark=${p1.bookmark}`)).body,
    )
    expect(p2.items.map((p) => p.id)).toEqual([ids[0]])

    const got = await api(fake, token, 'GET', `/pins/${ids[2]}`)
    expect(got.body).toMatchObject({
      id: ids[2],
      title: 'P2',
      board_id: board.id,
      media: { media_type: 'image' },
    })
    const missing = await api(fake, token, 'GET', '/pins/999')
    expect(missing.status).toBe(404)
    expect(missing.body).toEqual({ code: 50, message: 'Pin not found.' })
    const boards = itemsOf((await api(fake, token, 'GET', '/boards')).body).items as unknown as {
      pin_count: number
    }[]
    expect(boards[0]!.pin_count).toBe(4)
  })
})

describe('user account and media list', () => {
  it('describes the account and lists registered media', async () => {
    seedToken()
    const me = await api(fake, token, 'GET', '/user_account')
    expect(me.body).toMatchObject({ username: 'pinload-tester', account_type: 'BUSINESS', id: DIGITS })
    for (let i = 0; i < 3; i++) await api(fake, token, 'POST', '/media', { media_type: 'video' })
    const list = await api(fake, token, 'GET', '/media?page_size=2')
    expect(itemsOf(list.body).items).toHaveLength(2)
    expect(itemsOf(list.body).items[0]).toMatchObject({ media_type: 'video', status: 'registered' })
    expect((await api(fake, token, 'POST', '/media', { media_type: 'image' })).status).toBe(400)
    expect((await api(fake, token, 'POST', '/media', {})).status).toBe(400)
    const missing = await api(fake, token, 'GET', '/media/12345')
    expect(missing.status).toBe(404)
  })
})

describe('every answer and the request log', () => {
  it('stamps a unique x-pinterest-rid and records requests without credentials', async () => {
    seedToken()
    const a = await api(fake, token, 'GET', '/boards?page_size=5')
    const b = await api(fake, null, 'GET', '/boards')
    const c = await api(fake, token, 'GET', '/nowhere')
    const d = await api(fake, token, 'POST', '/user_account', {})
    expect(c.status).toBe(404)
    expect(d.status).toBe(405)
    const rids = [a, b, c, d].map((r) => r.headers['x-pinterest-rid'])
    expect(new Set(rids).size).toBe(4)
    expect(fake.requests.map((r) => [r.method, r.path, r.status, r.category])).toEqual([
      ['GET', '/v5/boards', 200, 'org_read'],
      ['GET', '/v5/boards', 401, 'org_read'],
      ['GET', '/v5/nowhere', 404, 'other'],
      ['POST', '/v5/user_account', 405, 'other'],
    ])
    expect(fake.requests[0]!.query).toEqual({ page_size: '5' })
    expect(fake.requests[0]!.requestId).toBe(rids[0])
    expect(fake.requests[3]!.bytesReceived).toBe(2)
    expect(JSON.stringify(fake.requests)).not.toContain(token)
    expect(fake.requests[0]!.authorization).toBe('Bearer <redacted>')
  })

  it('marks chunked request bodies', async () => {
    seedToken()
    const { Readable } = await import('node:stream')
    const res = await request(`${fake.apiBase}/boards`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: Readable.from([Buffer.from('{"name":'), Buffer.from('"Chunky"}')]),
    })
    expect(res.statusCode).toBe(201)
    await res.body.dump()
    expect(fake.requests[0]).toMatchObject({ chunked: true, bytesReceived: 17 })
  })
})

describe('access tiers', () => {
  const body = (boardId: string) => ({
    board_id: boardId,
    media_source: { source_type: 'image_base64', content_type: 'image/jpeg', data: JPEG_B64 },
  })

  it('refuses Pin creation by a Trial app in production with 403 code 29', async () => {
    const trial = await startFakePinterest({ trialApp: true })
    try {
      const t = trial.issueToken().accessToken
      const r = await api(trial, t, 'POST', '/pins', body(trial.addBoard({ name: 'B' }).id))
      expect(r.status).toBe(403)
      expect(r.body).toEqual({
        code: 29,
        message:
          'Apps with Trial access may not create Pins in production https://api.pinterest.com - use API Sandbox https://api-sandbox.pinterest.com instead.',
      })
      expect(trial.pins).toHaveLength(0)
    } finally {
      await trial.close()
    }
  })

  it('lets a Trial app create Pins in the sandbox', async () => {
    const sandbox = await startFakePinterest({ trialApp: true, environment: 'sandbox' })
    try {
      const t = sandbox.issueToken().accessToken
      expect((await api(sandbox, t, 'POST', '/pins', body(sandbox.addBoard({ name: 'B' }).id))).status).toBe(
        201,
      )
      expect(sandbox.pins).toHaveLength(1)
    } finally {
      await sandbox.close()
    }
  })
})
