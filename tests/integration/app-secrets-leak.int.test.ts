import { randomBytes } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp, type RunningApp } from '../../src/main/app/app-services'
import { headlessDesktopPorts } from '../../src/main/app/desktop-ports'
import { loadTokenBundle } from '../../src/main/auth/token-bundle'
import { createIpcRouter, type IpcRouter } from '../../src/main/ipc/ipc-router'
import { KeyringSecretStore } from '../../src/main/secrets/secret-store'
import type { ProgressEvent } from '../../src/shared/ipc/contract'
import { startFakePinterest, type FakePinterest } from '../fake-pinterest/index'
import { freePort } from '../support/net'
import { hasFfmpeg, writeImage, writeVideo } from './pinterest-test-kit'

// Issue 5: a whole sign-in + upload (+ a refresh), then every file the app wrote and every IPC message
// is searched for the secrets. Needs the real keychain: the tokens live nowhere else.
const REAL = process.env.PINLOAD_REAL_KEYRING === '1'
const APP_ID = 'leak-test-app'
const APP_SECRET = `leak-secret-${randomBytes(12).toString('hex')}`
const sender = { id: 1, frameUrl: 'file:///app/index.html', isMainFrame: true }

let fake: FakePinterest
let app: RunningApp
let router: IpcRouter
let root: string
let port: number
let secrets: KeyringSecretStore
const ipcMessages: unknown[] = []
const seenSecrets = new Set<string>([APP_SECRET])

async function call(channel: string, input: unknown) {
  const r = await router.dispatch(channel, input, sender)
  ipcMessages.push(r)
  return r
}

async function rememberTokens() {
  const bundle = await loadTokenBundle(secrets, 'production')
  expect(bundle).not.toBeNull()
  seenSecrets.add(bundle!.accessToken)
  if (bundle!.refreshToken) seenSecrets.add(bundle!.refreshToken)
}

async function waitFor(pred: () => boolean, timeoutMs = 30_000): Promise<void> {
  const start = Date.now()
  while (!pred()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 50))
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    return statSync(p).isDirectory() ? filesUnder(p) : [p]
  })
}

describe.skipIf(!REAL)('secrets never leave the keychain (whole app)', () => {
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'pinload-leak-'))
    port = await freePort()
    fake = await startFakePinterest({
      clients: [{ clientId: APP_ID, clientSecret: APP_SECRET, redirectUris: [`http://localhost:${port}/`] }],
      mediaProcessingMs: 100,
      rateLimits: false,
    })
    secrets = new KeyringSecretStore({
      service: `PinloadLeak-${process.pid}-${randomBytes(4).toString('hex')}`,
    })
    app = await startApp({
      dataDir: join(root, 'data'),
      env: { PINLOAD_API_BASE: fake.apiBase, PINLOAD_OAUTH_BASE: fake.oauthBase },
      secrets,
      desktop: {
        ...headlessDesktopPorts((line) => ipcMessages.push(line)),
        // Plays the browser: the fake approves and redirects to the loopback listener.
        openAuthorizePage: async (url) => {
          await (await fetch(url, { redirect: 'follow' })).text()
        },
      },
      emit: (event, payload) => ipcMessages.push({ event, payload }),
    })
    router = createIpcRouter({ handlers: app.handlers, isTrustedSender: () => true, checkOutputs: true })
  }, 60_000)

  afterAll(async () => {
    await app?.shutdown()
    for (const key of ['production:app-secret', 'production:tokens'])
      await secrets?.delete(key).catch(() => {})
    await fake?.close()
    if (root) rmSync(root, { recursive: true, force: true })
  })

  it('signs in, uploads, refreshes, and no secret appears on disk or over IPC', async () => {
    const board = fake.addBoard({ name: 'Leak test' })
    expect(
      await call('account:save-app', {
        appId: APP_ID,
        appSecret: APP_SECRET,
        port,
        environment: 'production',
        secretBoards: false,
      }),
    ).toMatchObject({ ok: true })
    expect(await call('account:connect', {})).toMatchObject({ ok: true, value: { status: 'connected' } })
    await rememberTokens()

    const media = join(root, 'media')
    mkdirSync(media)
    writeImage(media, 'one.jpg', 'jpeg')
    writeImage(media, 'two.png', 'png')
    if (hasFfmpeg) writeVideo(media, 'clip.mp4')
    const expected = hasFfmpeg ? 3 : 2
    const added = await call('uploads:add-paths', {
      paths: [media],
      defaults: { boardId: board.id, titleTemplate: '{name}' },
    })
    expect(added).toMatchObject({ ok: true, value: { queued: expected } })
    await waitFor(() => fake.pins.length === expected)

    // A refresh: the access token dies, the next call gets a 401, the client refreshes (rotation) and retries.
    const before = await loadTokenBundle(secrets, 'production')
    fake.expireAccessToken(before!.accessToken)
    expect(await call('boards:list', { refresh: true })).toMatchObject({ ok: true })
    await rememberTokens()
    expect(seenSecrets.size).toBe(5) // app secret + two generations of access and refresh tokens

    const list = await call('uploads:list', {})
    expect(list).toMatchObject({ ok: true })
    const progress = ipcMessages.filter(
      (m): m is { event: string; payload: ProgressEvent } =>
        (m as { event?: string }).event === 'uploads:progress',
    )
    expect(progress.length).toBeGreaterThan(0)

    await app.shutdown() // flush the database and the log
    const files = filesUnder(join(root, 'data'))
    expect(files.some((f) => f.endsWith('pinload.db'))).toBe(true)
    expect(files.some((f) => f.endsWith('pinload.log'))).toBe(true)
    const leaks: string[] = []
    for (const file of files) {
      const bytes = readFileSync(file)
      for (const secret of seenSecrets)
        if (bytes.includes(secret)) leaks.push(`${file} holds ${secret.slice(0, 6)}…`)
    }
    const wire = JSON.stringify(ipcMessages)
    for (const secret of seenSecrets)
      if (wire.includes(secret)) leaks.push(`an IPC message holds ${secret.slice(0, 6)}…`)
    expect(leaks).toEqual([])
  }, 90_000)
})
