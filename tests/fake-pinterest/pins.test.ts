import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startFakePinterest, type FakeBoard, type FakePinterest } from '../../src/main/fake-pinterest/index'
import {
  api,
  JPEG_B64,
  JPEG_BYTES,
  PNG_B64,
  PNG_BYTES,
  postUpload,
  registerMedia,
  sha256Hex,
  multipartBody,
  uploadParts,
} from './test-helpers'

/** Asymmetric matcher typed as a string so it fits object literals. */
const DIGITS = expect.stringMatching(/^\d+$/) as string

let fake: FakePinterest
let token: string
let board: FakeBoard
beforeAll(async () => {
  fake = await startFakePinterest({ rateLimits: false, mediaProcessingMs: 20 })
})
afterAll(async () => {
  await fake.close()
})
beforeEach(() => {
  token = fake.issueToken().accessToken
  board = fake.addBoard({ name: 'Board' })
})
afterEach(() => fake.reset())

const jpeg = { source_type: 'image_base64', content_type: 'image/jpeg', data: JPEG_B64 }
const post = (body: unknown, query = '') => api(fake, token, 'POST', `/pins${query}`, body)

async function expect400(body: unknown, field: string, query = '') {
  const r = await post(body, query)
  expect(r.status, r.text).toBe(400)
  expect((r.body as { code: number }).code).toBe(1)
  expect((r.body as { message: string }).message).toContain(field)
  expect(fake.pins).toHaveLength(0)
}

async function succeededVideo(): Promise<string> {
  const m = await registerMedia(fake, token)
  const up = await postUpload(
    m.upload_url,
    multipartBody(uploadParts(m.upload_parameters, Buffer.alloc(1000, 1))),
  )
  expect(up.status).toBe(204)
  await waitForStatus(m.media_id, 'succeeded')
  return m.media_id
}

async function waitForStatus(mediaId: string, want: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const r = await api(fake, token, 'GET', `/media/${mediaId}`)
    if ((r.body as { status: string }).status === want) return
    await new Promise((res) => setTimeout(res, 10))
  }
  throw new Error(`media ${mediaId} never reached ${want}`)
}

describe('POST /v5/pins accepts', () => {
  it('an image_base64 Pin and stores what was sent, with the image hash', async () => {
    const r = await post({
      board_id: board.id,
      title: 'T',
      description: 'D',
      link: 'https://example.com/a',
      alt_text: 'A',
      media_source: jpeg,
    })
    expect(r.status).toBe(201)
    expect(r.body).toMatchObject({
      id: DIGITS,
      board_id: board.id,
      title: 'T',
      description: 'D',
      link: 'https://example.com/a',
      alt_text: 'A',
      media: { media_type: 'image' },
    })
    expect(Date.parse((r.body as { created_at: string }).created_at)).not.toBeNaN()
    expect(fake.pins).toHaveLength(1)
    expect(fake.pins[0]).toMatchObject({
      media_source_type: 'image_base64',
      image_sha256: sha256Hex(JPEG_BYTES),
      image_bytes: JPEG_BYTES.length,
      image_content_type: 'image/jpeg',
      ad_account_id: null,
    })
  })

  it('limits at exactly their maximum length', async () => {
    const r = await post({
      board_id: board.id,
      title: 'x'.repeat(100),
      description: 'x'.repeat(800),
      link: `https://e.com/${'x'.repeat(2048 - 14)}`,
      alt_text: 'x'.repeat(500),
      media_source: jpeg,
    })
    expect(r.status, r.text).toBe(201)
  })

  it('a PNG, an image_url, both carousels and a section', async () => {
    const section = fake.addSection(board.id, 'S')
    expect(
      (
        await post({
          board_id: board.id,
          board_section_id: section.id,
          media_source: { source_type: 'image_base64', content_type: 'image/png', data: PNG_B64 },
        })
      ).status,
    ).toBe(201)
    expect(
      (
        await post({
          board_id: board.id,
          media_source: { source_type: 'image_url', url: 'https://example.com/a.jpg' },
        })
      ).status,
    ).toBe(201)
    const b64Items = [
      { content_type: 'image/jpeg', data: JPEG_B64, title: 'one' },
      { content_type: 'image/png', data: PNG_B64 },
    ]
    expect(
      (
        await post({
          board_id: board.id,
          media_source: { source_type: 'multiple_image_base64', items: b64Items, index: 0 },
        })
      ).status,
    ).toBe(201)
    const urlItems = [
      { url: 'https://example.com/1.jpg' },
      { url: 'http://example.com/2.jpg', link: 'https://example.com' },
    ]
    expect(
      (
        await post({
          board_id: board.id,
          media_source: { source_type: 'multiple_image_urls', items: urlItems },
        })
      ).status,
    ).toBe(201)
    expect(fake.pins.map((p) => p.media_source_type)).toEqual([
      'image_base64',
      'image_url',
      'multiple_image_base64',
      'multiple_image_urls',
    ])
    expect(fake.pins[0]!.board_section_id).toBe(section.id)
    expect(fake.pins[2]!.carousel_items).toEqual([
      { sha256: sha256Hex(JPEG_BYTES), content_type: 'image/jpeg', title: 'one' },
      { sha256: sha256Hex(PNG_BYTES), content_type: 'image/png' },
    ])
  })

  it('an ad-only Pin with is_removable, no board and ad_account_id', async () => {
    const r = await post({ media_source: jpeg, is_removable: true }, '?ad_account_id=549755885175')
    expect(r.status).toBe(201)
    expect(fake.pins[0]).toMatchObject({ ad_account_id: '549755885175', is_removable: true })
  })

  it('a video Pin once its media has succeeded, with each kind of cover', async () => {
    const id = await succeededVideo()
    expect(
      (
        await post({
          board_id: board.id,
          media_source: { source_type: 'video_id', media_id: id, cover_image_key_frame_time: 2 },
        })
      ).status,
    ).toBe(201)
    expect(
      (
        await post({
          board_id: board.id,
          media_source: {
            source_type: 'video_id',
            media_id: id,
            cover_image_url: 'https://example.com/c.jpg',
          },
        })
      ).status,
    ).toBe(201)
    const b64 = await post({
      board_id: board.id,
      media_source: {
        source_type: 'video_id',
        media_id: id,
        cover_image_content_type: 'image/png',
        cover_image_data: PNG_B64,
      },
    })
    expect(b64.status).toBe(201)
    expect(b64.body).toMatchObject({ media: { media_type: 'video' } })
    expect(fake.pins.map((p) => p.video_cover)).toEqual([
      { kind: 'key_frame', seconds: 2 },
      { kind: 'url', url: 'https://example.com/c.jpg' },
      { kind: 'base64', sha256: sha256Hex(PNG_BYTES) },
    ])
    expect(fake.pins[0]!.video_media_id).toBe(id)
  })
})

