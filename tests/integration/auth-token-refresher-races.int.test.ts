import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { profileOf, readAccountFile, updateProfile } from '../../src/main/auth/account-file'
import { FileLock, type CrossProcessLock } from '../../src/main/auth/refresh-lock'
import {
  deleteTokenBundle,
  loadTokenBundle,
  saveTokenBundle,
  type TokenBundle,
} from '../../src/main/auth/token-bundle'
import { createAccountRefresher } from '../../src/main/auth/token-source'
import { silentLogger, type Logger } from '../../src/main/logging/logger'

import type { FlakyStore, TokenStub } from './token-refresher-kit'
import { bundle, DAY, NOW, refresher, useRefresherWorld, world } from './token-refresher-kit'
import { deferred } from './pipeline-memory-api'

useRefresherWorld()
let stub: TokenStub
let secrets: FlakyStore
let deadReasons: string[]
let refreshed: TokenBundle[]
beforeEach(() => ({ stub, secrets, deadReasons, refreshed } = world))

describe('TokenRefresher: sign-out, sign-in, keychain trouble and other processes during a refresh', () => {
  it('a sign-out during a refresh drops its answer: nothing is stored and no token is handed out', async () => {
    await saveTokenBundle(secrets, 'production', bundle())
    const r = refresher()
    await r.getAccessToken()
    const answer = deferred()
    stub.gate = answer.promise
    const settled = r.refreshAccessToken().then(
      () => 'resolved with a token',
      (e: unknown) => e,
    )
    await expect.poll(() => stub.calls).toBe(1)
    // As AccountService.signOut does: the refresher first, the keychain once the refresh has let go of it.
    r.reset(null)
    expect(await settled).toMatchObject({
      kind: 'auth',
      message: expect.stringMatching(/not signed in/) as string,
    })
    // The token endpoint answers only now (it rotated the old grant): that answer must reach nothing.
    answer.resolve()
    await stub.replied(1)
    expect(await loadTokenBundle(secrets, 'production')).toMatchObject({ refreshToken: 'pinr-0' })
    await deleteTokenBundle(secrets, 'production')
    expect(refreshed).toEqual([])
    await expect(r.getAccessToken()).rejects.toMatchObject({ kind: 'auth' })
  })

  it("a new sign-in during a refresh wins: the old sign-in's rotation is neither stored nor handed out", async () => {
    await saveTokenBundle(secrets, 'production', bundle())
    const r = refresher()
    await r.getAccessToken()
    const answer = deferred()
    stub.gate = answer.promise
    const inflight = r.refreshAccessToken()
    await expect.poll(() => stub.calls).toBe(1)
    const fresh = bundle({ accessToken: 'pina-new', refreshToken: 'pinr-new' })
    r.reset(fresh)
    await expect(inflight).resolves.toBe('pina-new')
    answer.resolve()
    await stub.replied(1)
    expect(await loadTokenBundle(secrets, 'production')).toMatchObject({ refreshToken: 'pinr-0' })
    await saveTokenBundle(secrets, 'production', fresh)
    expect(refreshed).toEqual([])
    await expect(r.getAccessToken()).resolves.toBe('pina-new')
  })

  it('a keychain write refused after the rotation keeps the new token in memory, says so in the log, and stores it later', async () => {
    await saveTokenBundle(secrets, 'production', bundle())
    const logged: string[] = []
    const logger: Logger = {
      ...silentLogger,
      warn: (message, fields) => void logged.push(JSON.stringify({ message, fields })),
    }
    const r = refresher({ logger })
    secrets.refuseWrites = 1
    await expect(r.refreshAccessToken()).resolves.toBe('pina-1')
    expect(r.hasUnsavedTokens).toBe(true)
    expect((await loadTokenBundle(secrets, 'production'))?.refreshToken).toBe('pinr-0')
    // Memory, not the keychain's old bundle (whose refresh token Pinterest has killed).
    await expect(r.getAccessToken()).resolves.toBe('pina-1')
    expect(logged).toHaveLength(1)
    expect(logged[0]).toMatch(/could not save the renewed Pinterest sign-in/)
    for (const secret of ['pina-1', 'pinr-1', 'pinr-0', 'secret']) expect(logged[0]).not.toContain(secret)
    expect(refreshed).toEqual([])
    // A later call, once the retry interval has passed, offers it to the keychain again.
    world.clock += 11_000
    await expect(r.getAccessToken()).resolves.toBe('pina-1')
    expect(await loadTokenBundle(secrets, 'production')).toMatchObject({
      accessToken: 'pina-1',
      refreshToken: 'pinr-1',
    })
    expect(r.hasUnsavedTokens).toBe(false)
    expect(refreshed).toHaveLength(1)
    await expect(r.refreshAccessToken()).resolves.toBe('pina-2')
    expect(deadReasons).toEqual([])
  })

  it('the next refresh spends the live token held in memory, also after a reload', async () => {
    await saveTokenBundle(secrets, 'production', bundle())
    const r = refresher()
    // The rotation's write, the retry on reload and the retry before the next refresh are all refused.
    secrets.refuseWrites = 3
    await expect(r.refreshAccessToken()).resolves.toBe('pina-1')
    await r.reload()
    expect(r.hasUnsavedTokens).toBe(true)
    await expect(r.getAccessToken()).resolves.toBe('pina-1')
    await expect(r.refreshAccessToken()).resolves.toBe('pina-2')
    expect(await loadTokenBundle(secrets, 'production')).toMatchObject({
      accessToken: 'pina-2',
      refreshToken: 'pinr-2',
    })
    expect(deadReasons).toEqual([])
    expect(r.needsSignIn).toBe(false)
  })

  it('a dead sign-in stays dead through reloads (its own account.json write), until another sign-in is stored', async () => {
    await saveTokenBundle(secrets, 'production', bundle({ refreshToken: 'pinr-dead' }))
    const r = refresher()
    await expect(r.refreshAccessToken()).rejects.toMatchObject({ kind: 'auth' })
    expect(r.needsSignIn).toBe(true)
    // The app sees its own needs-sign-in write to account.json and reloads: nothing was signed in since.
    await r.reload()
    expect(r.needsSignIn).toBe(true)
    await expect(r.getAccessToken()).rejects.toMatchObject({ kind: 'auth' })
    expect(stub.calls).toBe(1)
    // The command signs in: another refresh token in the keychain lifts it.
    await saveTokenBundle(secrets, 'production', bundle({ accessToken: 'pina-new', refreshToken: 'pinr-0' }))
    await r.reload()
    expect(r.needsSignIn).toBe(false)
    await expect(r.getAccessToken()).resolves.toBe('pina-new')
  })

  it('a held rotation that Pinterest then refuses is never written to the keychain, and the account stays dead', async () => {
    await saveTokenBundle(secrets, 'production', bundle())
    const r = refresher()
    secrets.refuseWrites = 1
    await expect(r.refreshAccessToken()).resolves.toBe('pina-1')
    expect(r.hasUnsavedTokens).toBe(true)
    // Pinterest revokes it (the user removed the app): the held refresh token is refused too.
    stub.live.clear()
    secrets.refuseWrites = 1
    await expect(r.refreshAccessToken()).rejects.toMatchObject({ kind: 'auth' })
    expect(r.needsSignIn).toBe(true)
    expect(r.hasUnsavedTokens).toBe(false)
    await r.reload()
    expect(r.needsSignIn).toBe(true)
    expect((await loadTokenBundle(secrets, 'production'))?.refreshToken).toBe('pinr-0')
    expect(refreshed).toEqual([])
  })

  it('quitting stops a wait for the lock another process holds, at once', async () => {
    await saveTokenBundle(secrets, 'production', bundle({ accessExpiresAt: NOW + DAY }))
    const dir = await mkdtemp(join(tmpdir(), 'pinload-quit-'))
    try {
      const held = await new FileLock(join(dir, 'lock'), { waitMs: 30_000 }).acquire()
      const file = new FileLock(join(dir, 'lock'), { waitMs: 30_000 })
      const waiting = deferred()
      const lock: CrossProcessLock = {
        acquire: (opts) => {
          waiting.resolve()
          return file.acquire(opts)
        },
      }
      const r = refresher({ lock })
      const started = Date.now()
      const pending = r.refreshAccessToken().catch((e: unknown) => e)
      // The refresh is waiting for the lock the other process holds when the app quits.
      await waiting.promise
      r.dispose()
      expect(await pending).toMatchObject({ kind: 'transient' })
      expect(Date.now() - started).toBeLessThan(2000)
      expect(stub.calls).toBe(0)
      await held!()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('a sign-in by another process replaces a rotation the keychain refused', async () => {
    await saveTokenBundle(secrets, 'production', bundle())
    const r = refresher()
    secrets.refuseWrites = 1
    await expect(r.refreshAccessToken()).resolves.toBe('pina-1')
    const other = bundle({ accessToken: 'pina-cli', refreshToken: 'pinr-cli' })
    await saveTokenBundle(secrets, 'production', other)
    await r.reload()
    await expect(r.getAccessToken()).resolves.toBe('pina-cli')
    expect(await loadTokenBundle(secrets, 'production')).toEqual(other)
    expect(r.hasUnsavedTokens).toBe(false)
  })

  it("two processes refreshing at once: the lock makes the second adopt the first one's rotation", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pinload-lock-'))
    try {
      await saveTokenBundle(secrets, 'production', bundle())
      secrets.setDelayMs = 20
      const file = join(dir, 'token-refresh-production.lock')
      // No waiting for a rotation after a 283: only the lock can keep the second from spending the dead token.
      const app = refresher({ lock: new FileLock(file), adoptWaitMs: 0 })
      const cli = refresher({ lock: new FileLock(file), adoptWaitMs: 0 })
      await Promise.all([app.getAccessToken(), cli.getAccessToken()])
      const tokens = await Promise.all([app.refreshAccessToken(), cli.refreshAccessToken()])
      expect(tokens).toEqual(['pina-1', 'pina-1'])
      expect(stub.calls).toBe(1)
      expect(deadReasons).toEqual([])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it("without a lock, the loser of the race waits for the winner's rotation to reach the keychain instead of giving up", async () => {
    await saveTokenBundle(secrets, 'production', bundle())
    // The winner's keychain write lands well after the loser hears 283.
    secrets.setDelayMs = 150
    const app = refresher({ adoptWaitMs: 2000 })
    const cli = refresher({ adoptWaitMs: 2000 })
    await Promise.all([app.getAccessToken(), cli.getAccessToken()])
    const tokens = await Promise.all([app.refreshAccessToken(), cli.refreshAccessToken()])
    expect(tokens).toEqual(['pina-1', 'pina-1'])
    expect(stub.calls).toBe(2)
    expect(deadReasons).toEqual([])
    expect(cli.needsSignIn).toBe(false)
  })

  it('a successful refresh sets account.json back to connected and clears the needs-sign-in reason', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'pinload-account-'))
    try {
      await secrets.set('production:app-secret', 'secret')
      await saveTokenBundle(secrets, 'production', bundle())
      // Another process lost a refresh race and wrote this, although the sign-in is healthy.
      await updateProfile(dataDir, 'production', (p) => ({
        ...p,
        appId: 'app',
        tokenSource: 'oauth',
        status: 'needs_sign_in',
        reason: 'Pinterest no longer accepts the saved sign-in.',
      }))
      const r = createAccountRefresher({
        dataDir,
        secrets,
        environment: 'production',
        apiBase: stub.base,
        now: () => world.clock,
        fetchTimeoutMs: 2000,
      })
      await expect(r.refreshAccessToken()).resolves.toBe('pina-1')
      const profile = profileOf(await readAccountFile(dataDir), 'production')
      expect(profile).toMatchObject({ status: 'connected', accessExpiresAt: NOW + 30 * DAY })
      expect(profile.reason).toBeUndefined()
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})
