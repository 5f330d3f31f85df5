import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { WatchService, type WatchServiceOptions } from '../../src/main/sources/watch-service'
import { bytes } from '../support/media-bytes'
import { JsonFileWatchStore, MemorySink, MemoryWatchStore, waitForViews } from '../support/source-doubles'
import { writeFileDeep } from '../support/temp-files'

let root: string
let services: WatchService[]
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'pinload-watch-'))
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
const put = writeFileDeep
function service(
  opts: Partial<WatchServiceOptions> & Pick<WatchServiceOptions, 'store' | 'sink'>,
): WatchService {
  const s = new WatchService({ stableMs: 300, ...opts })
  services.push(s)
  return s
}
const waitForView = waitForViews
const countOf = (sink: MemorySink, p: string) => sink.paths.filter((x) => x === p).length

describe('WatchService', () => {
  it('queues a slowly written 20 MB file once, only after its last byte', async () => {
    const dir = folder('incoming')
    const sink = new MemorySink()
    const svc = service({ store: new MemoryWatchStore(), sink, stableMs: 400 })
    await svc.start()
    const view = await svc.add({ folder: dir, boardId: '777', subfolderBoards: false, moveDone: false })
    expect(view.status).toBe('watching')

    const big = join(dir, 'render.mp4')
    const chunk = Buffer.alloc(512 * 1024, 7)
    bytes.mp4().copy(chunk)
    const fh = await open(big, 'w')
    let lastWriteAt = 0
    for (let i = 0; i < 40; i++) {
      await fh.write(i === 0 ? chunk : chunk.fill(i % 250, 0))
      await fh.datasync()
      lastWriteAt = Date.now()
      // Pauses well under stableMs: the file keeps changing, so it must not be queued yet.
      await new Promise((r) => setTimeout(r, 35))
      expect(sink.batches).toEqual([])
    }
    await fh.close()
    const finished = Date.now()
    expect(finished - lastWriteAt).toBeLessThan(400)

    await sink.waitForCount(1)
    expect(Date.now() - finished).toBeGreaterThanOrEqual(300)
    expect(sink.batches[0]!.drafts).toEqual([{ path: big, meta: { boardId: '777' } }])
    expect(sink.batches[0]!.origin).toEqual({ kind: 'watch', label: 'incoming' })
    expect(sink.known.get(big)!.size).toBe(40 * 512 * 1024)

    // A later file is queued on its own; the big one is still there exactly once.
    const after = put(join(dir, 'after.jpg'), bytes.jpeg())
    await sink.waitForCount(2)
    expect(countOf(sink, big)).toBe(1)
    expect(countOf(sink, after)).toBe(1)
    expect(svc.list()[0]!.lastFile).toBe(after)
  })

  it('after a restart queues exactly the files added while it was stopped, and never known files again', async () => {
    const dir = folder('camera')
    const storeFile = join(root, 'watches.json')
    const sink = new MemorySink()
    const known = put(join(dir, 'already-published.jpg'), bytes.jpeg())
    const st = statSync(known)
    sink.known.set(known, { size: st.size, mtimeMs: st.mtimeMs })
    const first = put(join(dir, 'first.jpg'), bytes.jpeg())

    const one = service({ store: new JsonFileWatchStore(storeFile), sink })
    await one.start()
    await one.add({ folder: dir, boardId: '1', subfolderBoards: false, moveDone: false })
    await sink.waitForCount(1)
    expect(sink.paths).toEqual([first])
    await one.stop()
    expect(one.list()[0]!.status).toBe('stopped')

    const whileClosed = [put(join(dir, 'b.jpg'), bytes.jpeg()), put(join(dir, 'sub/c.png'), bytes.png())]
    const two = service({ store: new JsonFileWatchStore(storeFile), sink })
    expect(two.list().map((w) => w.folder)).toEqual([dir])
    await two.start()
    await sink.waitForCount(3)
    const sentinel = put(join(dir, 'sentinel.jpg'), bytes.jpeg())
    await sink.waitForCount(4)
    expect([...sink.paths].sort()).toEqual([first, ...whileClosed, sentinel].sort())
    expect(countOf(sink, known)).toBe(0)
    // Catch-up files that became stable together went as one batch.
    expect(sink.batches[1]!.drafts.map((d) => d.path).sort()).toEqual([...whileClosed].sort())
  })

  it('ignores partial downloads, hidden and system files, sidecars and its own done/failed folders; says why it skips non-media', async () => {
    const dir = folder('drop')
    for (const name of [
      'movie.mp4.part',
      'pic.jpg.crdownload',
      'x.tmp',
      '~$draft.jpg',
      '.hidden.jpg',
      'Thumbs.db',
      'pic.json',
      'done/old.jpg',
      'failed/bad.jpg',
    ]) {
      put(join(dir, name), bytes.jpeg())
    }
    const sink = new MemorySink()
    const svc = service({ store: new MemoryWatchStore(), sink })
    await svc.start()
    await svc.add({ folder: dir, boardId: '5', subfolderBoards: false, moveDone: true })
    put(join(dir, 'notes.jpg'), bytes.text('meeting notes'))
    const views = await waitForView(svc, (v) => v[0]?.lastError?.includes('notes.jpg') ?? false)
    expect(views[0]!.lastError).toBe('notes.jpg is not an image or video (it is a text file)')
    const ok = put(join(dir, 'ok.jpg'), bytes.jpeg())
    await sink.waitForCount(1)
    expect(sink.paths).toEqual([ok])
  })

  it('uses subfolder names as boards and reports unknown ones (looked up again later: the board may be created meanwhile)', async () => {
    const dir = folder('boards')
    const sink = new MemorySink()
    const asked: string[] = []
    const svc = service({
      store: new MemoryWatchStore(),
      sink,
      retryMs: 60_000,
      resolver: async (name) => (
        asked.push(name),
        name === 'Recipes'
          ? { id: '101' }
          : { error: `No board named '${name}' (boards: Recipes)`, missing: true }
      ),
    })
    await svc.start()
    await svc.add({ folder: dir, subfolderBoards: true, moveDone: false })
    put(join(dir, 'Nope/a.jpg'), bytes.jpeg())
    const nope = "a.jpg: No board named 'Nope' (boards: Recipes); trying again in 1 min"
    await waitForView(svc, (v) => v[0]?.lastError === nope)
    put(join(dir, 'loose.jpg'), bytes.jpeg())
    const loose = 'loose.jpg is not in a board subfolder, and this folder has no board of its own'
    await waitForView(svc, (v) => v[0]?.lastError === `2 files need attention: ${loose}; ${nope}`)
    const good = put(join(dir, 'Recipes/deeper/soup.jpg'), bytes.jpeg())
    await sink.waitForCount(1)
    expect(sink.batches[0]!.drafts).toEqual([{ path: good, meta: { boardId: '101' } }])
    expect(asked).toContain('Recipes')
    expect(svc.list()[0]!.lastError).toBe(`2 files need attention: ${loose}; ${nope}`)
  })

  it('moves finished files to done/ and failed/ (with the reason) and does not queue them again', async () => {
    const dir = folder('auto')
    const sink = new MemorySink()
    const svc = service({ store: new MemoryWatchStore(), sink })
    await svc.start()
    await svc.add({ folder: dir, boardId: '9', subfolderBoards: false, moveDone: true })
    const a = put(join(dir, 'a.jpg'), bytes.jpeg())
    put(join(dir, 'a.json'), '{"title":"A"}')
    const b = put(join(dir, 'b.jpg'), bytes.jpeg())
    await sink.waitForCount(2)
    expect(sink.batches.flatMap((x) => x.drafts).find((d) => d.path === a)!.meta.title).toBe('A')

    expect(await svc.onItemFinished(a, 'published')).toBe(join(dir, 'done/a.jpg'))
    expect(await svc.onItemFinished(b, 'failed', 'Pinterest said: image too small')).toBe(
      join(dir, 'failed/b.jpg'),
    )
    expect(existsSync(a)).toBe(false)
    expect(existsSync(join(dir, 'done/a.jpg.json'))).toBe(true)
    expect(readFileSync(join(dir, 'failed/b.jpg.reason.txt'), 'utf8')).toBe(
      'Pinterest said: image too small\n',
    )
    expect(await svc.onItemFinished(join(root, 'elsewhere.jpg'), 'published')).toBeUndefined()

    const sentinel = put(join(dir, 'c.jpg'), bytes.jpeg())
    await sink.waitForCount(3)
    expect(sink.paths.sort()).toEqual([a, b, sentinel].sort())
  })

  it('polls when asked (network drives) and refuses bad watch settings', async () => {
    const dir = folder('nas')
    const sink = new MemorySink()
    const store = new MemoryWatchStore()
    const svc = service({ store, sink, usePolling: true, pollIntervalMs: 100, stableMs: 250 })
    await svc.start()
    await svc.add({ folder: dir, boardId: '3', subfolderBoards: false, moveDone: false })
    const f = put(join(dir, 'p.png'), bytes.png())
    await sink.waitForCount(1)
    expect(sink.paths).toEqual([f])

    await expect(
      svc.add({ folder: join(root, 'missing'), boardId: '3', subfolderBoards: false, moveDone: false }),
    ).rejects.toMatchObject({ kind: 'validation' })
    await expect(
      svc.add({ folder: folder('noboard'), subfolderBoards: false, moveDone: false }),
    ).rejects.toMatchObject({
      kind: 'validation',
      message: 'Choose a board for this folder, or use subfolder names as board names',
    })
    await expect(
      svc
        .add({ folder: join(dir, 'inner'), boardId: '3', subfolderBoards: false, moveDone: false })
        .catch((e: unknown) => e),
    ).resolves.toMatchObject({
      kind: 'validation',
    })
    mkdirSync(join(dir, 'inner'))
    await expect(
      svc.add({ folder: join(dir, 'inner'), boardId: '3', subfolderBoards: false, moveDone: false }),
    ).rejects.toMatchObject({ kind: 'conflict' })
    const id = svc.list()[0]!.id
    await svc.remove(id)
    expect(svc.list()).toEqual([])
    expect(store.list()).toEqual([])
  })
})
