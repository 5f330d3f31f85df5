import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { request } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakePinterest, type FakePinterest } from './index'
import { SpecValidator } from './spec-validator'
import { api, JPEG_B64, multipartBody, PNG_B64, postUpload, registerMedia, uploadParts } from './test-helpers'

/** ../shared/ next to the repo: present on the team's machines, absent in a user's clone. */
const SPEC_PATH = fileURLToPath(new URL('../../../shared/pinterest-openapi-v5.json', import.meta.url))
const HAVE_SPEC = existsSync(SPEC_PATH)

type Endpoint =
  'POST /pins' | 'POST /pins?ad' | 'POST /boards' | 'POST /sections' | 'POST /media' | 'POST /oauth/token'

interface Case {
  name: string
  endpoint: Endpoint
  /** What the spec's schema says: checked too, so a schema that fails to compile cannot pass silently. */
  spec: 'valid' | 'invalid'
  body: (ids: Ids) => unknown
  /**
   * Set when Pinterest is documented to be stricter than its schema: the spec accepts the body, the fake
   * (like Pinterest) answers 400. The reason says where that is documented.
   */
  stricter?: string
}

interface Ids {
  board: string
  media: string
  refresh: string
  code: string
}

const jpeg = { source_type: 'image_base64', content_type: 'image/jpeg', data: JPEG_B64 }
const pin = (ids: Ids, extra: Record<string, unknown> = {}) => ({
  board_id: ids.board,
  media_source: jpeg,
  ...extra,
})
const video = (ids: Ids, extra: Record<string, unknown> = {}) => ({
  board_id: ids.board,
  media_source: { source_type: 'video_id', media_id: ids.media, ...extra },
})
const urls = (n: number) => Array.from({ length: n }, (_, i) => ({ url: `https://example.com/${i}.jpg` }))

