import { beforeEach, describe, expect, it } from 'vitest'
import { loadTokenBundle, saveTokenBundle, type TokenBundle } from '../../src/main/auth/token-bundle'
import { ApiError } from '../../src/main/pinterest/api-error'

import type { FlakyStore, TokenStub } from './token-refresher-kit'
import { bundle, DAY, NOW, refresher, useRefresherWorld, world } from './token-refresher-kit'

useRefresherWorld()
let stub: TokenStub
let secrets: FlakyStore
let deadReasons: string[]
let refreshed: TokenBundle[]
beforeEach(() => ({ stub, secrets, deadReasons, refreshed } = world))

describe('TokenRefresher', () => {
  it('returns the stored token while it has more than 3 days left', async () => {
    await saveTokenBundle(secrets, 'production', bundle())
    await expect(refresher().getAccessToken()).resolves.toBe('pina-0')
    expect(stub.calls).toBe(0)
  })

  it('refreshes proactively within 3 days of expiry and stores the rotated token before answering', async () => {
    await saveTokenBundle(secrets, 'production', bundle({ accessExpiresAt: NOW + 2 * DAY }))
    const r = refresher()
    await expect(r.getAccessToken()).resolves.toBe('pina-1')
    const stored = await loadTokenBundle(secrets, 'production')
    expect(stored).toMatchObject({
      accessToken: 'pina-1',
      refreshToken: 'pinr-1',
      accessExpiresAt: NOW + 30 * DAY,
      refreshExpiresAt: NOW + 60 * DAY,
    })
    expect(refreshed).toHaveLength(1)
    expect(stub.live.has('pinr-0')).toBe(false)
  })

  it('shares one refresh among concurrent callers and writes the rotation in one keychain write', async () => {
    await saveTokenBundle(secrets, 'production', bundle())
    const r = refresher()
    await r.getAccessToken()
    const writesBefore = secrets.writes
    const tokens = await Promise.all(Array.from({ length: 6 }, () => r.refreshAccessToken()))
    expect(new Set(tokens)).toEqual(new Set(['pina-1']))
    expect(stub.calls).toBe(1)
    expect(secrets.writes - writesBefore).toBe(1)
    // The next forced refresh is a new flight with the rotated token.
    await expect(r.refreshAccessToken()).resolves.toBe('pina-2')
    expect((await loadTokenBundle(secrets, 'production'))?.refreshToken).toBe('pinr-2')
  })

  it('turns an invalid grant (283) into needs-sign-in and ApiError auth, once', async () => {
    await saveTokenBundle(secrets, 'production', bundle({ refreshToken: 'pinr-dead' }))
    const r = refresher()
    const error = await r.refreshAccessToken().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({
      kind: 'auth',
      details: { code: 283, fix: expect.stringMatching(/^Sign in again/) as string },
    })
    expect(r.needsSignIn).toBe(true)
    expect(deadReasons).toHaveLength(1)
    await expect(r.getAccessToken()).rejects.toMatchObject({ kind: 'auth' })
    expect(stub.calls).toBe(1)
    expect(String((error as Error).message)).not.toContain('pinr-dead')
  })

  it('a network failure during refresh is transient, not a sign-out', async () => {
    await saveTokenBundle(secrets, 'production', bundle())
    const r = refresher({ apiBase: 'http://127.0.0.1:1/v5' })
    await expect(r.refreshAccessToken()).rejects.toMatchObject({ kind: 'transient' })
    expect(r.needsSignIn).toBe(false)
    expect(deadReasons).toEqual([])
  })

  it('a server error during a proactive refresh keeps the still-valid token', async () => {
    await saveTokenBundle(secrets, 'production', bundle({ accessExpiresAt: NOW + DAY }))
    stub.fail = { status: 503, body: { code: 1, message: 'down' } }
    const r = refresher()
    await expect(r.getAccessToken()).resolves.toBe('pina-0')
    expect(r.needsSignIn).toBe(false)
    // No retry storm: the next call within a minute does not call Pinterest again.
    await r.getAccessToken()
    expect(stub.calls).toBe(1)
  })

  it('a pasted token (no refresh token) cannot be renewed: 401 → needs sign-in', async () => {
    await saveTokenBundle(
      secrets,
      'production',
      bundle({ refreshToken: null, accessExpiresAt: null, refreshExpiresAt: null }),
    )
    const r = refresher()
    await expect(r.getAccessToken()).resolves.toBe('pina-0')
    await expect(r.refreshAccessToken()).rejects.toMatchObject({ kind: 'auth' })
    expect(deadReasons).toHaveLength(1)
    expect(stub.calls).toBe(0)
  })

  it('adopts a rotation another process already stored instead of spending the dead refresh token', async () => {
    await saveTokenBundle(secrets, 'production', bundle())
    const r = refresher()
    await r.getAccessToken()
    // Another Pinload process refreshed meanwhile.
    await saveTokenBundle(
      secrets,
      'production',
      bundle({ accessToken: 'pina-other', refreshToken: 'pinr-other' }),
    )
    await expect(r.refreshAccessToken()).resolves.toBe('pina-other')
    expect(stub.calls).toBe(0)
  })

  it('without the app secret the sign-in cannot be renewed', async () => {
    await saveTokenBundle(secrets, 'production', bundle())
    await expect(refresher({ credentials: false }).refreshAccessToken()).rejects.toMatchObject({
      kind: 'auth',
    })
  })

  it('not signed in → ApiError auth', async () => {
    await expect(refresher().getAccessToken()).rejects.toMatchObject({ kind: 'auth' })
  })

  it('checkNow refreshes when due and never throws', async () => {
    await saveTokenBundle(secrets, 'production', bundle({ accessExpiresAt: NOW + DAY }))
    const r = refresher()
    await r.checkNow()
    expect((await loadTokenBundle(secrets, 'production'))?.accessToken).toBe('pina-1')
    stub.fail = { status: 400, body: { code: 283, message: 'The authorization grant is invalid' } }
    world.clock += 28 * DAY
    await expect(r.checkNow()).resolves.toBeUndefined()
    expect(r.needsSignIn).toBe(true)
  })
})
