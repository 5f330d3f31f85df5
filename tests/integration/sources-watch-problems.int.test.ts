import { mkdirSync, mkdtempSync, rmSync, unlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createBoardResolver } from '../../src/main/sources/board-resolver'
import { WatchService, type WatchServiceOptions } from '../../src/main/sources/watch-service'
import { WatchView, type Board, type BoardSection, type ItemDraft } from '../../src/shared/domain'
import { bytes } from '../support/media-bytes'
import { MemorySink, MemoryWatchStore, waitForView } from '../support/source-doubles'
import { writeFileDeep as put } from '../support/temp-files'

// What a watch could not queue stays visible for the session, temporary failures are tried again, one
// board listing serves a whole session, and a file saved again is a new version.
let root: string
let services: WatchService[]
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'pinload-watch-problems-'))
  services = []
})
afterEach(async () => {
  await Promise.all(services.map((s) => s.stop()))
  rmSync(root, { recursive: true, force: true })
})

function folder(name: string): string {
  const p = join(root, name)
  mkdirSync(p, { recursive: true })
  return p
}
async function watching(
  dir: string,
  opts: Partial<WatchServiceOptions> & { sink: MemorySink },
  watch: { boardId?: string; subfolderBoards?: boolean } = { boardId: '7' },
) {
  const svc = new WatchService({ store: new MemoryWatchStore(), stableMs: 200, ...opts })
  services.push(svc)
  await svc.start()
  const view = await svc.add({ folder: dir, subfolderBoards: false, moveDone: false, ...watch })
  return { svc, id: view.id }
}
const webm = 'holiday.webm is a WebM/Matroska video; Pinterest only takes MP4, MOV or M4V videos'
const notes = 'notes.jpg is not an image or video (it is a text file)'

/** Fails its first enqueue as SQLite does when another process holds the write lock. */
class LockedOnceSink extends MemorySink {
  failed = 0
  override enqueue(
    drafts: ItemDraft[],
    origin: { kind: 'drop' | 'folder' | 'watch' | 'csv' | 'cli'; label: string },
  ) {
    if (this.failed++ === 0) throw new Error('database is locked')
    return super.enqueue(drafts, origin)
  }
}

/** The board calls of the Pinterest client, counted. */
function boardApi(boards: Board[], sections: Record<string, BoardSection[]>) {
  const calls = { boards: 0, sections: 0 }
  const api = {
    listBoards: async () => (calls.boards++, [...boards]),
    listSections: async (id: string) => (calls.sections++, [...(sections[id] ?? [])]),
    createBoard: () => Promise.reject(new Error('not here')),
    createSection: () => Promise.reject(new Error('not here')),
  }
  return { api, calls }
}
const board = (id: string, name: string) => ({ id, name }) as Board