const CASES: Case[] = [
  // POST /pins — valid bodies, every media_source variant.
  { name: 'image_base64 JPEG', endpoint: 'POST /pins', spec: 'valid', body: (ids) => pin(ids) },
  {
    name: 'image_base64 PNG with is_standard',
    endpoint: 'POST /pins',
    spec: 'valid',
    body: (ids) =>
      pin(ids, {
        media_source: {
          source_type: 'image_base64',
          content_type: 'image/png',
          data: PNG_B64,
          is_standard: true,
        },
      }),
  },
  {
    name: 'image_url',
    endpoint: 'POST /pins',
    spec: 'valid',
    body: (ids) => pin(ids, { media_source: { source_type: 'image_url', url: 'https://example.com/a.jpg' } }),
  },
  {
    name: 'video_id with key frame cover',
    endpoint: 'POST /pins',
    spec: 'valid',
    body: (ids) => video(ids, { cover_image_key_frame_time: 3 }),
  },
  {
    name: 'video_id with base64 cover',
    endpoint: 'POST /pins',
    spec: 'valid',
    body: (ids) => video(ids, { cover_image_content_type: 'image/jpeg', cover_image_data: JPEG_B64 }),
  },
  {
    name: 'multiple_image_base64 of 2',
    endpoint: 'POST /pins',
    spec: 'valid',
    body: (ids) =>
      pin(ids, {
        media_source: {
          source_type: 'multiple_image_base64',
          items: [
            { content_type: 'image/jpeg', data: JPEG_B64, title: 'a' },
            { content_type: 'image/png', data: PNG_B64 },
          ],
          index: 1,
        },
      }),
  },
  {
    name: 'multiple_image_urls of 5',
    endpoint: 'POST /pins',
    spec: 'valid',
    body: (ids) => pin(ids, { media_source: { source_type: 'multiple_image_urls', items: urls(5) } }),
  },
  {
    name: 'every text field at its maximum',
    endpoint: 'POST /pins',
    spec: 'valid',
    body: (ids) =>
      pin(ids, {
        title: 't'.repeat(100),
        description: 'd'.repeat(800),
        link: `https://e.com/${'l'.repeat(2034)}`,
        alt_text: 'a'.repeat(500),
      }),
  },
  {
    name: 'nullable fields set to null',
    endpoint: 'POST /pins',
    spec: 'valid',
    body: (ids) =>
      pin(ids, {
        title: null,
        description: null,
        link: null,
        alt_text: null,
        board_section_id: null,
        dominant_color: null,
      }),
  },
  {
    name: 'an unknown extra field (schema allows it)',
    endpoint: 'POST /pins',
    spec: 'valid',
    body: (ids) => pin(ids, { note: 'old field' }),
  },
  {
    name: 'ad-only Pin without board_id',
    endpoint: 'POST /pins?ad',
    spec: 'valid',
    body: () => ({ media_source: jpeg }),
  },
  // POST /pins — invalid per the schema.
  {
    name: 'title of 101',
    endpoint: 'POST /pins',
    spec: 'invalid',
    body: (ids) => pin(ids, { title: 't'.repeat(101) }),
  },
  {
    name: 'description of 801',
    endpoint: 'POST /pins',
    spec: 'invalid',
    body: (ids) => pin(ids, { description: 'd'.repeat(801) }),
  },
  {
    name: 'link of 2049',
    endpoint: 'POST /pins',
    spec: 'invalid',
    body: (ids) => pin(ids, { link: `https://e.com/${'l'.repeat(2035)}` }),
  },
  {
    name: 'alt_text of 501',
    endpoint: 'POST /pins',
    spec: 'invalid',
    body: (ids) => pin(ids, { alt_text: 'a'.repeat(501) }),
  },
  {
    name: 'board_id not digits',
    endpoint: 'POST /pins',
    spec: 'invalid',
    body: (ids) => pin(ids, { board_id: 'board-1' }),
  },
  {
    name: 'board_id null (not nullable)',
    endpoint: 'POST /pins',
    spec: 'invalid',
    body: (ids) => pin(ids, { board_id: null }),
  },
  { name: 'title a number', endpoint: 'POST /pins', spec: 'invalid', body: (ids) => pin(ids, { title: 42 }) },
  {
    name: 'content_type image/gif',
    endpoint: 'POST /pins',
    spec: 'invalid',
    body: (ids) => pin(ids, { media_source: { ...jpeg, content_type: 'image/gif' } }),
  },
  {
    name: 'data with a data: prefix',
    endpoint: 'POST /pins',
    spec: 'invalid',
    body: (ids) => pin(ids, { media_source: { ...jpeg, data: `data:image/jpeg;base64,${JPEG_B64}` } }),
  },
  {
    name: 'image_base64 without data',
    endpoint: 'POST /pins',
    spec: 'invalid',
    body: (ids) => pin(ids, { media_source: { source_type: 'image_base64', content_type: 'image/jpeg' } }),
  },
  {
    name: 'image_base64 without content_type',
    endpoint: 'POST /pins',
    spec: 'invalid',
    body: (ids) => pin(ids, { media_source: { source_type: 'image_base64', data: JPEG_B64 } }),
  },
  {
    name: 'source_type video_url (not in the discriminator)',
    endpoint: 'POST /pins',
    spec: 'invalid',
    body: (ids) => pin(ids, { media_source: { source_type: 'video_url', url: 'https://e.com/v.mp4' } }),
  },
  {
    name: 'media_source without source_type',
    endpoint: 'POST /pins',
    spec: 'invalid',
    body: (ids) => pin(ids, { media_source: { url: 'https://e.com/a.jpg' } }),
  },
  {
    name: 'image_url with a numeric url',
    endpoint: 'POST /pins',
    spec: 'invalid',
    body: (ids) => pin(ids, { media_source: { source_type: 'image_url', url: 7 } }),
  },
  {
    name: 'carousel of 1',
    endpoint: 'POST /pins',
    spec: 'invalid',
    body: (ids) => pin(ids, { media_source: { source_type: 'multiple_image_urls', items: urls(1) } }),
  },
  {
    name: 'carousel of 6',
    endpoint: 'POST /pins',
    spec: 'invalid',
    body: (ids) => pin(ids, { media_source: { source_type: 'multiple_image_urls', items: urls(6) } }),
  },
  {
    name: 'carousel index -1',
    endpoint: 'POST /pins',
    spec: 'invalid',
    body: (ids) =>
      pin(ids, { media_source: { source_type: 'multiple_image_urls', items: urls(2), index: -1 } }),
  },
  {
    name: 'carousel item without url',
    endpoint: 'POST /pins',
    spec: 'invalid',
    body: (ids) =>
      pin(ids, {
        media_source: {
          source_type: 'multiple_image_urls',
          items: [{ url: 'https://e.com/1.jpg' }, { title: 'no url' }],
        },
      }),
  },
  {
    name: 'video media_id not digits',
    endpoint: 'POST /pins',
    spec: 'invalid',
    body: (ids) => video(ids, { media_id: 'vid-1', cover_image_key_frame_time: 1 }),
  },
  {
    name: 'video key frame 1.5 s',
    endpoint: 'POST /pins',
    spec: 'invalid',
    body: (ids) => video(ids, { cover_image_key_frame_time: 1.5 }),
  },
  {
    name: 'is_standard as a string',
    endpoint: 'POST /pins',
    spec: 'invalid',
    body: (ids) => pin(ids, { media_source: { ...jpeg, is_standard: 'yes' } }),
  },
  {
    name: 'media_source a string',
    endpoint: 'POST /pins',
    spec: 'invalid',
    body: (ids) => pin(ids, { media_source: 'image_base64' }),
  },
  { name: 'body an array', endpoint: 'POST /pins', spec: 'invalid', body: (ids) => [pin(ids)] },
  // POST /pins — the schema accepts, Pinterest (and the fake) refuse.
  {
    name: 'no board_id',
    endpoint: 'POST /pins',
    spec: 'valid',
    body: () => ({ media_source: jpeg }),
    stricter: 'board_id is "required in practice; not marked required in schema" (pinterest-api.md §3.1)',
  },
  {
    name: 'no media_source',
    endpoint: 'POST /pins',
    spec: 'valid',
    body: (ids) => ({ board_id: ids.board, title: 'no image' }),
    stricter: 'a Pin needs media; the schema marks nothing required (pinterest-api.md §3.2)',
  },
  {
    name: 'base64 bytes that are not an image',
    endpoint: 'POST /pins',
    spec: 'valid',
    body: (ids) =>
      pin(ids, { media_source: { ...jpeg, data: Buffer.from('plain text').toString('base64') } }),
    stricter:
      'only JPEG and PNG are accepted (pinterest-api.md §3.3): the bytes are checked, not just the declared type',
  },
  {
    name: 'PNG bytes declared image/jpeg',
    endpoint: 'POST /pins',
    spec: 'valid',
    body: (ids) => pin(ids, { media_source: { ...jpeg, data: PNG_B64 } }),
    stricter: 'declared content_type must match the bytes (magic-number check)',
  },
  {
    name: 'link that is not a URL',
    endpoint: 'POST /pins',
    spec: 'valid',
    body: (ids) => pin(ids, { link: 'see my site' }),
    stricter: 'link is a destination URL (pinterest-api.md §3.1); the schema only bounds its length',
  },
  {
    name: 'image_url with a file: URL',
    endpoint: 'POST /pins',
    spec: 'valid',
    body: (ids) => pin(ids, { media_source: { source_type: 'image_url', url: 'file:///tmp/a.jpg' } }),
    stricter: 'image_url must be publicly fetchable by Pinterest (pinterest-api.md §3.3)',
  },
  {
    name: 'video without any cover',
    endpoint: 'POST /pins',
    spec: 'valid',
    body: (ids) => video(ids),
    stricter: 'third parties report 400 without a cover (pinterest-api.md §3.2)',
  },
  {
    name: 'pin_url',
    endpoint: 'POST /pins',
    spec: 'valid',
    body: (ids) => pin(ids, { media_source: { source_type: 'pin_url', is_affiliate_link: false } }),
    stricter: 'pin_url is "product Pins, beta users only" (pinterest-api.md §3.2)',
  },
  // POST /boards
  { name: 'board with name only', endpoint: 'POST /boards', spec: 'valid', body: () => ({ name: 'Trips' }) },
  {
    name: 'secret board with null description',
    endpoint: 'POST /boards',
    spec: 'valid',
    body: () => ({ name: 'Hidden', description: null, privacy: 'SECRET' }),
  },
  {
    name: 'ads-only board',
    endpoint: 'POST /boards',
    spec: 'valid',
    body: () => ({ name: 'x', is_ads_only: true }),
  },
  {
    name: 'board without name',
    endpoint: 'POST /boards',
    spec: 'invalid',
    body: () => ({ description: 'no name' }),
  },
  {
    name: 'board privacy FRIENDS',
    endpoint: 'POST /boards',
    spec: 'invalid',
    body: () => ({ name: 'x', privacy: 'FRIENDS' }),
  },
  {
    name: 'board is_ads_only "yes"',
    endpoint: 'POST /boards',
    spec: 'invalid',
    body: () => ({ name: 'x', is_ads_only: 'yes' }),
  },
  { name: 'board name a number', endpoint: 'POST /boards', spec: 'invalid', body: () => ({ name: 12 }) },
  {
    name: 'board with an empty name',
    endpoint: 'POST /boards',
    spec: 'valid',
    body: () => ({ name: '' }),
    stricter: 'a board needs a visible name; the web UI and API refuse a blank one (schema has no minLength)',
  },
  // POST /boards/{id}/sections
  { name: 'section name', endpoint: 'POST /sections', spec: 'valid', body: () => ({ name: 'Mountains' }) },
  {
    name: 'section name of 180',
    endpoint: 'POST /sections',
    spec: 'valid',
    body: () => ({ name: 's'.repeat(180) }),
  },
  { name: 'section name empty', endpoint: 'POST /sections', spec: 'invalid', body: () => ({ name: '' }) },
  {
    name: 'section name of 181',
    endpoint: 'POST /sections',
    spec: 'invalid',
    body: () => ({ name: 's'.repeat(181) }),
  },
  { name: 'section without name', endpoint: 'POST /sections', spec: 'invalid', body: () => ({}) },
  // POST /media
  { name: 'media video', endpoint: 'POST /media', spec: 'valid', body: () => ({ media_type: 'video' }) },
  { name: 'media image', endpoint: 'POST /media', spec: 'invalid', body: () => ({ media_type: 'image' }) },
  { name: 'media without media_type', endpoint: 'POST /media', spec: 'invalid', body: () => ({}) },
  // POST /oauth/token (form fields)
  {
    name: 'refresh grant',
    endpoint: 'POST /oauth/token',
    spec: 'valid',
    body: (ids) => ({ grant_type: 'refresh_token', refresh_token: ids.refresh }),
  },
  {
    name: 'code grant with continuous_refresh',
    endpoint: 'POST /oauth/token',
    spec: 'valid',
    body: (ids) => ({
      grant_type: 'authorization_code',
      code: ids.code,
      redirect_uri: 'http://localhost:8085/',
      continuous_refresh: 'true',
    }),
  },
  {
    name: 'token request without grant_type',
    endpoint: 'POST /oauth/token',
    spec: 'invalid',
    body: (ids) => ({ refresh_token: ids.refresh }),
  },
  {
    name: 'grant_type password',
    endpoint: 'POST /oauth/token',
    spec: 'invalid',
    body: () => ({ grant_type: 'password', username: 'u' }),
  },
  {
    name: 'refresh grant without refresh_token',
    endpoint: 'POST /oauth/token',
    spec: 'invalid',
    body: () => ({ grant_type: 'refresh_token' }),
  },
  {
    name: 'code grant without redirect_uri',
    endpoint: 'POST /oauth/token',
    spec: 'invalid',
    body: (ids) => ({ grant_type: 'authorization_code', code: ids.code }),
  },
]

