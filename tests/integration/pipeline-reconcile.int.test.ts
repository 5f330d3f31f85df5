import { readFileSync, statSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { ItemRepository } from '../../src/main/db/item-repository'
import { makeFingerprint } from '../../src/main/pipeline/fingerprint'
import { harness, type Harness } from './pipeline-fixtures'

let h: Harness
afterEach(() => h.close())

describe('exactly-once creation', () => {
  it('a create whose answer is lost is reconciled: the Pin is adopted, never posted again', async () => {
    h = harness()
    h.api.fault = (m, n) => (m === 'createImagePinFromFile' && n === 1 ? 'commit-then-lose' : undefined)
    h.queue.enqueue([h.draft(h.image('lost.jpg'))], { kind: 'cli', label: 'l' })
    h.queue.start()
    await h.queue.whenIdle()
    expect(h.api.pins).toHaveLength(1)
    expect(h.api.count('createImagePinFromFile')).toBe(1)
    expect(h.api.count('listBoardPins')).toBeGreaterThan(0)
    expect(h.queue.list().items[0]).toMatchObject({ state: 'published', pinId: h.api.pins[0]!.id })
  })

  it('when the list proves the Pin absent, the create is sent again', async () => {
    h = harness()
    // Lost answer without commit: the server never created the Pin.
    h.api.fault = (m, n) =>
      m === 'createImagePinFromFile' && n === 1 ? new Error('socket hang up') : undefined
    h.queue.enqueue([h.draft(h.image('absent.jpg'))], { kind: 'cli', label: 'a' })
    h.queue.start()
    await h.queue.whenIdle()
    expect(h.api.count('listBoardPins')).toBeGreaterThan(0)
    expect(h.api.count('createImagePinFromFile')).toBe(2)
    expect(h.api.pins).toHaveLength(1)
    expect(h.queue.list().items[0]!.state).toBe('published')
  })

  it('pages back through the board, ignoring Pins another item already owns', async () => {
    h = harness()
    h.api.pageSize = 1
    // Two items with identical visible fields; both answers are lost after commit.
    h.api.fault = (m) => (m === 'createImagePinFromFile' ? 'commit-then-lose' : undefined)
    const same = { title: 'Same', description: 'd' }
    h.queue.enqueue([h.draft(h.image('s1.jpg'), same), h.draft(h.image('s2.jpg'), same)], {
      kind: 'cli',
      label: 's',
    })
    h.queue.start()
    await h.queue.whenIdle()
    expect(h.api.pins).toHaveLength(2)
    const ids = h.queue.list().items.map((i) => i.pinId)
    expect(new Set(ids).size).toBe(2)
    expect(h.queue.list().items.every((i) => i.state === 'published')).toBe(true)
  })

  it('board gone during reconciliation → needs_attention, and nothing is re-posted', async () => {
    h = harness()
    h.api.fault = (m, n) => {
      if (m === 'createImagePinFromFile' && n === 1) return 'commit-then-lose'
      // The board is deleted between the lost answer and the look at the board.
      if (m === 'listBoardPins') h.api.boards = []
      return undefined
    }
    h.queue.enqueue([h.draft(h.image('gone.jpg'))], { kind: 'cli', label: 'g' })
    h.queue.start()
    await h.queue.whenIdle()
    const item = h.queue.list().items[0]!
    expect(item.state).toBe('needs_attention')
    expect(item.error?.message).toMatch(/board no longer exists/)
    expect(h.api.count('createImagePinFromFile')).toBe(1)
  })

  it('an ad-only Pin with a lost answer needs attention (no board to list)', async () => {
    h = harness()
    h.api.fault = (m) => (m === 'createImagePinFromFile' ? 'commit-then-lose' : undefined)
    h.queue.enqueue([{ path: h.image('ad.jpg'), meta: { adAccountId: '123', title: 'Ad' } }], {
      kind: 'cli',
      label: 'ad',
    })
    h.queue.start()
    await h.queue.whenIdle()
    expect(h.queue.list().items[0]).toMatchObject({ state: 'needs_attention' })
    expect(h.queue.list().items[0]!.error?.message).toMatch(/ad-only/)
    expect(h.api.count('createImagePinFromFile')).toBe(1)
  })
})

describe('crash resume', () => {
  it('an item left in creating is reconciled at start and adopts the existing Pin', async () => {
    h = harness()
    const path = h.image('crash.jpg')
    h.queue.enqueue([h.draft(path, { title: 'Crash' })], { kind: 'cli', label: 'c' })
    const repo = new ItemRepository(h.db)
    const row = repo.all()[0]!
    // As if the previous process died right after sending the create.
    const fp = makeFingerprint({ boardId: 'b1', title: 'Crash' }, 'sha256:x')
    repo.update(row.id, {
      state: 'creating',
      create_fingerprint: JSON.stringify(fp),
      create_started_at: Date.now(),
      kind: 'image',
    })
    await h.api.createImagePinFromFile({ path, contentType: 'image/jpeg' }, { boardId: 'b1', title: 'Crash' })
    h.api.calls = []
    h.queue.start()
    await h.queue.whenIdle()
    expect(h.api.count('createImagePinFromFile')).toBe(0)
    expect(h.api.pins).toHaveLength(1)
    expect(h.queue.list().items[0]).toMatchObject({ state: 'published', pinId: h.api.pins[0]!.id })
  })

  it('a video already uploaded is not uploaded again; one in processing resumes polling', async () => {
    h = harness()
    const v1 = h.video('up.mp4')
    const v2 = h.video('proc.mp4')
    h.queue.enqueue([h.draft(v1), h.draft(v2)], { kind: 'cli', label: 'v' })
    const repo = new ItemRepository(h.db)
    const [r1, r2] = repo.all()
    const m1 = await h.api.registerMedia()
    await h.api.uploadMedia(m1, v1)
    const m2 = await h.api.registerMedia()
    await h.api.uploadMedia(m2, v2)
    repo.update(r1!.id, {
      state: 'uploading',
      kind: 'video',
      media_id: m1.mediaId,
      media_upload_url: m1.uploadUrl,
      media_upload_params: '{}',
      media_uploaded: 1,
    })
    repo.update(r2!.id, {
      state: 'processing',
      kind: 'video',
      media_id: m2.mediaId,
      media_uploaded: 1,
      media_status: 'processing',
    })
    h.api.calls = []
    h.queue.start()
    await h.queue.whenIdle()
    expect(h.api.count('uploadMedia')).toBe(0)
    expect(h.api.count('registerMedia')).toBe(0)
    expect(h.queue.list().items.map((i) => i.state)).toEqual(['published', 'published'])
  })

  it('an upload registered but not sent reuses the media id', async () => {
    h = harness()
    const v = h.video('half.mp4')
    h.queue.enqueue([h.draft(v)], { kind: 'cli', label: 'h' })
    const repo = new ItemRepository(h.db)
    const m = await h.api.registerMedia()
    repo.update(repo.all()[0]!.id, {
      state: 'uploading',
      media_id: m.mediaId,
      media_upload_url: m.uploadUrl,
      media_upload_params: JSON.stringify(m.uploadParameters),
    })
    h.api.calls = []
    h.queue.start()
    await h.queue.whenIdle()
    expect(h.api.count('registerMedia')).toBe(0)
    expect(h.api.count('uploadMedia')).toBe(1)
    expect(h.api.media.get(m.mediaId)?.uploads).toBe(1)
  })
})

describe('dedupe', () => {
  it('skips content already published to the same board unless forced', async () => {
    h = harness()
    const a = h.image('orig.jpg')
    const copy = h.file('copy.jpg', readFileSync(a))
    h.queue.enqueue([h.draft(a)], { kind: 'cli', label: '1' })
    h.queue.start()
    await h.queue.whenIdle()
    h.api.boards.push({ id: 'b2', name: 'Other' })
    // The window's board picker (or the command's --board) has listed the boards: their names are known.
    await h.api.listBoards()
    h.queue.enqueue([h.draft(copy), h.draft(copy, { boardId: 'b2' })], { kind: 'cli', label: '2' })
    await h.queue.whenIdle()
    const [, dup, other] = h.queue.list().items
    expect(dup).toMatchObject({ state: 'skipped' })
    expect(dup!.error?.message).toMatch(
      /^Already on board "Travel" as https:\/\/www\.pinterest\.com\/pin\/\d+\/?\.$/,
    )
    expect(other!.state).toBe('published')
    expect(h.queue.retry({ itemId: dup!.id, force: true })).toBe(1)
    await h.queue.whenIdle()
    expect(h.queue.list().items[1]!.state).toBe('published')
    expect(h.api.pins).toHaveLength(3)
  })

  it('names the board by its id when its name was never listed, without asking the API', async () => {
    h = harness()
    const t = h
    const a = t.image('first.jpg')
    t.queue.enqueue([t.draft(a)], { kind: 'cli', label: '1' })
    t.queue.start()
    await t.queue.whenIdle()
    t.queue.enqueue([t.draft(t.file('again.jpg', readFileSync(a)))], { kind: 'cli', label: '2' })
    await t.queue.whenIdle()
    const dup = t.queue.list().items[1]!
    expect(dup.state).toBe('skipped')
    expect(dup.error?.message).toMatch(/^Already on board b1 as https:\/\/www\.pinterest\.com\/pin\//)
    expect(t.api.count('listBoards')).toBe(0)
  })

  it('enqueue does not queue the same file for the same board twice', () => {
    h = harness()
    const p = h.image('twice.jpg')
    expect(h.queue.enqueue([h.draft(p)], { kind: 'cli', label: '1' })).toMatchObject({
      queued: 1,
      duplicates: 0,
    })
    expect(h.queue.enqueue([h.draft(p)], { kind: 'cli', label: '2' })).toMatchObject({
      queued: 0,
      duplicates: 1,
    })
    expect(h.queue.enqueue([h.draft(p, {}, { force: true })], { kind: 'cli', label: '3' })).toMatchObject({
      queued: 1,
    })
    const { size, mtimeMs } = statSync(p)
    expect(h.queue.isKnownFile(p, size, mtimeMs)).toBe(true)
    expect(h.queue.isKnownFile(p, size + 1, mtimeMs)).toBe(false)
  })
})
