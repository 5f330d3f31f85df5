import { describe, expect, it } from 'vitest'
import { AccountFileV1, upgradeAccountFile, type AccountFile } from '../../src/main/auth/account-model'
import { knownAccounts, resolveAccount } from '../../src/main/auth/known-accounts'
import { AppError } from '../../src/shared/ipc/result'

const file = v1({
  version: 1,
  environment: 'sandbox',
  profiles: {
    production: { username: 'studio_a', status: 'connected' },
    sandbox: { username: 'studio_b', status: 'needs_sign_in' },
  },
})

function v1(input: unknown): AccountFile {
  return upgradeAccountFile(AccountFileV1.parse(input))
}

describe('known accounts (issue 15)', () => {
  it('lists every profile with a username, keyed by environment and user, the current one marked', () => {
    expect(knownAccounts(file)).toEqual([
      {
        key: 'production:studio_a',
        environment: 'production',
        username: 'studio_a',
        status: 'connected',
        current: false,
      },
      {
        key: 'sandbox:studio_b',
        environment: 'sandbox',
        username: 'studio_b',
        status: 'needs_sign_in',
        current: true,
      },
    ])
  })

  it('skips a profile nobody signed in to', () => {
    const bare = v1({
      version: 1,
      environment: 'production',
      profiles: { production: { appId: 'x' } },
    })
    expect(knownAccounts(bare)).toEqual([])
  })

  it('finds an account by username, @username or key', () => {
    expect(resolveAccount(file, 'studio_a').key).toBe('production:studio_a')
    expect(resolveAccount(file, '@studio_b').key).toBe('sandbox:studio_b')
    expect(resolveAccount(file, 'sandbox:studio_b').username).toBe('studio_b')
  })

  it('an unknown name is a validation error that lists the known accounts', () => {
    let caught: unknown
    try {
      resolveAccount(file, 'nobody')
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(AppError)
    expect((caught as AppError).kind).toBe('validation')
    expect((caught as AppError).message).toBe(
      'Unknown account "nobody". Known accounts: @studio_a (production), @studio_b (sandbox).',
    )
  })

  it('with no account at all, the error says to sign in', () => {
    const empty = v1({ version: 1, environment: 'production', profiles: {} })
    expect(() => resolveAccount(empty, 'x')).toThrow(/no account is signed in yet/)
  })
})

it('takes the sandbox account of a username in both environments when asked for the sandbox', () => {
  const twins = v1({
    version: 1,
    environment: 'production',
    profiles: {
      production: { username: 'twin', status: 'connected' },
      sandbox: { username: 'twin', status: 'connected' },
    },
  })
  expect(resolveAccount(twins, 'twin').key).toBe('production:twin')
  expect(resolveAccount(twins, '@twin', 'sandbox').key).toBe('sandbox:twin')
  expect(resolveAccount(file, 'studio_a', 'sandbox').key).toBe('production:studio_a')
})
