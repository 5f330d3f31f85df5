import { mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { WatchService } from '../../src/main/sources/watch-service'
import { bytes } from '../support/media-bytes'
import { MemorySink, MemoryWatchStore, waitForView } from '../support/source-doubles'
import { writeFileDeep as put } from '../support/temp-files'

// A watched folder that is renamed, deleted or on a drive that is not connected says so, and is watched
// again (with catch-up) when it is back.
let root: string
let services: WatchService[]
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'pinload-watch-folder-'))
  services = []
})
afterEach(async () => {
  await Promise.all(services.map((s) => s.stop()))
  rmSync(root, { recursive: true, force: true })
})

function service(store: MemoryWatchStore, sink: MemorySink): WatchService {
  const s = new WatchService({ store, sink, stableMs: 200, folderCheckMs: 100 })
  services.push(s)
  return s
}

/** A started service watching `dir` for board 1, and the sink it queues into. */
async function watching(dir: string): Promise<{ svc: WatchService; sink: MemorySink }> {
  const sink = new MemorySink()
  const svc = service(new MemoryWatchStore(), sink)
  await svc.start()
  await svc.add({ folder: dir, boardId: '1', subfolderBoards: false, moveDone: false })
  return { svc, sink }
}

describe('WatchService and its folder', () => {
  it('says a deleted folder was moved or deleted, and watches it again with catch-up when it is back', async () => {
    const dir = join(root, 'photos')
    mkdirSync(dir)
    const { svc, sink } = await watching(dir)
    const a = put(join(dir, 'a.jpg'), bytes.jpeg())
    await sink.waitForCount(1)

    rmSync(dir, { recursive: true })
    const gone = await waitForView(svc, (v) => v.status === 'error')
    expect(gone.lastError).toBe(`Folder ${dir} was moved or deleted; watching starts again when it is back`)

    const b = put(join(dir, 'b.jpg'), bytes.jpeg(300))
    await sink.waitForCount(2)
    expect(sink.paths).toEqual([a, b])
    const back = await waitForView(svc, (v) => v.status === 'watching')
    expect(back.lastError).toBeUndefined()
    const c = put(join(dir, 'c.jpg'), bytes.jpeg(400))
    await sink.waitForCount(3)
    expect(sink.paths).toEqual([a, b, c])
  })

  it('notices a renamed folder (no event comes for it) and picks up what was added meanwhile once renamed back', async () => {
    const dir = join(root, 'inbox')
    const away = join(root, 'inbox-renamed')
    mkdirSync(dir)
    const { svc, sink } = await watching(dir)
    renameSync(dir, away)
    expect((await waitForView(svc, (v) => v.status === 'error')).lastError).toBe(
      `Folder ${dir} was moved or deleted; watching starts again when it is back`,
    )
    put(join(away, 'while-away.jpg'), bytes.jpeg())
    await new Promise((r) => setTimeout(r, 500))
    expect(sink.paths).toEqual([])

    renameSync(away, dir)
    await sink.waitForCount(1)
    expect(sink.paths).toEqual([join(dir, 'while-away.jpg')])
    expect(svc.list()[0]!.status).toBe('watching')
  })

  it('watches a folder deleted and made again under the same name (rm -rf; mkdir), with catch-up', async () => {
    const dir = join(root, 'synced')
    mkdirSync(dir)
    const { svc, sink } = await watching(dir)
    const a = put(join(dir, 'a.jpg'), bytes.jpeg())
    await sink.waitForCount(1)

    // No folder check can see the folder missing in between: only its identity tells.
    rmSync(dir, { recursive: true })
    mkdirSync(dir)
    const early = put(join(dir, 'early.jpg'), bytes.jpeg(300))
    await sink.waitForCount(2)
    const late = put(join(dir, 'late.jpg'), bytes.jpeg(400))
    await sink.waitForCount(3)
    expect(sink.paths).toEqual([a, early, late])
    expect(svc.list()[0]).toMatchObject({ status: 'watching' })
    expect(svc.list()[0]!.lastError).toBeUndefined()
  })

  it('a watch removed while it is being added is not watched', async () => {
    const dir = join(root, 'removed-at-once')
    mkdirSync(dir)
    const sink = new MemorySink()
    const store = new MemoryWatchStore()
    const svc = service(store, sink)
    await svc.start()
    // The remove lands while add() is still looking at the folder.
    const add = store.add.bind(store)
    store.add = (input) => {
      const r = add(input)
      queueMicrotask(() => void svc.remove(r.id))
      return r
    }
    await svc.add({ folder: dir, boardId: '1', subfolderBoards: false, moveDone: false })
    await new Promise((r) => setTimeout(r, 100))
    expect(svc.list()).toEqual([])
    put(join(dir, 'a.jpg'), bytes.jpeg())
    await new Promise((r) => setTimeout(r, 800))
    expect(sink.paths).toEqual([])
  })

  it('keeps trying a folder that is missing at start (a drive not connected) and opens it when it appears', async () => {
    const dir = join(root, 'usb', 'camera')
    const store = new MemoryWatchStore()
    store.add({ folder: dir, boardId: '1', subfolderBoards: false, moveDone: false })
    const sink = new MemorySink()
    const svc = service(store, sink)
    await svc.start()
    expect(svc.list()[0]).toMatchObject({
      status: 'error',
      lastError: `Folder ${dir} is not there (moved, deleted, or on a drive that is not connected); watching starts again when it is back`,
    })
    const shot = put(join(dir, 'shot.jpg'), bytes.jpeg())
    await sink.waitForCount(1)
    expect(sink.paths).toEqual([shot])
    expect(svc.list()[0]).toMatchObject({ status: 'watching' })
    expect(svc.list()[0]!.lastError).toBeUndefined()
  })
})
