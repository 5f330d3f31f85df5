import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { saveTokenBundle } from '../../src/main/auth/token-bundle'
import { MemorySecretStore } from '../../src/main/secrets/secret-store'
import { DEFAULT_USERNAME, startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import { writeBigJpeg } from '../support/media-files'
import { watchAsWindow } from '../support/add-paths-kit'
import { startTestApp, type TestApp } from '../support/test-app'
import { waitFor } from '../support/wait-for'
import { requestsTo } from './pinterest-test-kit'

// In the app, a watched folder with "subfolder = board" lists the boards once for all its files (a Trial
// app has 1,000 requests a day), and a sidecar may name a section, as it may for a dropped folder.
let fake: FakePinterest
let root: string
let app: TestApp | undefined

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
    app = await startTestApp({
      dataDir: join(root, 'data'),
      fake,
      env: { PINLOAD_ACCESS_TOKEN: fake.issueToken().accessToken },
    })
    const watched = join(root, 'watched')
    const recipes = join(watched, 'Recipes')
    mkdirSync(recipes, { recursive: true })
    const added = await watchAsWindow(app.dispatch, watched, { subfolderBoards: true, moveDone: false })
    expect(added).toMatchObject({ ok: true, value: { status: 'watching' } })

    for (let i = 0; i < 6; i++) writeBigJpeg(recipes, `dish-${i}.jpg`, 5000 + i * 100)
    writeFileSync(join(recipes, 'soup.jpg.json'), JSON.stringify({ section: 'Starters' }))
    writeBigJpeg(recipes, 'soup.jpg', 9000)

    await waitFor('7 Pins', () => fake.pins.length >= 7, { timeoutMs: 30_000 })
    expect(fake.pins).toHaveLength(7)
    expect(fake.pins.every((p) => p.board_id === board.id)).toBe(true)
    expect(fake.pins.filter((p) => p.board_section_id === section.id)).toHaveLength(1)
    expect(requestsTo(fake, 'GET', /\/boards$/)).toHaveLength(1)
    const views = await app.dispatch('watch:list', {})
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
    const second = (await startTestApp({ dataDir: join(root, 'data-users'), fake, secrets })).app
    try {
      const watched = join(root, 'watched-users')
      mkdirSync(join(watched, 'Travel'), { recursive: true })
      await second.services.watches.add({ folder: watched, subfolderBoards: true, moveDone: false })
      const onBoard = (id: string) => fake.pins.filter((p) => p.board_id === id).length
      const waitForPin = (id: string) =>
        waitFor(`a Pin on board ${id}`, () => onBoard(id) >= 1, { timeoutMs: 30_000 })
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
