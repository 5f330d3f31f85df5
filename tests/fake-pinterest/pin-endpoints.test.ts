import { request } from 'undici'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import { api, JPEG_B64, multipartBody, postUpload, registerMedia, uploadParts } from './test-helpers'

/** Pin operations beyond what Pinload itself calls, and what a video Pin reads back. */

let fake: FakePinterest
beforeAll(async () => {
  // Media succeed the moment they are uploaded: no waiting on a clock.
  fake = await startFakePinterest({ rateLimits: false, mediaProcessingMs: 0 })
})
afterAll(async () => {
  await fake.close()
})
afterEach(() => fake.reset())

const jpeg = { source_type: 'image_base64', content_type: 'image/jpeg', data: JPEG_B64 }
type Page = {
  items: { id: string; title: string | null; parent_pin_id: string | null }[]
  bookmark: string | null
}

async function createPin(token: string, body: Record<string, unknown>): Promise<string> {
  const r = await api(fake, token, 'POST', '/pins', { media_source: jpeg, ...body })
  expect(r.status, r.text).toBe(201)
  return (r.body as { id: string }).id
}

async function readyVideo(token: string): Promise<string> {
  const m = await registerMedia(fake, token)
  const up = await postUpload(
    m.upload_url,
    multipartBody(uploadParts(m.upload_parameters, Buffer.alloc(500, 7))),
  )
  expect(up.status).toBe(204)
  return m.media_id
}

describe('GET /v5/pins (the user’s Pins)', () => {
  it('pages every Pin the user owns, across boards, newest first, with bookmark', async () => {
    const token = fake.issueToken().accessToken
    const a = fake.addBoard({ name: 'A' })
    const b = fake.addBoard({ name: 'B' })
    const ids: string[] = []
    for (let i = 0; i < 6; i++)
      ids.push(await createPin(token, { board_id: (i % 2 ? a : b).id, title: `P${i}` }))
    const other = fake.issueToken({ username: 'someone-else' }).accessToken
    await createPin(other, { board_id: fake.addBoard({ name: 'C', owner: 'someone-else' }).id })

    const seen: string[] = []
    let bookmark: string | null = null
    let pages = 0
    do {
      const r = await api(fake, token, 'GET', `/pins?page_size=4${bookmark ? `&bookmark=${bookmark}` : ''}`)
      expect(r.status).toBe(200)
      const page = r.body as Page
      seen.push(...page.items.map((p) => p.id))
      bookmark = page.bookmark
      pages++
    } while (bookmark)
    expect(pages).toBe(2)
    expect(seen).toEqual([...ids].reverse())
    expect(fake.requests.at(-1)!.category).toBe('org_read')
  })

  it('filters by pin_filter and creative_types, and refuses values outside the spec’s enums', async () => {
    const token = fake.issueToken().accessToken
    const board = fake.addBoard({ name: 'A' })
    const own = await createPin(token, { board_id: board.id, title: 'Own' })
    const mediaId = await readyVideo(token)
    const video = await createPin(token, {
      board_id: board.id,
      media_source: { source_type: 'video_id', media_id: mediaId, cover_image_key_frame_time: 1 },
    })
    const saved = await api(fake, token, 'POST', `/pins/${own}/save`, { board_id: board.id })
    const repin = (saved.body as { id: string }).id

    const ids = async (q: string) => {
      const r = await api(fake, token, 'GET', `/pins${q}`)
      expect(r.status, r.text).toBe(200)
      return (r.body as Page).items.map((p) => p.id)
    }
    expect(await ids('')).toEqual([repin, video, own])
    expect(await ids('?pin_filter=exclude_repins')).toEqual([video, own])
    expect(await ids('?pin_filter=exclude_native')).toEqual([repin])
    expect(await ids('?pin_filter=has_been_promoted')).toEqual([])
    expect(await ids('?creative_types=VIDEO')).toEqual([video])
    expect(await ids('?creative_types=VIDEO&creative_types=REGULAR')).toEqual([repin, video, own])
    expect(await ids('?pin_metrics=true&include_protected_pins=false')).toHaveLength(3)

    for (const q of ['pin_filter=everything', 'creative_types=GIF', 'pin_metrics=maybe', 'page_size=251']) {
      const r = await api(fake, token, 'GET', `/pins?${q}`)
      expect([r.status, (r.body as { code: number }).code], q).toEqual([400, 1])
    }
  })

  it('needs boards:read and pins:read', async () => {
    const token = fake.issueToken({ scopes: ['pins:read'] }).accessToken
    const r = await api(fake, token, 'GET', '/pins')
    expect([r.status, (r.body as { code: number }).code]).toEqual([401, 3])
  })
})