const SPEC_OPERATION: Record<Endpoint, { template: string; contentType?: string }> = {
  'POST /pins': { template: '/pins' },
  'POST /pins?ad': { template: '/pins' },
  'POST /boards': { template: '/boards' },
  'POST /sections': { template: '/boards/{board_id}/sections' },
  'POST /media': { template: '/media' },
  'POST /oauth/token': { template: '/oauth/token', contentType: 'application/x-www-form-urlencoded' },
}

const ALL_SCOPES = [
  'boards:read',
  'boards:write',
  'boards:read_secret',
  'boards:write_secret',
  'pins:read',
  'pins:write',
  'user_accounts:read',
]

if (!HAVE_SPEC) {
  it.skip(`OpenAPI agreement: ${SPEC_PATH} is absent (a clone without the team's ../shared folder), so there is no spec to compare with`, () => {})
} else {
  describe('the fake agrees with the OpenAPI description', () => {
    let fake: FakePinterest
    let spec: SpecValidator
    let token: string
    let mediaId: string

    beforeAll(async () => {
      spec = SpecValidator.load(SPEC_PATH)
      fake = await startFakePinterest({ rateLimits: false, mediaProcessingMs: 0 })
      token = fake.issueToken({ scopes: ALL_SCOPES }).accessToken
      const m = await registerMedia(fake, token)
      expect(
        (await postUpload(m.upload_url, multipartBody(uploadParts(m.upload_parameters, Buffer.alloc(64)))))
          .status,
      ).toBe(204)
      mediaId = m.media_id
    })
    afterAll(async () => {
      await fake.close()
    })

    async function freshIds(): Promise<Ids> {
      const auth = new URL(fake.oauthBase)
      for (const [k, v] of Object.entries({
        client_id: 'test-app-id',
        redirect_uri: 'http://localhost:8085/',
        response_type: 'code',
        scope: 'boards:read',
        state: 'x',
      }))
        auth.searchParams.set(k, v)
      const res = await request(auth)
      await res.body.dump()
      const code = new URL(res.headers.location as string).searchParams.get('code')!
      return {
        board: fake.addBoard({ name: 'B' }).id,
        media: mediaId,
        refresh: fake.issueToken().refreshToken,
        code,
      }
    }

    async function fakeVerdict(c: Case, body: unknown, ids: Ids): Promise<{ status: number; text: string }> {
      if (c.endpoint === 'POST /oauth/token') {
        const res = await request(`${fake.apiBase}/oauth/token`, {
          method: 'POST',
          headers: {
            authorization: `Basic ${Buffer.from('test-app-id:test-app-secret').toString('base64')}`,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: new URLSearchParams(body as Record<string, string>).toString(),
        })
        return { status: res.statusCode, text: await res.body.text() }
      }
      const path = {
        'POST /pins': '/pins',
        'POST /pins?ad': '/pins?ad_account_id=549755885175',
        'POST /boards': '/boards',
        'POST /sections': `/boards/${ids.board}/sections`,
        'POST /media': '/media',
      }[c.endpoint]
      const r = await api(fake, token, 'POST', path, body)
      return { status: r.status, text: r.text }
    }

    it('has a corpus of at least 30 bodies covering every served request body', () => {
      expect(CASES.length).toBeGreaterThanOrEqual(30)
      expect(new Set(CASES.map((c) => c.endpoint))).toEqual(new Set(Object.keys(SPEC_OPERATION)))
      expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length)
    })

    it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      const ids = await freshIds()
      const body = c.body(ids)
      const op = SPEC_OPERATION[c.endpoint]
      const errors = spec.validateBody('post', op.template, body, op.contentType)
      expect(errors, 'the spec has a request-body schema for this operation').not.toBeNull()
      expect(errors!.length === 0 ? 'valid' : 'invalid', `spec errors: ${errors!.join('; ')}`).toBe(c.spec)

      const answer = await fakeVerdict(c, body, ids)
      const fakeAccepted = answer.status >= 200 && answer.status < 300
      if (c.stricter) {
        expect(c.spec, 'an exception only makes sense for a body the spec accepts').toBe('valid')
        expect(answer.status, answer.text).toBe(400)
      } else {
        expect(fakeAccepted, `fake answered ${answer.status} ${answer.text}`).toBe(c.spec === 'valid')
        if (!fakeAccepted) expect(answer.status).toBe(400)
      }
    })
  })

  describe('with openApiPath set', () => {
    let fake: FakePinterest
    beforeAll(async () => {
      fake = await startFakePinterest({ openApiPath: SPEC_PATH, rateLimits: false })
    })
    afterAll(async () => {
      await fake.close()
    })

    it('records and refuses spec-violating bodies, and leaves valid ones alone', async () => {
      const token = fake.issueToken().accessToken
      const board = fake.addBoard({ name: 'B' })
      const ok = await api(fake, token, 'POST', '/pins', { board_id: board.id, media_source: jpeg })
      expect(ok.status).toBe(201)
      expect(fake.specViolations).toHaveLength(0)

      const bad = await api(fake, token, 'POST', '/pins', {
        board_id: board.id,
        title: 't'.repeat(101),
        media_source: { ...jpeg, content_type: 'image/gif' },
      })
      expect(bad.status).toBe(400)
      expect((bad.body as { code: number }).code).toBe(1)
      const res = await request(`${fake.apiBase}/oauth/token`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from('test-app-id:test-app-secret').toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=refresh_token',
      })
      expect(res.statusCode).toBe(400)
      await res.body.dump()

      expect(fake.specViolations).toHaveLength(2)
      expect(fake.specViolations[0]).toMatchObject({ method: 'POST', path: '/v5/pins' })
      expect(fake.specViolations[0]!.errors.join('\n')).toMatch(/title/)
      expect(fake.specViolations[1]).toMatchObject({ method: 'POST', path: '/v5/oauth/token' })
      expect(fake.specViolations[1]!.errors.join('\n')).toMatch(/refresh_token/)
      expect(fake.pins).toHaveLength(1)
    })
  })
}
