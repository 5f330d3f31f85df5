import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp, type RunningApp } from '../../src/main/app/app-services'
import { headlessDesktopPorts } from '../../src/main/app/desktop-ports'
import { saveTokenBundle } from '../../src/main/auth/token-bundle'
import { createIpcRouter } from '../../src/main/ipc/ipc-router'
import { MemorySecretStore } from '../../src/main/secrets/secret-store'
import { DEFAULT_USERNAME, startFakePinterest, type FakePinterest } from '../fake-pinterest/index'
import { requestsTo, writeBigJpeg } from './pinterest-test-kit'

// In the app, a watched folder with "subfolder = board" lists the boards once for all its files (a Trial
// app has 1,000 requests a day), and a sidecar may name a section, as it may for a dropped folder.
const sender = { id: 1, frameUrl: 'file:///app/index.html', isMainFrame: true }
let fake: FakePinterest
let root: string
let app: RunningApp | undefined

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'pinload-watch-app-'))
  fake = await startFakePinterest({ rateLimits: false })
})
afterAll(async () => {
  await app?.shutdown()
  await fake?.close()
  rmSync(root, { recursive: true, force: true })
})

describe('watched folders in the app', () => {
  it('one board listing serves every file, and a sidecar section name resolves', async () => {
    const board = fake.addBoard({ name: 'Recipes' })
    const section = fake.addSection(board.id, 'Starters')
    app = await startApp({
      dataDir: join(root, 'data'),
      env: { PINLOAD_API_BASE: fake.apiBase, PINLOAD_ACCESS_TOKEN: fake.issueToken().accessToken },
      secrets: new MemorySecretStore(),
      desktop: headlessDesktopPorts(),
      emit: () => {},
    })
    const router = createIpcRouter({ handlers: app.handlers, isTrustedSender: () => true })
    const watched = join(root, 'watched')
    const recipes = join(watched, 'Recipes')
    mkdirSync(recipes, { recursive: true })
    const added = await router.dispatch(
      'watch:add',
      { folder: watched, subfolderBoards: true, moveDone: false },
      sender,
    )
    expect(added).toMatchObject({ ok: true, value: { status: 'watching' } })

    for (let i = 0; i < 6; i++) writeBigJpeg(recipes, `dish-${i}.jpg`, 5000 + i * 100)
    writeFileSync(join(recipes, 'soup.jpg.json'), JSON.stringify({ section: 'Starters' }))
    writeBigJpeg(recipes, 'soup.jpg', 9000)

    for (let t = Date.now(); fake.pins.length < 7 && Date.now() - t < 30_000;)
      await new Promise((r) => setTimeout(r, 100))
    expect(fake.pins).toHaveLength(7)
    expect(fake.pins.every((p) => p.board_id === board.id)).toBe(true)
    expect(fake.pins.filter((p) => p.board_section_id === section.id)).toHaveLength(1)
    expect(requestsTo(fake, 'GET', /\/boards$/)).toHaveLength(1)
    const views = await router.dispatch('watch:list', {}, sender)
    expect(views).toMatchObject({ ok: true, value: [{ status: 'watching' }] })
    expect((views as { value: { lastError?: string }[] }).value[0]!.lastError).toBeUndefined()
  }, 60_000)

  it("after another user signs in to the same environment, files go to that user's board of the same name", async () => {
    const theirs = fake.addBoard({ name: 'Travel', owner: DEFAULT_USERNAME })
    const mine = fake.addBoard({ name: 'Travel', owner: 'second-user' })
    const secrets = new MemorySecretStore()
    const signIn = (username: string) => {
      const t = fake.issueToken({ username })
      return saveTokenBundle(secrets, 'production', {
        accessToken: t.accessToken,
        refreshToken: t.refreshToken,
        accessExpiresAt: null,
        refreshExpiresAt: null,
        scope: null,
      })
    }
    await signIn(DEFAULT_USERNAME)
    const second = await startApp({
      dataDir: join(root, 'data-users'),
      env: { PINLOAD_API_BASE: fake.apiBase },
      secrets,
      desktop: headlessDesktopPorts(),
      emit: () => {},
    })
    try {
      const watched = join(root, 'watched-users')
      mkdirSync(join(watched, 'Travel'), { recursive: true })
      await second.services.watches.add({ folder: watched, subfolderBoards: true, moveDone: false })
      const onBoard = (id: string) => fake.pins.filter((p) => p.board_id === id).length
      const waitForPin = async (id: string) => {
        for (let t = Date.now(); onBoard(id) < 1 && Date.now() - t < 30_000;)
          await new Promise((r) => setTimeout(r, 100))
      }
      writeBigJpeg(join(watched, 'Travel'), 'first.jpg', 5000)
      await waitForPin(theirs.id)
      expect(onBoard(theirs.id)).toBe(1)

      // The `pinload` command signed in as someone else: same environment, so only the account change tells.
      await signIn('second-user')
      await second.services.account.reload()
      writeBigJpeg(join(watched, 'Travel'), 'second.jpg', 6000)
      await waitForPin(mine.id)
      expect([onBoard(theirs.id), onBoard(mine.id)]).toEqual([1, 1])
    } finally {
      await second.shutdown()
    }
  }, 90_000)
})
