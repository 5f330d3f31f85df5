/** Shared setup for the Pinterest client's integration tests: the fake over HTTP and real tokens (media files: tests/support/media-files.ts). */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { request } from 'undici'
import { type TokenProvider } from '../../src/main/pinterest/api-types'
import { ApiError } from '../../src/main/pinterest/api-error'
import { createPinterestClient, type PinterestClient } from '../../src/main/pinterest/pinterest-client'
import {
  startFakePinterest,
  type FakePinterest,
  type FakePinterestOptions,
} from '../../src/main/fake-pinterest/index'
import { SpecValidator } from '../fake-pinterest/spec-validator'

const OPENAPI = resolve(import.meta.dirname, '../../../shared/pinterest-openapi-v5.json')

/** The fake, checking every body against the official OpenAPI description when the file is present. */
export function startFake(opts: FakePinterestOptions = {}): Promise<FakePinterest> {
  return startFakePinterest({
    ...(existsSync(OPENAPI) ? { spec: SpecValidator.load(OPENAPI) } : {}),
    ...opts,
  })
}

/** A TokenProvider that refreshes through the fake's real /v5/oauth/token (Basic auth, rotation). */
export class FakeTokens implements TokenProvider {
  refreshes = 0
  constructor(
    private readonly fake: FakePinterest,
    public access: string,
    public refresh: string,
  ) {}
  static issue(fake: FakePinterest): FakeTokens {
    const t = fake.issueToken()
    return new FakeTokens(fake, t.accessToken, t.refreshToken)
  }
  async getAccessToken(): Promise<string> {
    return this.access
  }
  async refreshAccessToken(): Promise<string> {
    this.refreshes++
    const res = await request(`${this.fake.apiBase}/oauth/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from('test-app-id:test-app-secret').toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: this.refresh }).toString(),
    })
    const body = (await res.body.json()) as {
      access_token?: string
      refresh_token?: string
      message?: string
    }
    if (res.statusCode !== 200 || !body.access_token || !body.refresh_token) {
      throw new ApiError('auth', `Refreshing the token failed: ${body.message ?? res.statusCode}`, {
        status: res.statusCode,
      })
    }
    this.access = body.access_token
    this.refresh = body.refresh_token
    return this.access
  }
}

/** The real API client against the fake, on a freshly issued token that refreshes through the fake. */
export function clientFor(fake: FakePinterest): PinterestClient {
  return createPinterestClient({ apiBase: fake.apiBase, tokens: FakeTokens.issue(fake) })
}

/** The fake's recorded requests for one method and path prefix. */
export function requestsTo(fake: FakePinterest, method: string, path: string | RegExp) {
  return fake.requests.filter(
    (r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)),
  )
}
