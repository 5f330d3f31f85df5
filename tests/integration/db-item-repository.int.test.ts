import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../src/main/db/connection'
import { ItemRepository } from '../../src/main/db/item-repository'
import { ITEM_COLUMNS } from '../../src/main/db/item-rows'

let dir: string
let db: Database
let repo: ItemRepository
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pinload-repo-'))
  db = openDatabase({ dataDir: dir })
  repo = new ItemRepository(db)
})
afterEach(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

function item(
  batch: number,
  seq: number,
  boardId: string | undefined,
  hash: string,
  state: 'published' | 'queued',
): number {
  const id = repo.insertItem(batch, seq, {
    draft: { path: `/p/${seq}.jpg`, meta: boardId === undefined ? {} : { boardId } },
  })
  repo.update(id, { content_hash: hash, state })
  return id
}

describe('findPublishedSame (dedupe)', () => {
  it('finds the earliest published item with the same hash on the same board, never the item itself', () => {
    const b = repo.createBatch({ kind: 'cli', label: 't' })
    const first = item(b, 1, 'B1', 'h1', 'published')
    item(b, 2, 'B1', 'h1', 'published')
    const queued = item(b, 3, 'B1', 'h1', 'queued')
    item(b, 4, 'B2', 'h2', 'published')
    const noBoard = item(b, 5, undefined, 'h3', 'published')
    expect(repo.findPublishedSame('h1', 'B1', queued)?.id).toBe(first)
    expect(repo.findPublishedSame('h1', 'B1', first)?.id).not.toBe(first)
    expect(repo.findPublishedSame('h1', 'B2', queued)).toBeUndefined()
    expect(repo.findPublishedSame('h2', 'B1', queued)).toBeUndefined()
    expect(repo.findPublishedSame('h3', null, queued)?.id).toBe(noBoard)
    expect(repo.findPublishedSame('h3', null, noBoard)).toBeUndefined()
  })

  it('looks the hash up in its index instead of walking every published item', () => {
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT * FROM items INDEXED BY items_hash_board WHERE content_hash = ? AND coalesce(board_id, '') = ?
           AND state = 'published' AND id != ? ORDER BY id LIMIT 1`,
      )
      .all('h', 'b', 0) as { detail: string }[]
    expect(plan.map((r) => r.detail).join(' ')).toContain('USING INDEX items_hash_board (content_hash=?)')
    // …and that is the index the repository's lookup names: without it the lookup cannot run.
    db.exec('DROP INDEX items_hash_board')
    expect(() => repo.findPublishedSame('h', 'b', 0)).toThrow(/items_hash_board/)
  })
})

describe('rows', () => {
  it('reads every column of items, in table order, into the row', () => {
    const cols = (db.prepare('PRAGMA table_info(items)').all() as { name: string }[]).map((c) => c.name)
    expect(ITEM_COLUMNS.split(',').map((c) => c.trim())).toEqual(cols)
    const b = repo.createBatch({ kind: 'cli', label: 't' })
    const id = repo.insertItem(b, 7, {
      draft: { path: '/p/x.jpg', meta: { boardId: 'B', title: 'T' } },
      size: 12,
      mtimeMs: 34.5,
    })
    repo.update(id, { content_hash: 'h', media_upload_params: '{"a":"b"}', pin_id: 'P' })
    // Every column, and the batch's label read with it (ROW_COLUMNS).
    const stored = db.prepare('SELECT * FROM items WHERE id = ?').get(id) as object
    expect(repo.get(id)).toEqual({ ...stored, batch_label: 't' })
    expect(repo.byBatch(b)).toEqual([repo.get(id)])
  })

  it('insertRow answers the row exactly as stored, for a file with every Pin field and for a URL', () => {
    const b = repo.createBatch({ kind: 'cli', label: 't' })
    const full = repo.insertRow(b, 0, {
      draft: {
        path: '/p/full.jpg',
        publishAt: 1234,
        force: true,
        meta: {
          boardId: 'B',
          boardSectionId: 'S',
          title: 'T',
          description: 'D',
          link: 'https://x.test',
          altText: 'A',
          adAccountId: 'AD',
          coverKeyFrameSeconds: 2,
          coverImagePath: '/c.jpg',
        },
      },
      kind: 'image',
      size: 12,
      mtimeMs: 34.5,
      accountKey: 'acct',
    })
    expect(full).toEqual(repo.get(full.id))
    const url = repo.insertRow(b, 1, { draft: { url: 'https://x.test/a.jpg', meta: {} }, state: 'skipped' })
    expect(url).toEqual(repo.get(url.id))
    expect(url.kind).toBe('image_url')
    expect(repo.knownState('/p/full.jpg', 'B', 12, 34)).toBe('queued')
    expect(repo.knownState('/p/full.jpg', 'B', 13, 34)).toBeUndefined()
  })
})

describe('transactions', () => {
  it('commits the outer work when a nested transaction fails and is caught; a failing outer one leaves nothing', () => {
    const b = repo.createBatch({ kind: 'cli', label: 't' })
    const id = repo.insertItem(b, 1, { draft: { path: '/p/t.jpg', meta: {} } })
    db.transaction(() => {
      repo.update(id, { title: 'outer' })
      expect(() =>
        db.transaction(() => {
          repo.update(id, { description: 'inner' })
          throw new Error('inner fails')
        }),
      ).toThrow('inner fails')
    })
    expect(repo.get(id)).toMatchObject({ title: 'outer', description: null })
    expect(() =>
      db.transaction(() => {
        repo.update(id, { title: 'lost' })
        throw new Error('outer fails')
      }),
    ).toThrow('outer fails')
    expect(repo.get(id)?.title).toBe('outer')
  })

  it('writes patches of different shapes to the right columns', () => {
    const b = repo.createBatch({ kind: 'cli', label: 't' })
    const id = repo.insertItem(b, 1, { draft: { path: '/p/u.jpg', meta: {} } })
    repo.update(id, { title: 'a', link: 'https://l' })
    repo.update(id, { link: null, title: 'b', pin_id: 'P' })
    repo.update(id, { title: 'c', link: 'https://m' })
    expect(repo.get(id)).toMatchObject({ title: 'c', link: 'https://m', pin_id: 'P' })
  })
})
