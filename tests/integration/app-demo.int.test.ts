import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp } from '../../src/main/app/app-services'
import { headlessDesktopPorts } from '../../src/main/app/desktop-ports'
import { createIpcRouter } from '../../src/main/ipc/ipc-router'
import type { AccountView, Board, ItemView } from '../../src/shared/domain'
import type { BatchDoneEvent, ProgressEvent } from '../../src/shared/progress-events'
import { makeMedia } from '../support/media-files'
import { APP_SENDER, startTestApp } from '../support/test-app'

// The app's side of the built-in demo (README.md, "Try it without a Pinterest account"): startApp with
// `demo` signs in as the stand-in's demo user in a throwaway data folder, and the window's channels work on it.

let root: string
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'pinload-app-demo-'))
})
afterAll(() => {
  rmSync(root, { recursive: true, force: true })
})

describe('startApp({ demo: true })', () => {
  it('signs in as the demo user, lists the demo boards, publishes a dropped folder, and shutdown removes its data', async () => {
    const userData = mkdtempSync(join(root, 'user-data-'))
    const relaunches: boolean[] = []
    const progress: ProgressEvent[] = []
    let batchDone!: (e: BatchDoneEvent) => void
    const done = new Promise<BatchDoneEvent>((r) => (batchDone = r))
    const app = await startApp({
      demo: true,
      dataDir: userData,
      // A token and an API base of the user's own are not used by the demo.
      env: { PINLOAD_ACCESS_TOKEN: 'pina_users_own', PINLOAD_API_BASE: 'http://127.0.0.1:9/v5' },
      desktop: { ...headlessDesktopPorts(), relaunch: ({ demo }) => void relaunches.push(demo) },
      emit: (event, payload) => {
        if (event === 'uploads:progress') progress.push(payload as ProgressEvent)
        if (event === 'uploads:batch-done') batchDone(payload as BatchDoneEvent)
      },
    })
    const router = createIpcRouter({
      handlers: app.handlers,
      isTrustedSender: () => true,
      checkOutputs: true,
    })
    const call = async <T>(channel: string, input: unknown): Promise<T> => {
      const r = await router.dispatch(channel, input, APP_SENDER)
      if (!r.ok) throw new Error(`${channel}: ${r.error.kind}: ${r.error.message}`)
      return r.value as T
    }
    const demoDir = app.dataDir
    try {
      expect(app.demo).toBe(true)
      expect(demoDir).not.toBe(userData)
      expect(existsSync(join(demoDir, 'pinload.db'))).toBe(true)
      expect(await call('app:mode', {})).toEqual({ demo: true })

      const account = await call<AccountView>('account:get', {})
      expect(account).toMatchObject({ status: 'connected', username: 'pinload-demo' })
      const boards = await call<Board[]>('boards:list', {})
      expect(boards.map((b) => b.name)).toEqual(['Recipes', 'Travel', 'Home ideas'])

      const { images, videos } = makeMedia(join(root, 'drop'), { images: 2, videos: 1, prefix: 'app' })
      // Through the use case behind the window's drop (its channel is being reworked; add-paths-shared.int.test.ts
      // ties the two), on a secret board so the add does not stop to ask (src/shared/confirm-rules.ts).
      const board = await call<Board>('boards:create', { name: 'Demo drafts', privacy: 'SECRET' })
      const { added } = await app.services.addPaths.add({
        paths: [join(root, 'drop')],
        defaults: { boardId: board.id, titleTemplate: '{name}' },
        origin: 'drop',
      })
      expect(added).toMatchObject({ queued: images.length + videos.length, problems: [] })
      expect(await done).toMatchObject({ published: images.length + videos.length, failed: 0 })

      const { items } = await call<{ items: ItemView[] }>('uploads:list', {})
      expect(items.map((i) => i.state)).toEqual(['published', 'published', 'published'])
      // The Pins live on the stand-in only: no link to a pinterest.com page that does not exist.
      for (const item of [...items, ...progress.flatMap((p) => p.items)]) expect(item.pinUrl).toBeUndefined()
      expect(items.every((i) => /^\d+$/.test(i.pinId ?? ''))).toBe(true)

      // Already in the demo: "Try the demo" does nothing; "Leave demo" relaunches without it.
      expect(await call('app:start-demo', {})).toBeNull()
      expect(await call('app:leave-demo', {})).toBeNull()
      expect(relaunches).toEqual([false])
    } finally {
      await app.shutdown()
    }
    expect(existsSync(demoDir)).toBe(false)
    expect(readdirSync(userData)).toEqual([])
  }, 60_000)
})

describe('the usual app', () => {
  it('is not the demo, and "Try the demo" relaunches into it', async () => {
    const relaunches: boolean[] = []
    const t = await startTestApp({
      dataDir: mkdtempSync(join(root, 'usual-')),
      fake: { apiBase: 'http://127.0.0.1:9/v5', oauthBase: 'http://127.0.0.1:9/oauth/' },
      desktop: { relaunch: ({ demo }) => void relaunches.push(demo) },
    })
    try {
      expect(t.app.demo).toBe(false)
      expect(await t.call('app:mode', {})).toEqual({ demo: false })
      expect(await t.call('app:leave-demo', {})).toBeNull()
      expect(await t.call('app:start-demo', {})).toBeNull()
      expect(relaunches).toEqual([true])
    } finally {
      await t.shutdown()
    }
  })
})
