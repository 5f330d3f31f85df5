import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest'
import { runCli } from '../../src/cli/program'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import { AddPaths, type AddPathsOutcome } from '../../src/main/services/add-paths'
import { makeMedia } from '../support/media-files'
import { startTestApp } from '../support/test-app'
import { waitFor } from '../support/wait-for'
import { cliEnv } from './cli-helpers'
import { addAsWindow } from '../support/add-paths-kit'

// The window's drop and `pinload upload` are one use case (docs/architecture.md, "Layers and what each may
// import"): both reach the AddPaths service their core built, and what each reports is what it returned.
let fake: FakePinterest
let root: string

beforeAll(async () => {
  fake = await startFakePinterest({ rateLimits: false, mediaProcessingMs: 50 })
  root = mkdtempSync(join(tmpdir(), 'pinload-add-paths-'))
})
afterAll(async () => {
  await fake.close()
  rmSync(root, { recursive: true, force: true })
})
afterEach(() => vi.restoreAllMocks())

it("the window's 'uploads:add-paths' and `pinload upload` both go through the one add-paths use case", async () => {
  const board = fake.addBoard({ name: 'Travel' })
  const token = fake.issueToken().accessToken
  const add = vi.spyOn(AddPaths.prototype, 'add')
  const outcome = (call: number) => add.mock.results[call]!.value as Promise<AddPathsOutcome>

  // The window, through the real composition root and router. Its own data folder: the app holds that
  // folder's queue, and the command would (rightly) refuse to run it.
  const win = await startTestApp({
    dataDir: join(root, 'app'),
    fake,
    env: { PINLOAD_ACCESS_TOKEN: token },
  })
  try {
    const { images: dropped } = makeMedia(join(root, 'dropped'), { images: 2, videos: 0, prefix: 'win' })
    const added = await addAsWindow(win.dispatch, [join(root, 'dropped')], {
      boardId: board.id,
      titleTemplate: '{name}',
    })
    expect(add).toHaveBeenCalledTimes(1)
    expect(add.mock.contexts[0]).toBe(win.app.services.addPaths)
    expect(add.mock.calls[0]![0]).toMatchObject({ origin: 'drop', paths: [join(root, 'dropped')] })
    // Travel is public: the window's add asked first, and its yes queued what that scan found.
    expect((await outcome(0)).confirmation?.decision.reasons).toEqual([
      { kind: 'public_board', boardId: board.id, boardName: 'Travel' },
    ])
    expect(added).toMatchObject({ ok: true, value: { queued: dropped.length, duplicates: 0, problems: [] } })
    await waitFor('the dropped files published', () =>
      expect(fake.pins.filter((p) => p.title?.startsWith('win'))).toHaveLength(dropped.length),
    )
  } finally {
    await win.shutdown()
  }

  // The command, the real program in this process, so the same spy sees its call.
  const { images: uploaded } = makeMedia(join(root, 'uploaded'), { images: 2, videos: 0, prefix: 'cli' })
  let stdout = ''
  let stderr = ''
  const code = await runCli(
    ['upload', '--yes', join(root, 'uploaded'), '--board', 'travel', '--title', '{name}', '--json'],
    { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) },
    cliEnv(fake, join(root, 'cli'), token),
  )
  expect(stderr).toBe('')
  expect(code).toBe(0)
  expect(add).toHaveBeenCalledTimes(2)
  const cliService = add.mock.contexts[1]
  expect(cliService).toBeInstanceOf(AddPaths)
  expect(cliService).not.toBe(add.mock.contexts[0])
  expect(add.mock.calls[1]![0]).toMatchObject({ origin: 'cli', board: 'travel' })
  const { added, drafts } = await outcome(1)
  const results = (JSON.parse(stdout) as { results: { path: string; batchId: number; state: string }[] })
    .results
  expect(results.map((r) => r.path).sort()).toEqual(drafts.map((d) => d.path).sort())
  expect(results.map((r) => r.path).sort()).toEqual([...uploaded].sort())
  expect(results.every((r) => r.batchId === added.batchId && r.state === 'published')).toBe(true)
  expect(fake.pins.filter((p) => p.title?.startsWith('cli')).every((p) => p.board_id === board.id)).toBe(true)
})
