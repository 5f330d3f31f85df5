import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import type { AccountView } from '../../src/shared/domain'
import { addAsWindow } from '../support/add-paths-kit'
import { writeImage } from '../support/media-files'
import { startTestApp, type TestApp } from '../support/test-app'

// Issue 11, finding 2: switching the account or token while items are queued asks in a native dialog from
// main (the desktop port), never in the window.
let fake: FakePinterest
let app: TestApp
let root: string
const asked: { message: string; buttons: readonly string[] }[] = []
const answers: boolean[] = []

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'pinload-switch-'))
  fake = await startFakePinterest({ rateLimits: false })
  app = await startTestApp({
    dataDir: join(root, 'data'),
    fake,
    desktop: {
      confirm: (message, _detail, buttons) => {
        asked.push({ message, buttons })
        return Promise.resolve(answers.shift() ?? false)
      },
    },
  })
}, 60_000)

afterAll(async () => {
  await app?.shutdown()
  await fake?.close()
  rmSync(root, { recursive: true, force: true })
})

const useToken = (token: string) => app.dispatch('account:use-token', { token, environment: 'production' })

it('asks before replacing the token while items are unfinished, and keeps the account on no', async () => {
  // Signed in, nothing queued: nothing to ask.
  expect(await useToken(fake.issueToken().accessToken)).toMatchObject({ ok: true })
  expect(asked).toEqual([])

  await app.call('uploads:pause-all', {})
  const board = fake.addBoard({ name: 'Drafts', privacy: 'PROTECTED' })
  const pics = join(root, 'pics')
  mkdirSync(pics)
  writeImage(pics, 'a.png', 'png')
  expect(await addAsWindow(app.dispatch, [pics], { boardId: board.id })).toMatchObject({
    value: { queued: 1 },
  })
  const before = await app.call<AccountView>('account:get', {})

  answers.push(false)
  expect(await useToken(fake.issueToken().accessToken)).toMatchObject({
    ok: false,
    error: { kind: 'cancelled' },
  })
  expect(asked).toHaveLength(1)
  expect(asked[0]!.message).toBe('Switch the Pinterest account while 1 item is in the queue?')
  expect(asked[0]!.buttons).toEqual(['Switch account', 'Keep the current one'])
  expect(await app.call<AccountView>('account:get', {})).toEqual(before)

  answers.push(true)
  expect(await useToken(fake.issueToken().accessToken)).toMatchObject({
    ok: true,
    value: { status: 'connected' },
  })
  expect(asked).toHaveLength(2)
})

it('asks before signing out while items are unfinished, and stays signed in on no', async () => {
  const before = await app.call<AccountView>('account:get', {})
  expect(before.status).toBe('connected')
  asked.length = 0

  answers.push(false)
  expect(await app.dispatch('account:sign-out', {})).toMatchObject({
    ok: false,
    error: { kind: 'cancelled' },
  })
  expect(asked).toEqual([
    { message: 'Sign out while 1 item is in the queue?', buttons: ['Sign out', 'Stay signed in'] },
  ])
  expect(await app.call<AccountView>('account:get', {})).toEqual(before)

  answers.push(true)
  expect(await app.dispatch('account:sign-out', {})).toMatchObject({
    ok: true,
    value: { status: 'signed_out' },
  })
  expect(asked).toHaveLength(2)
})