describe('WatchService problems and retries', () => {
  it('keeps every refused file of the session in the view: a later success clears none of them', async () => {
    const dir = folder('drop')
    const sink = new MemorySink()
    const { svc, id } = await watching(dir, { sink })
    put(join(dir, 'holiday.webm'), bytes.webm())
    put(join(dir, 'notes.jpg'), bytes.text('meeting notes'))
    await waitForView(
      svc,
      (v) => (v.lastError ?? '').includes('holiday.webm') && (v.lastError ?? '').includes('notes.jpg'),
    )
    const good = put(join(dir, 'good.jpg'), bytes.jpeg())
    await sink.waitForCount(1)
    expect(sink.paths).toEqual([good])

    const view = svc.list()[0]!
    expect(view.lastFile).toBe(good)
    expect(view.lastError).toMatch(/^2 files need attention: /)
    expect(view.lastError).toContain(webm)
    expect(view.lastError).toContain(notes)
    expect(
      svc
        .problems(id)
        .map((p) => [p.path, p.message])
        .sort(),
    ).toEqual([
      [join(dir, 'holiday.webm'), webm],
      [join(dir, 'notes.jpg'), notes],
    ])

    // Gone from the folder: no longer a problem.
    unlinkSync(join(dir, 'notes.jpg'))
    expect((await waitForView(svc, (v) => !(v.lastError ?? '').includes('notes.jpg'))).lastError).toBe(webm)
  })

  it('keeps the last 50 problems and names the ones it does not spell out', async () => {
    const dir = folder('many')
    const { svc, id } = await watching(dir, { sink: new MemorySink() })
    for (let i = 1; i <= 50; i++) put(join(dir, `n${i}.jpg`), bytes.text(`note ${i}`))
    await waitForView(svc, (v) => (v.lastError ?? '').startsWith('50 files need attention'))
    const first = svc.problems(id).at(-1)!.path
    for (let i = 51; i <= 53; i++) {
      const p = put(join(dir, `n${i}.jpg`), bytes.text(`note ${i}`))
      await waitForView(svc, () => svc.problems(id)[0]?.path === p)
    }
    const view = svc.list()[0]!
    expect(svc.problems(id)).toHaveLength(50)
    expect(svc.problems(id).map((p) => p.path)).not.toContain(first)
    expect(view.lastError).toMatch(
      /; also n\d+\.jpg, n\d+\.jpg, n\d+\.jpg, n\d+\.jpg, n\d+\.jpg and 42 more$/,
    )
    // The window gets the same 50, and the contract's limit holds.
    expect(view.problems).toEqual(svc.problems(id))
    expect(WatchView.parse(view)).toEqual(view)
  })

  it('puts each problem in the view, newest first, with its file, message and time; a file fixed leaves the list', async () => {
    const dir = folder('listed')
    const sink = new MemorySink()
    let clock = 1_000
    const { svc } = await watching(dir, { sink, now: () => clock })
    const holiday = put(join(dir, 'holiday.webm'), bytes.webm())
    await waitForView(svc, (v) => v.problems.length === 1)
    clock = 2_000
    const noted = put(join(dir, 'notes.jpg'), bytes.text('meeting notes'))
    const view = await waitForView(svc, (v) => v.problems.length === 2)
    expect(view.problems).toEqual([
      { path: noted, message: notes, at: 2_000 },
      { path: holiday, message: webm, at: 1_000 },
    ])
    expect(view.lastError).toBe(`2 files need attention: ${notes}; ${webm}`)
    expect(WatchView.parse(view)).toEqual(view)

    // The same name saved again as a real photo: queued, and no longer listed.
    put(noted, bytes.jpeg())
    await sink.waitForCount(1)
    expect((await waitForView(svc, (v) => v.problems.length === 1)).problems).toEqual([
      { path: holiday, message: webm, at: 1_000 },
    ])
  })

  it('tries a file again after a failed board lookup instead of dropping it', async () => {
    const dir = folder('boards')
    const sink = new MemorySink()
    let calls = 0
    const resolver = async (name: string) =>
      calls++ === 0
        ? { error: 'Could not list your boards: socket hang up' }
        : { id: name === 'Recipes' ? '101' : '0' }
    const { svc } = await watching(dir, { sink, resolver, retryMs: 300 }, { subfolderBoards: true })
    const first = put(join(dir, 'Recipes/first.jpg'), bytes.jpeg())
    await waitForView(
      svc,
      (v) => v.lastError === 'first.jpg: Could not list your boards: socket hang up; trying again in 1 s',
    )
    const second = put(join(dir, 'Recipes/second.jpg'), bytes.jpeg(300))
    await sink.waitForCount(2)
    expect([...sink.paths].sort()).toEqual([first, second])
    expect(sink.batches.flatMap((b) => b.drafts).every((d) => d.meta.boardId === '101')).toBe(true)
    expect(svc.list()[0]!.lastError).toBeUndefined()
  })

  it('tries a file again when the queue could not take it ("database is locked")', async () => {
    const dir = folder('locked')
    const sink = new LockedOnceSink()
    const { svc } = await watching(dir, { sink, retryMs: 300 })
    const a = put(join(dir, 'a.jpg'), bytes.jpeg())
    await waitForView(
      svc,
      (v) => v.lastError === 'Could not queue a.jpg: database is locked; trying again in 1 s',
    )
    await sink.waitForCount(1)
    expect(sink.paths).toEqual([a])
    expect(sink.failed).toBe(2)
    await waitForView(svc, (v) => v.lastError === undefined)
  })

  it('gives up on a file after 12 tries and says so', async () => {
    const dir = folder('down')
    const sink = new MemorySink()
    let calls = 0
    const resolver = async () => (calls++, { error: 'Could not list your boards: Pinterest answered 503' })
    const { svc } = await watching(
      dir,
      { sink, resolver, retryMs: 1, stableMs: 50 },
      { subfolderBoards: true },
    )
    put(join(dir, 'Recipes/a.jpg'), bytes.jpeg())
    const view = await waitForView(svc, (v) => (v.lastError ?? '').includes('gave up'), 20_000)
    expect(view.lastError).toBe(
      'a.jpg: Could not list your boards: Pinterest answered 503; gave up after 12 tries (save the file again, or restart, to try once more)',
    )
    expect(calls).toBe(12)
    await new Promise((r) => setTimeout(r, 300))
    expect(calls).toBe(12)
  }, 30_000)

  it('lists the boards once per session, again for an unknown name at most once a minute, and resolves sidecar sections by name', async () => {
    const dir = folder('session')
    const sink = new MemorySink()
    const boards = [board('101', 'Recipes')]
    const { api, calls } = boardApi(boards, { '101': [{ id: '55', name: 'Starters' }] })
    let clock = 1_000_000
    const { svc } = await watching(
      dir,
      {
        sink,
        now: () => clock,
        retryMs: 200,
        resolver: { create: () => createBoardResolver(api, { createMissing: false }) },
      },
      { subfolderBoards: true },
    )
    for (let i = 0; i < 10; i++) put(join(dir, `Recipes/p${i}.jpg`), bytes.jpeg(300 + i))
    put(join(dir, 'Recipes/soup.jpg.json'), '{"section":"Starters"}')
    const soup = put(join(dir, 'Recipes/soup.jpg'), bytes.jpeg(400))
    await sink.waitForCount(11)
    expect(calls).toEqual({ boards: 1, sections: 1 })
    expect(sink.batches.flatMap((b) => b.drafts).find((d) => d.path === soup)!.meta).toEqual({
      boardId: '101',
      boardSectionId: '55',
    })

    // A board made on Pinterest after the listing: not asked for again within the minute...
    put(join(dir, 'Summer/beach.jpg'), bytes.jpeg(500))
    await waitForView(svc, (v) => (v.lastError ?? '').startsWith("beach.jpg: No board named 'Summer'"))
    boards.push(board('202', 'Summer'))
    await new Promise((r) => setTimeout(r, 700))
    expect(calls.boards).toBe(1)
    expect(sink.paths).toHaveLength(11)
    // ...but once the minute has passed, the next try lists them again and finds it.
    clock += 61_000
    await sink.waitForCount(12)
    expect(calls.boards).toBe(2)
    expect(sink.batches.at(-1)!.drafts[0]!.meta.boardId).toBe('202')
  })

  it('makes a new resolver when the account changes', async () => {
    const dir = folder('accounts')
    const sink = new MemorySink()
    let account = 'production'
    let made = 0
    const { api, calls } = boardApi([board('101', 'Recipes')], {})
    const resolver = {
      create: () => (made++, createBoardResolver(api, { createMissing: false })),
      key: () => account,
    }
    await watching(dir, { sink, resolver }, { subfolderBoards: true })
    put(join(dir, 'Recipes/a.jpg'), bytes.jpeg())
    await sink.waitForCount(1)
    account = 'sandbox'
    put(join(dir, 'Recipes/b.jpg'), bytes.jpeg(300))
    await sink.waitForCount(2)
    expect(made).toBe(2)
    expect(calls.boards).toBe(2)
  })

  it('lists the boards again after forgetBoards (another user in the same environment), even mid-session', async () => {
    const dir = folder('users')
    const sink = new MemorySink()
    const alice = boardApi([board('101', 'Recipes')], {})
    const bob = boardApi([board('909', 'Recipes')], {})
    let api = alice.api
    const resolver = {
      create: () => createBoardResolver(api, { createMissing: false }),
      key: () => 'production',
    }
    const { svc } = await watching(dir, { sink, resolver }, { subfolderBoards: true })
    put(join(dir, 'Recipes/a.jpg'), bytes.jpeg())
    await sink.waitForCount(1)
    api = bob.api
    svc.forgetBoards()
    put(join(dir, 'Recipes/b.jpg'), bytes.jpeg(300))
    await sink.waitForCount(2)
    expect(sink.batches.map((b) => b.drafts[0]!.meta.boardId)).toEqual(['101', '909'])
    expect([alice.calls.boards, bob.calls.boards]).toEqual([1, 1])
  })

  it('queues a file again when it is saved over with new content after being queued', async () => {
    const dir = folder('edits')
    const sink = new MemorySink()
    await watching(dir, { sink })
    const a = put(join(dir, 'a.jpg'), bytes.jpeg())
    await sink.waitForCount(1)
    await new Promise((r) => setTimeout(r, 50))
    put(a, bytes.jpeg(900))
    await sink.waitForCount(2)
    expect(sink.paths).toEqual([a, a])
  })
})
