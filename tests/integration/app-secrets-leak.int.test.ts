import { randomBytes } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadTokenBundle } from '../../src/main/auth/token-bundle'
import type { KeyringSecretStore } from '../../src/main/secrets/secret-store'
import type { ProgressEvent } from '../../src/shared/progress-events'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import { freePort } from '../support/net'
import { writeImage, writeVideo } from '../support/media-files'
import { privateKeyring, realKeyring, USER_KEY } from '../support/keychain'
import { startTestApp, type TestApp } from '../support/test-app'
import { waitFor } from '../support/wait-for'
import { addAsWindow } from '../support/add-paths-kit'

// Issue 5: a whole sign-in + upload (+ a refresh), then every file the app wrote and every IPC message
// is searched for the secrets. Needs the real keychain: the tokens live nowhere else.
const APP_ID = 'leak-test-app'
const APP_SECRET = `leak-secret-${randomBytes(12).toString('hex')}`

let fake: FakePinterest
let testApp: TestApp
let root: string
let port: number
let secrets: KeyringSecretStore
const ipcMessages: unknown[] = []
const seenSecrets = new Set<string>([APP_SECRET])

async function call(channel: string, input: unknown) {
  const r = await testApp.dispatch(channel, input)
  ipcMessages.push(r)
  return r
}

async function rememberTokens() {
  const bundle = await loadTokenBundle(secrets, USER_KEY)
  expect(bundle).not.toBeNull()
  seenSecrets.add(bundle!.accessToken)
  if (bundle!.refreshToken) seenSecrets.add(bundle!.refreshToken)
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    return statSync(p).isDirectory() ? filesUnder(p) : [p]
  })
}

describe.skipIf(!realKeyring)('secrets never leave the keychain (whole app)', () => {
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'pinload-leak-'))
    port = await freePort()
    fake = await startFakePinterest({
      clients: [{ clientId: APP_ID, clientSecret: APP_SECRET, redirectUris: [`http://localhost:${port}/`] }],
      mediaProcessingMs: 100,
      rateLimits: false,
    })
    secrets = privateKeyring('Leak')
    testApp = await startTestApp({
      dataDir: join(root, 'data'),
      fake,
      secrets,
      log: (line) => ipcMessages.push(line),
      onEvent: (event, payload) => ipcMessages.push({ event, payload }),
    })
  }, 60_000)

  afterAll(async () => {
    await testApp?.shutdown()
    for (const key of ['production:app-secret', `${USER_KEY}:tokens`])
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
    writeVideo(media, 'clip.mp4')
    const expected = 3
    const added = await addAsWindow(call, [media], { boardId: board.id, titleTemplate: '{name}' })
    expect(added).toMatchObject({ ok: true, value: { queued: expected } })
    await waitFor(`${expected} Pins`, () => fake.pins.length === expected, { timeoutMs: 30_000 })

    // A refresh: the access token dies, the next call gets a 401, the client refreshes (rotation) and retries.
    const before = await loadTokenBundle(secrets, USER_KEY)
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

    await testApp.shutdown() // flush the database and the log
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
