import { userKeyOf } from '../../src/shared/account-key'
import { describe, expect, it } from 'vitest'
import { AccountFile, AccountFileV1, upgradeAccountFile } from '../../src/main/auth/account-model'

describe('account.json version 2 (issue 15)', () => {
  it('keeps every version-1 fact: apps per environment, each signed-in user keyed by environment and name', () => {
    const v1 = AccountFileV1.parse({
      version: 1,
      environment: 'sandbox',
      profiles: {
        production: {
          appId: 'app-prod',
          port: 9000,
          secretBoards: true,
          username: 'studio_a',
          accountType: 'BUSINESS',
          tokenSource: 'oauth',
          status: 'connected',
          accessExpiresAt: 111,
          refreshExpiresAt: 222,
          scope: 'pins:write',
        },
        sandbox: { username: 'studio_b', status: 'needs_sign_in', reason: 'The App ID changed.' },
      },
    })
    const v2 = upgradeAccountFile(v1)
    expect(AccountFile.parse(v2)).toEqual(v2)
    expect(v2).toEqual({
      version: 2,
      environment: 'sandbox',
      apps: {
        production: { appId: 'app-prod', port: 9000, secretBoards: true },
        sandbox: { port: 8085, secretBoards: false },
      },
      users: {
        'production:studio_a': {
          environment: 'production',
          username: 'studio_a',
          accountType: 'BUSINESS',
          tokenSource: 'oauth',
          status: 'connected',
          accessExpiresAt: 111,
          refreshExpiresAt: 222,
          scope: 'pins:write',
        },
        'sandbox:studio_b': {
          environment: 'sandbox',
          username: 'studio_b',
          status: 'needs_sign_in',
          reason: 'The App ID changed.',
        },
      },
      current: { production: 'production:studio_a', sandbox: 'sandbox:studio_b' },
    })
  })

  it('an environment whose user was never named keeps its app but has no account', () => {
    const v2 = upgradeAccountFile(
      AccountFileV1.parse({
        version: 1,
        environment: 'production',
        profiles: { production: { appId: 'a' } },
      }),
    )
    expect(v2.apps.production).toEqual({ appId: 'a', port: 8085, secretBoards: false })
    expect(v2.users).toEqual({})
    expect(v2.current).toEqual({})
  })

  it('keys accounts by environment and username', () => {
    expect(userKeyOf('sandbox', 'brand_two')).toBe('sandbox:brand_two')
  })
})
