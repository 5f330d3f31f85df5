import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import { SPEC_PATHS } from '../../src/main/fake-pinterest/spec-paths'
import { ALL_SCOPES } from '../../src/main/fake-pinterest/state'
import { api } from './test-helpers'

/**
 * Every operation of the official OpenAPI description is either served by the fake or answered 501
 * "not implemented in Pinload's stand-in": never a 404 that reads like missing data.
 */

const SPEC_PATH = fileURLToPath(new URL('../../../shared/pinterest-openapi-v5.json', import.meta.url))
const HAVE_SPEC = existsSync(SPEC_PATH)
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const

/** What the fake serves: Pinload's calls plus what the official quickstart calls ([QS] in docs/pinterest-api.md §0). */
const SERVED = [
  'POST /oauth/token',
  'GET /user_account',
  'GET /boards',
  'POST /boards',
  'GET /boards/{board_id}',
  'DELETE /boards/{board_id}',
  'GET /boards/{board_id}/sections',
  'POST /boards/{board_id}/sections',
  'GET /boards/{board_id}/pins',
  'GET /boards/{board_id}/sections/{section_id}/pins',
  'GET /pins',
  'POST /pins',
  'GET /pins/{pin_id}',
  'PATCH /pins/{pin_id}',
  'DELETE /pins/{pin_id}',
  'POST /pins/{pin_id}/save',
  'POST /media',
  'GET /media',
  'GET /media/{media_id}',
]

function specOperations(): string[] {
  const doc = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as {
    paths: Record<string, Record<string, unknown>>
  }
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    METHODS.filter((m) => m in ops).map((m) => `${m.toUpperCase()} ${path}`),
  )
}

if (!HAVE_SPEC) {
  it.skip(`spec coverage: ${SPEC_PATH} is absent (a clone without the team's ../shared folder)`, () => {})
} else {
  describe('every operation of the spec is served or answered 501', () => {
    let fake: FakePinterest
    let token: string
    beforeAll(async () => {
      fake = await startFakePinterest({ rateLimits: false })
      token = fake.issueToken({ scopes: ALL_SCOPES }).accessToken
    })
    afterAll(async () => {
      await fake.close()
    })

    const ops = specOperations()

    it("knows every operation of the spec, and nothing else (the fake's copy of the path list)", () => {
      const copied = Object.entries(SPEC_PATHS).flatMap(([path, methods]) =>
        methods.split(' ').map((m) => `${m} ${path}`),
      )
      expect(copied.sort()).toEqual([...ops].sort())
    })

    it('has the served operations in the spec', () => {
      expect(ops.length).toBeGreaterThan(200)
      for (const op of SERVED) expect(ops, op).toContain(op)
    })

    it.each(ops.map((op) => [op]))('%s', async (op) => {
      const [method, template] = op.split(' ') as [string, string]
      // Ids are digits in Pinterest (the spec's patterns); the other path parameters take a plain word.
      const path = template.replace(/\{(\w+)\}/g, (_m, name: string) =>
        /_id$|^id$/.test(name) ? '1234' : 'sample',
      )
      const body = method === 'POST' || method === 'PATCH' ? {} : undefined
      const r = await api(fake, token, method as 'GET', path, body)
      if (SERVED.includes(op)) {
        expect(r.status, r.text).not.toBe(501)
        expect(r.status, r.text).not.toBe(405)
        expect(r.text).not.toMatch(/Not found: /)
      } else {
        expect(r.status, r.text).toBe(501)
        expect(r.headers['content-type']).toMatch(/application\/json/)
        expect(r.body).toEqual({
          code: 501,
          message: `${method} /v5${template} is in Pinterest API v5 but not implemented in Pinload's stand-in.`,
        })
      }
    })

    it('still answers 404 for a path the spec does not have, and 405 for a method it does not list', async () => {
      expect((await api(fake, token, 'GET', '/nowhere')).status).toBe(404)
      expect((await api(fake, token, 'POST', '/user_account', {})).status).toBe(405)
      // A literal segment wins over a parameter: /pins/analytics is its own (unserved) operation.
      const analytics = await api(fake, token, 'GET', '/pins/analytics')
      expect(analytics.status).toBe(501)
    })
  })
}
