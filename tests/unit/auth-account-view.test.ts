import { describe, expect, it } from 'vitest'
import { AccountProfile } from '../../src/main/auth/account-model'
import { buildAccountView, type AccountViewInput } from '../../src/main/auth/account-view'
import { parseGrant, redact } from '../../src/main/auth/token-endpoint'
import { IPC_KIND_FOR_API, toAppError } from '../../src/main/pinterest/to-app-error'
import { ApiError } from '../../src/main/pinterest/api-error'
import { AccountView } from '../../src/shared/domain'
import { AppError } from '../../src/shared/ipc/result'

const DAY = 24 * 3600 * 1000
const NOW = 1_800_000_000_000

function input(
  over: Omit<Partial<AccountViewInput>, 'profile'> & { profile?: Partial<AccountProfile> } = {},
): AccountViewInput {
  const { profile, ...rest } = over
  return {
    environment: 'production',
    profile: AccountProfile.parse({
      appId: 'app',
      status: 'connected',
      username: 'ann',
      tokenSource: 'oauth',
      scope: 'boards:read',
      ...profile,
    }),
    hasAppSecret: true,
    hasTokens: true,
    refreshExpiresAt: NOW + 50 * DAY,
    refresherDead: false,
    envToken: false,
    now: NOW,
    noKeychainMessage: 'no keychain here',
    ...rest,
  }
}

describe('buildAccountView', () => {
  it('a connected account with a healthy sign-in has no warnings and matches the shared schema', () => {
    const view = buildAccountView(input())
    expect(AccountView.parse(view)).toEqual(view)
    expect(view).toMatchObject({
      status: 'connected',
      username: 'ann',
      tokenSource: 'oauth',
      redirectUri: 'http://localhost:8085/',
      warnings: [],
    })
  })

  it('warns when the refresh token is within 7 days of its end', () => {
    const view = buildAccountView(input({ refreshExpiresAt: NOW + 5 * DAY - 1000 }))
    expect(view.warnings).toEqual([expect.stringContaining('ends in 5 days')])
    expect(buildAccountView(input({ refreshExpiresAt: NOW + 8 * DAY })).warnings).toEqual([])
  })

  it('a dead refresher means needs_sign_in with the stored reason', () => {
    const view = buildAccountView(
      input({ refresherDead: true, profile: { reason: 'Pinterest no longer accepts it.' } }),
    )
    expect(view.status).toBe('needs_sign_in')
    expect(view.message).toBe('Pinterest no longer accepts it.')
  })

  it('no keychain → no_keychain with the plain message', () => {
    const view = buildAccountView(input({ hasAppSecret: null, hasTokens: null }))
    expect(view).toMatchObject({ status: 'no_keychain', message: 'no keychain here', hasAppSecret: false })
  })

  it('connected in account.json but no tokens in the keychain → signed_out without a username', () => {
    const view = buildAccountView(input({ hasTokens: false }))
    expect(view.status).toBe('signed_out')
    expect(view.username).toBeUndefined()
  })

  it('environment token wins and says so', () => {
    const view = buildAccountView(input({ envToken: true, hasTokens: false, hasAppSecret: false }))
    expect(view).toMatchObject({ status: 'connected', tokenSource: 'env' })
    expect(view.warnings.join(' ')).toContain('PINLOAD_ACCESS_TOKEN')
  })

  it('pasted tokens and missing secret-board scope are explained', () => {
    expect(buildAccountView(input({ profile: { tokenSource: 'pasted' } })).warnings.join(' ')).toContain(
      'cannot be renewed',
    )
    expect(buildAccountView(input({ profile: { secretBoards: true } })).warnings.join(' ')).toContain(
      'secret boards',
    )
    expect(
      buildAccountView(input({ profile: { secretBoards: true, scope: 'boards:read,boards:read_secret' } }))
        .warnings,
    ).toEqual([])
  })

  it('uses the saved port in the redirect URI', () => {
    expect(buildAccountView(input({ profile: { port: 9123 } })).redirectUri).toBe('http://localhost:9123/')
  })
})

describe('token answers', () => {
  it('parseGrant turns relative lifetimes into Unix ms', () => {
    const grant = parseGrant(
      {
        access_token: 'pina-a',
        refresh_token: 'pinr-b',
        expires_in: 2_592_000,
        refresh_token_expires_in: 5_184_000,
        scope: 'x,y',
      },
      NOW,
    )
    expect(grant).toEqual({
      accessToken: 'pina-a',
      refreshToken: 'pinr-b',
      accessExpiresAt: NOW + 30 * DAY,
      refreshExpiresAt: NOW + 60 * DAY,
      scope: 'x,y',
    })
    expect(
      parseGrant({ access_token: 'a', refresh_token_expires_at: 1_900_000_000 }, NOW).refreshExpiresAt,
    ).toBe(1_900_000_000_000)
    expect(() => parseGrant({}, NOW)).toThrow(/without an access token/)
  })

  it('an ApiError crosses IPC through the one kind table, with its fix and code', () => {
    const e = toAppError(
      new ApiError('auth', 'Pinterest refused the sign-in (400, code 283).', {
        status: 400,
        code: 283,
        fix: 'Sign in again with Pinterest.',
      }),
    )
    expect(e).toBeInstanceOf(AppError)
    expect({ kind: e.kind, message: e.message, code: e.code }).toEqual({
      kind: 'auth',
      message: 'Pinterest refused the sign-in (400, code 283). Sign in again with Pinterest.',
      code: '283',
    })
    expect(toAppError(new ApiError('transient', 'Could not reach Pinterest.'))).toMatchObject({
      kind: 'network',
      code: 'transient',
    })
    expect(IPC_KIND_FOR_API.spam_blocked).toBe('rate_limited')
  })

  it("redact removes given values and, through the logger's redact, token-shaped strings", () => {
    expect(redact('bad secret s3cr3t-value and pina_AbCdEfGh1234 ok', ['s3cr3t-value'])).toBe(
      'bad secret [REDACTED] and [REDACTED] ok',
    )
    expect(redact('code=abcd1234 refused; Bearer xyz.987 too', ['abcd1234'])).toBe(
      'code=[REDACTED] refused; Bearer [REDACTED] too',
    )
    expect(redact('Pinterest said no', [])).toBe('Pinterest said no')
  })
})