describe('POST /v5/pins/{pin_id}/save', () => {
  it('saves a Pin (the user’s or another user’s public one) to a board or a section, as a new Pin', async () => {
    const token = fake.issueToken().accessToken
    const mine = fake.addBoard({ name: 'Mine' })
    const section = fake.addSection(mine.id, 'Ideas')
    const other = fake.issueToken({ username: 'someone-else' }).accessToken
    const theirs = await createPin(other, {
      board_id: fake.addBoard({ name: 'Theirs', owner: 'someone-else' }).id,
      title: 'Their Pin',
      link: 'https://example.com/x',
    })

    const r = await api(fake, token, 'POST', `/pins/${theirs}/save`, {
      board_id: mine.id,
      board_section_id: section.id,
    })
    expect(r.status, r.text).toBe(201)
    expect(r.body).toMatchObject({
      board_id: mine.id,
      board_section_id: section.id,
      parent_pin_id: theirs,
      title: 'Their Pin',
      link: 'https://example.com/x',
      board_owner: { username: 'pinload-tester' },
    })
    const id = (r.body as { id: string }).id
    expect(id).not.toBe(theirs)
    expect((await api(fake, token, 'GET', `/pins/${id}`)).status).toBe(200)
    expect(fake.pins).toHaveLength(2)
    expect(fake.requests.at(-2)!.category).toBe('org_write')
  })

  it("answers the spec's 404s (codes 50, 40, 2031), 403 code 29 for a foreign board, and needs the write scopes", async () => {
    const token = fake.issueToken().accessToken
    const mine = fake.addBoard({ name: 'Mine' })
    const pin = await createPin(token, { board_id: mine.id })
    const foreign = fake.addBoard({ name: 'Theirs', owner: 'someone-else' })
    const secretOfOther = fake.addBoard({ name: 'Secret', owner: 'someone-else', privacy: 'SECRET' })
    const hidden = await createPin(fake.issueToken({ username: 'someone-else' }).accessToken, {
      board_id: secretOfOther.id,
    })
    const cases: [string, unknown, number, number][] = [
      ['/pins/1234/save', { board_id: mine.id }, 404, 50],
      [`/pins/${hidden}/save`, { board_id: mine.id }, 404, 50],
      [`/pins/${pin}/save`, { board_id: '1234' }, 404, 40],
      [`/pins/${pin}/save`, { board_id: mine.id, board_section_id: '1234' }, 404, 2031],
      [`/pins/${pin}/save`, { board_id: foreign.id }, 403, 29],
      [`/pins/${pin}/save`, {}, 400, 1],
      [`/pins/${pin}/save`, { board_id: 7 }, 400, 1],
    ]
    for (const [path, body, status, code] of cases) {
      const r = await api(fake, token, 'POST', path, body)
      expect([r.status, (r.body as { code: number }).code], `${path} ${JSON.stringify(body)}`).toEqual([
        status,
        code,
      ])
    }
    const readOnly = fake.issueToken({ scopes: ['boards:read', 'pins:read'] }).accessToken
    expect((await api(fake, readOnly, 'POST', `/pins/${pin}/save`, { board_id: mine.id })).status).toBe(401)
    expect(fake.pins).toHaveLength(2)
  })
})

describe('a video Pin reads back its cover', () => {
  it.each([
    ['a key frame', { cover_image_key_frame_time: 2 }],
    ['a cover URL', { cover_image_url: 'https://example.com/cover.jpg' }],
    ['a base64 cover', { cover_image_content_type: 'image/jpeg', cover_image_data: JPEG_B64 }],
  ])('with %s: cover_image_url is a stand-in image on the fake that answers', async (_name, cover) => {
    const token = fake.issueToken().accessToken
    const board = fake.addBoard({ name: 'Clips' })
    const mediaId = await readyVideo(token)
    const created = await api(fake, token, 'POST', '/pins', {
      board_id: board.id,
      media_source: { source_type: 'video_id', media_id: mediaId, ...cover },
    })
    expect(created.status, created.text).toBe(201)
    const id = (created.body as { id: string }).id
    for (const answer of [created, await api(fake, token, 'GET', `/pins/${id}`)]) {
      const media = (answer.body as { media: { media_type: string; cover_image_url: unknown } }).media
      expect(media.media_type).toBe('video')
      expect(media.cover_image_url).toEqual(expect.stringMatching(new RegExp(`^${fake.baseUrl}/`)))
    }
    const url = (created.body as { media: { cover_image_url: string } }).media.cover_image_url
    const res = await request(url)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^image\//)
    expect((await res.body.arrayBuffer()).byteLength).toBeGreaterThan(0)
  })
})
