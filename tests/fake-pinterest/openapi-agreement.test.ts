import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { request } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import { SpecValidator } from './spec-validator'
import { api, multipartBody, postUpload, registerMedia, uploadParts } from './test-helpers'

/** ../shared/ next to the repo: present on the team's machines, absent in a user's clone. */
const SPEC_PATH = fileURLToPath(new URL('../../../shared/pinterest-openapi-v5.json', import.meta.url))
const HAVE_SPEC = existsSync(SPEC_PATH)

import { jpeg, VALID_PINS, type Case, type Endpoint, type Ids } from './openapi-cases'
import { REFUSED } from './openapi-refusals'

const CASES: Case[] = [...VALID_PINS, ...REFUSED]

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

  describe('with the spec check set', () => {
    let fake: FakePinterest
    beforeAll(async () => {
      fake = await startFakePinterest({ spec: SpecValidator.load(SPEC_PATH), rateLimits: false })
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
