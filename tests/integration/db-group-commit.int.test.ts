import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DB_FILE_NAME, openDatabase, openDatabaseFile, type Database } from '../../src/main/db/connection'
import { harness, jpegBytes, type Harness } from './pipeline-fixtures'

let dir: string
let db: Database
/** A second connection: what another process (or the next run after a kill) would read from disk. */
let peer: Database
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pinload-group-'))
  db = openDatabase({ dataDir: dir })
  peer = openDatabaseFile(join(dir, DB_FILE_NAME))
  db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER)')
})
afterEach(() => {
  peer.close()
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

const put = (d: Database, k: string, v: number) =>
  d.prepare('INSERT INTO t(k, v) VALUES (?, ?) ON CONFLICT(k) DO UPDATE SET v = excluded.v').run(k, v)
const onDisk = () =>
  (peer.prepare('SELECT k, v FROM t ORDER BY k').all() as { k: string; v: number }[]).map(
    (r) => `${r.k}=${r.v}`,
  )

describe('group commit', () => {
  it('writes of one turn are visible at once to this connection and reach disk together when committed() resolves', async () => {
    db.grouped(() => put(db, 'a', 1))
    db.grouped(() => put(db, 'b', 2))
    expect(db.commitPending).toBe(true)
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 2 })
    expect(onDisk()).toEqual([])
    await db.committed()
    expect(db.commitPending).toBe(false)
    expect(onDisk()).toEqual(['a=1', 'b=2'])
  })

  it('a write nobody awaits waits a few ms for one somebody awaits, then commits on its own', async () => {
    db.grouped(() => put(db, 'a', 1))
    await new Promise<void>((resolve) => setImmediate(resolve))
    expect(onDisk()).toEqual([])
    await new Promise<void>((resolve) => setTimeout(resolve, 50))
    expect(onDisk()).toEqual(['a=1'])
    expect(db.commitPending).toBe(false)
  })

  it('a write somebody awaits commits at the end of the turn, with the unawaited ones before it', async () => {
    db.grouped(() => put(db, 'a', 1))
    await new Promise<void>((resolve) => setImmediate(resolve))
    db.grouped(() => put(db, 'b', 2))
    const done = db.committed()
    await new Promise<void>((resolve) => setImmediate(resolve))
    expect(onDisk()).toEqual(['a=1', 'b=2'])
    await done
  })

  it('a grouped write that throws leaves nothing of its own and keeps the others of the group', async () => {
    db.grouped(() => put(db, 'a', 1))
    expect(() =>
      db.grouped(() => {
        put(db, 'b', 2)
        throw new Error('half done')
      }),
    ).toThrow('half done')
    db.grouped(() => put(db, 'c', 3))
    await db.committed()
    expect(onDisk()).toEqual(['a=1', 'c=3'])
  })

  it('a plain write or transaction commits the open group first, so it is durable on return and stays in order', () => {
    db.grouped(() => put(db, 'a', 1))
    put(db, 'b', 2)
    expect(db.commitPending).toBe(false)
    expect(onDisk()).toEqual(['a=1', 'b=2'])
    db.grouped(() => put(db, 'a', 5))
    db.transaction(() => put(db, 'c', 3))
    expect(onDisk()).toEqual(['a=5', 'b=2', 'c=3'])
  })

  it('close commits what is pending', () => {
    db.grouped(() => put(db, 'a', 1))
    db.close()
    expect(onDisk()).toEqual(['a=1'])
    db = openDatabase({ dataDir: dir })
  })
})

describe('pipeline ordering under group commit', () => {
  let h: Harness
  afterEach(async () => {
    await h.close()
  })

  it('every create is sent only once its item is on disk as creating with its fingerprint; published carries the Pin id', async () => {
    h = harness({ settings: { concurrency: 3 } })
    const disk = openDatabaseFile(h.db.file)
    const seen: { state: string; fingerprint: boolean }[] = []
    const send = h.api.createImagePinFromFile.bind(h.api)
    h.api.createImagePinFromFile = (file, pin, opts) => {
      const r = disk
        .prepare('SELECT state, create_fingerprint FROM items WHERE source_path = ?')
        .get(file.path) as { state: string; create_fingerprint: string | null }
      seen.push({ state: r.state, fingerprint: r.create_fingerprint !== null })
      return send(file, pin, opts)
    }
    const files = Array.from({ length: 9 }, (_, i) => {
      const p = join(h.dir, `g-${i}.jpg`)
      writeFileSync(p, jpegBytes(`g-${i}`))
      return p
    })
    h.queue.enqueue(
      files.map((f) => h.draft(f, { boardId: 'b1' })),
      { kind: 'cli', label: 'group' },
    )
    h.queue.start()
    await h.queue.whenIdle()
    // whenIdle means the outcome is on disk too, as another process sees it.
    const rows = disk.prepare('SELECT state, pin_id FROM items ORDER BY id').all() as {
      state: string
      pin_id: string | null
    }[]
    disk.close()
    expect(seen).toEqual(Array(9).fill({ state: 'creating', fingerprint: true }))
    expect(rows.every((r) => r.state === 'published' && r.pin_id !== null)).toBe(true)
  })

  it("a user's cancel and retry are on disk when they return, not a few ms later", () => {
    h = harness()
    const disk = openDatabaseFile(h.db.file)
    const stateOnDisk = (id: number) =>
      (disk.prepare('SELECT state FROM items WHERE id = ?').get(id) as { state: string }).state
    // Not started: the items rest in queued, so cancel writes them itself.
    const { batchId } = h.queue.enqueue([h.draft(h.image('u1.jpg')), h.draft(h.image('u2.jpg'))], {
      kind: 'cli',
      label: 'user',
    })
    const [a, b] = h.queue.list().items
    h.queue.pauseAll()
    expect(h.queue.cancel({ itemId: a!.id })).toBe(1)
    expect(stateOnDisk(a!.id)).toBe('cancelled')
    expect(h.queue.retry({ batchId })).toBe(1)
    expect(stateOnDisk(a!.id)).toBe('queued')
    expect(stateOnDisk(b!.id)).toBe('queued')
    disk.close()
  })
})