describe('POST /v5/pins refuses', () => {
  it.each([
    ['title over 100', { title: 'x'.repeat(101) }, 'title'],
    ['description over 800', { description: 'x'.repeat(801) }, 'description'],
    ['link over 2048', { link: `https://e.com/${'x'.repeat(2048)}` }, 'link'],
    ['alt_text over 500', { alt_text: 'x'.repeat(501) }, 'alt_text'],
    ['a link that is not a URL', { link: 'not a url' }, 'link'],
    ['a javascript: link', { link: 'javascript:alert(1)' }, 'link'],
    ['a title of the wrong type', { title: 5 }, 'title'],
    ['a non-digit board_id', { board_id: 'abc' }, 'board_id'],
    ['a non-digit board_section_id', { board_section_id: 'x1' }, 'board_section_id'],
  ])('%s with 400 code 1 naming the field', async (_name, override, field) => {
    await expect400({ board_id: board.id, media_source: jpeg, ...override }, field)
  })

  it('a Pin without board_id (and no ad_account_id), or without media_source', async () => {
    await expect400({ media_source: jpeg }, 'board_id')
    await expect400({ board_id: board.id }, 'media_source')
  })

  it('a bad ad_account_id', async () => {
    await expect400({ media_source: jpeg }, 'ad_account_id', '?ad_account_id=1234567890123456789')
    await expect400({ media_source: jpeg }, 'ad_account_id', '?ad_account_id=12a')
  })

  it('an unknown board with 404 code 40, a section of another board with 404 code 2031', async () => {
    const r = await post({ board_id: '123456789', media_source: jpeg })
    expect(r.status).toBe(404)
    expect(r.body).toEqual({ code: 40, message: 'Board not found.' })
    const other = fake.addBoard({ name: 'Other' })
    const foreign = fake.addSection(other.id, 'S')
    const s = await post({ board_id: board.id, board_section_id: foreign.id, media_source: jpeg })
    expect(s.status).toBe(404)
    expect((s.body as { code: number }).code).toBe(2031)
    expect(fake.pins).toHaveLength(0)
  })

  it.each([
    ['an unsupported content_type', { content_type: 'image/gif' }, 'content_type'],
    ['a data: URL prefix', { data: `data:image/jpeg;base64,${JPEG_B64}` }, 'data'],
    ['base64 with a newline', { data: `${JPEG_B64.slice(0, 8)}\n${JPEG_B64.slice(8)}` }, 'data'],
    ['bytes that are not an image', { data: Buffer.from('GIF89a not really').toString('base64') }, 'data'],
    ['PNG bytes declared as JPEG', { data: PNG_B64 }, 'data'],
    ['no data', { data: undefined }, 'data'],
  ])('image_base64 with %s', async (_name, override, field) => {
    await expect400({ board_id: board.id, media_source: { ...jpeg, ...override } }, field)
  })

  it.each([
    ['an unknown source_type', { source_type: 'image_file', url: 'https://e.com/a.jpg' }, 'source_type'],
    ['a missing source_type', { url: 'https://e.com/a.jpg' }, 'source_type'],
    ['image_url with a file: URL', { source_type: 'image_url', url: 'file:///etc/passwd' }, 'url'],
    ['image_url with no url', { source_type: 'image_url' }, 'url'],
    [
      'a carousel of one',
      { source_type: 'multiple_image_urls', items: [{ url: 'https://e.com/1.jpg' }] },
      'items',
    ],
    [
      'a carousel of six',
      {
        source_type: 'multiple_image_urls',
        items: Array.from({ length: 6 }, (_, i) => ({ url: `https://e.com/${i}.jpg` })),
      },
      'items',
    ],
    [
      'a base64 carousel item with a bad type',
      {
        source_type: 'multiple_image_base64',
        items: [
          { content_type: 'image/webp', data: JPEG_B64 },
          { content_type: 'image/png', data: PNG_B64 },
        ],
      },
      'content_type',
    ],
    [
      'a base64 carousel item that is not an image',
      {
        source_type: 'multiple_image_base64',
        items: [
          { content_type: 'image/jpeg', data: 'AAAA' },
          { content_type: 'image/png', data: PNG_B64 },
        ],
      },
      'items[0].data',
    ],
    ['pin_url (beta only)', { source_type: 'pin_url' }, 'pin_url'],
  ])('media_source with %s', async (_name, ms, field) => {
    await expect400({ board_id: board.id, media_source: ms }, field)
  })

  it('video Pins for unknown, unfinished or failed media, or without a cover', async () => {
    await expect400(
      {
        board_id: board.id,
        media_source: { source_type: 'video_id', media_id: '999', cover_image_key_frame_time: 0 },
      },
      'not found',
    )
    const m = await registerMedia(fake, token)
    await expect400(
      {
        board_id: board.id,
        media_source: { source_type: 'video_id', media_id: m.media_id, cover_image_key_frame_time: 0 },
      },
      'registered',
    )
    fake.failMedia('next')
    const failing = await registerMedia(fake, token)
    await postUpload(
      failing.upload_url,
      multipartBody(uploadParts(failing.upload_parameters, Buffer.alloc(10))),
    )
    await expect400(
      {
        board_id: board.id,
        media_source: { source_type: 'video_id', media_id: failing.media_id, cover_image_key_frame_time: 0 },
      },
      'not ready',
    )
    await waitForStatus(failing.media_id, 'failed')
    await expect400(
      {
        board_id: board.id,
        media_source: { source_type: 'video_id', media_id: failing.media_id, cover_image_key_frame_time: 0 },
      },
      'failed',
    )
    const ok = await succeededVideo()
    await expect400({ board_id: board.id, media_source: { source_type: 'video_id', media_id: ok } }, 'cover')
    await expect400(
      {
        board_id: board.id,
        media_source: { source_type: 'video_id', media_id: ok, cover_image_key_frame_time: -1 },
      },
      'cover_image_key_frame_time',
    )
    await expect400(
      {
        board_id: board.id,
        media_source: { source_type: 'video_id', media_id: ok, cover_image_data: PNG_B64 },
      },
      'cover_image_content_type',
    )
  })

  it('media registered by another user', async () => {
    const id = await succeededVideo()
    token = fake.issueToken({ username: 'someone-else' }).accessToken
    const theirs = fake.addBoard({ name: 'Theirs', owner: 'someone-else' })
    await expect400(
      {
        board_id: theirs.id,
        media_source: { source_type: 'video_id', media_id: id, cover_image_key_frame_time: 0 },
      },
      'not found',
    )
  })

  it('a body that is not JSON or not an object', async () => {
    const { request } = await import('undici')
    const res = await request(`${fake.apiBase}/pins`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{"board_id":',
    })
    expect(res.statusCode).toBe(400)
    await res.body.dump()
    await expect400([1, 2], 'body')
  })
})

describe('large bodies', () => {
  it('accepts a ~27 MB image_base64 body', async () => {
    const big = Buffer.alloc(20 * 1024 * 1024, 0x11)
    JPEG_BYTES.copy(big)
    const r = await post({
      board_id: board.id,
      media_source: { source_type: 'image_base64', content_type: 'image/jpeg', data: big.toString('base64') },
    })
    expect(r.status).toBe(201)
    expect(fake.pins[0]).toMatchObject({ image_bytes: big.length, image_sha256: sha256Hex(big) })
    expect(fake.requests.at(-1)!.bytesReceived).toBeGreaterThan(27_000_000)
  })
})
