import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import { api, JPEG_B64 } from './test-helpers'

/** Board operations beyond what Pinload itself calls, served as the OpenAPI description has them. */

let fake: FakePinterest
beforeAll(async () => {
  fake = await startFakePinterest({ rateLimits: false })
})
afterAll(async () => {
  await fake.close()
})
afterEach(() => fake.reset())

const SECRET_SCOPES = [
  'boards:read',
  'boards:write',
  'boards:read_secret',
  'boards:write_secret',
  'pins:read',
  'pins:write',
]
const jpeg = { source_type: 'image_base64', content_type: 'image/jpeg', data: JPEG_B64 }
const items = (b: unknown) => (b as { items: { id: string; name: string }[]; bookmark: string | null }).items

describe('GET /v5/boards/{board_id}', () => {
  it('answers the board as the list does, and 404 code 40 / 403 code 7 for unknown and foreign boards', async () => {
    const token = fake.issueToken().accessToken
    const board = fake.addBoard({ name: 'Travel', description: 'Trips' })
    const other = fake.addBoard({ name: 'Not mine', owner: 'someone-else' })
    const one = await api(fake, token, 'GET', `/boards/${board.id}`)
    expect(one.status).toBe(200)
    const listed = items((await api(fake, token, 'GET', '/boards')).body)
    expect(one.body).toEqual(listed[0])
    expect(one.body).toMatchObject({ id: board.id, name: 'Travel', description: 'Trips', privacy: 'PUBLIC' })

    const missing = await api(fake, token, 'GET', '/boards/1234')
    expect([missing.status, missing.body]).toEqual([404, { code: 40, message: 'Board not found.' }])
    const foreign = await api(fake, token, 'GET', `/boards/${other.id}`)
    expect([foreign.status, (foreign.body as { code: number }).code]).toEqual([403, 7])
  })

  it('needs boards:read, and boards:read_secret for a secret board', async () => {
    const secret = fake.addBoard({ name: 'Hidden', privacy: 'SECRET' })
    const plain = fake.issueToken().accessToken
    const r = await api(fake, plain, 'GET', `/boards/${secret.id}`)
    expect([r.status, (r.body as { code: number }).code]).toEqual([401, 3])
    const withSecret = fake.issueToken({ scopes: SECRET_SCOPES }).accessToken
    expect((await api(fake, withSecret, 'GET', `/boards/${secret.id}`)).status).toBe(200)
    const noBoards = fake.issueToken({ scopes: ['pins:read'] }).accessToken
    expect((await api(fake, noBoards, 'GET', `/boards/${secret.id}`)).status).toBe(401)
    expect(fake.requests.at(-1)!.category).toBe('org_read')
  })
})

describe('DELETE /v5/boards/{board_id}', () => {
  it('deletes the board and its Pins with 204 and no body', async () => {
    const token = fake.issueToken().accessToken
    const board = fake.addBoard({ name: 'Old' })
    const keep = fake.addBoard({ name: 'Keep' })
    expect((await api(fake, token, 'POST', '/pins', { board_id: board.id, media_source: jpeg })).status).toBe(
      201,
    )
    expect((await api(fake, token, 'POST', '/pins', { board_id: keep.id, media_source: jpeg })).status).toBe(
      201,
    )

    const del = await api(fake, token, 'DELETE', `/boards/${board.id}`)
    expect([del.status, del.text]).toEqual([204, ''])
    expect(fake.requests.at(-1)!.category).toBe('org_write')
    expect((await api(fake, token, 'GET', `/boards/${board.id}`)).status).toBe(404)
    expect(items((await api(fake, token, 'GET', '/boards')).body).map((b) => b.name)).toEqual(['Keep'])
    expect(fake.pins.map((p) => p.board_id)).toEqual([keep.id])
    expect((await api(fake, token, 'DELETE', `/boards/${board.id}`)).status).toBe(404)
  })

  it('refuses a foreign board (403), needs boards:write, and boards:write_secret for a secret one', async () => {
    const token = fake.issueToken().accessToken
    const foreign = fake.addBoard({ name: 'Theirs', owner: 'someone-else' })
    expect((await api(fake, token, 'DELETE', `/boards/${foreign.id}`)).status).toBe(403)
    const readOnly = fake.issueToken({ scopes: ['boards:read'] }).accessToken
    const mine = fake.addBoard({ name: 'Mine' })
    expect((await api(fake, readOnly, 'DELETE', `/boards/${mine.id}`)).status).toBe(401)
    const secret = fake.addBoard({ name: 'Hidden', privacy: 'SECRET' })
    const r = await api(fake, token, 'DELETE', `/boards/${secret.id}`)
    expect([r.status, (r.body as { code: number }).code]).toEqual([401, 3])
    const full = fake.issueToken({ scopes: SECRET_SCOPES }).accessToken
    expect((await api(fake, full, 'DELETE', `/boards/${secret.id}`)).status).toBe(204)
    expect(fake.boards.map((b) => b.name)).toEqual(['Theirs', 'Mine'])
  })
})

describe('POST /v5/boards refuses a name the user already has', () => {
  it('answers 400 code 1 naming the field, ignoring case and surrounding spaces', async () => {
    const token = fake.issueToken().accessToken
    expect((await api(fake, token, 'POST', '/boards', { name: 'Recipes' })).status).toBe(201)
    for (const name of ['Recipes', '  recipes ', 'RECIPES']) {
      const r = await api(fake, token, 'POST', '/boards', { name })
      expect(r.status, name).toBe(400)
      expect((r.body as { code: number }).code).toBe(1)
      expect((r.body as { message: string }).message).toMatch(/name/)
      expect((r.body as { message: string }).message).toMatch(/already/)
    }
    expect(fake.boards).toHaveLength(1)
  })

  it('counts seeded boards, lets another user use the name, and frees it when the board is deleted', async () => {
    const token = fake.issueToken().accessToken
    const seeded = fake.addBoard({ name: 'Travel' })
    expect((await api(fake, token, 'POST', '/boards', { name: 'Travel' })).status).toBe(400)
    const other = fake.issueToken({ username: 'someone-else' }).accessToken
    expect((await api(fake, other, 'POST', '/boards', { name: 'Travel' })).status).toBe(201)
    expect((await api(fake, token, 'DELETE', `/boards/${seeded.id}`)).status).toBe(204)
    expect((await api(fake, token, 'POST', '/boards', { name: 'Travel' })).status).toBe(201)
  })
})

describe('GET /v5/boards/{board_id}/sections/{section_id}/pins', () => {
  it("pages the section's Pins newest first with bookmark, leaving out the rest of the board", async () => {
    const token = fake.issueToken().accessToken
    const board = fake.addBoard({ name: 'Recipes' })
    const section = fake.addSection(board.id, 'Baking')
    const ids: string[] = []
    for (let i = 0; i < 5; i++) {
      const r = await api(fake, token, 'POST', '/pins', {
        board_id: board.id,
        board_section_id: section.id,
        title: `Bread ${i}`,
        media_source: jpeg,
      })
      ids.push((r.body as { id: string }).id)
    }
    await api(fake, token, 'POST', '/pins', { board_id: board.id, title: 'Not in it', media_source: jpeg })

    const seen: string[] = []
    let bookmark: string | null = null
    do {
      const q: string = bookmark ? `&bookmark=${bookmark}` : ''
      const r = await api(
        fake,
        token,
        'GET',
        `/boards/${board.id}/sections/${section.id}/pins?page_size=2${q}`,
      )
      expect(r.status).toBe(200)
      const page = r.body as { items: { id: string }[]; bookmark: string | null }
      expect(page.items.length).toBeLessThanOrEqual(2)
      seen.push(...page.items.map((p) => p.id))
      bookmark = page.bookmark
    } while (bookmark)
    expect(seen).toEqual([...ids].reverse())
    expect(fake.requests.at(-1)!.category).toBe('org_read')
  })

  it("answers the spec's 404 for an unknown board or section and 403 for another user's board", async () => {
    const token = fake.issueToken().accessToken
    const board = fake.addBoard({ name: 'Recipes' })
    const other = fake.addBoard({ name: 'Theirs', owner: 'someone-else' })
    const section = fake.addSection(other.id, 'Theirs too')
    const notFound = { code: 404, message: 'Board or section not found.' }
    const a = await api(fake, token, 'GET', `/boards/${board.id}/sections/${section.id}/pins`)
    expect([a.status, a.body]).toEqual([404, notFound])
    const b = await api(fake, token, 'GET', `/boards/1234/sections/${section.id}/pins`)
    expect([b.status, b.body]).toEqual([404, notFound])
    const c = await api(fake, token, 'GET', `/boards/${other.id}/sections/${section.id}/pins`)
    expect([c.status, c.body]).toEqual([
      403,
      { code: 403, message: 'Not authorized to access Pins on board section.' },
    ])
    const noPins = fake.issueToken({ scopes: ['boards:read'] }).accessToken
    expect((await api(fake, noPins, 'GET', `/boards/${board.id}/sections/1/pins`)).status).toBe(401)
  })
})
