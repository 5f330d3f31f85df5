import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import { makeMedia, withComment } from '../support/media-files'
import type { PinterestApi } from '../../src/main/pinterest/api-types'
import { draftFor, realHarness, type RealHarness } from './pipeline-helpers'

let fake: FakePinterest
let root: string
let media: { images: string[]; videos: string[] }
let h: RealHarness | undefined

/** JPEG comment segments (at most 65,533 bytes each) carrying `data`. */
function segments(data: Buffer): Buffer[] {
  const out: Buffer[] = []
  for (let at = 0; at < data.length; at += 65_000) {
    const part = data.subarray(at, at + 65_000)
    const marker = Buffer.from([0xff, 0xfe, 0, 0])
    marker.writeUInt16BE(part.length + 2, 2)
    out.push(marker, part)
  }
  return out
}

beforeAll(async () => {
  fake = await startFakePinterest({ rateLimits: false, mediaProcessingMs: 100 })
  root = mkdtempSync(join(tmpdir(), 'pinload-pipe-int-'))
  media = makeMedia(join(root, 'm'), { images: 9, videos: 3 })
})
afterEach(async () => {
  await h?.close()
  h = undefined
  fake.faults.clear()
})
afterAll(async () => {
  await fake.close()
  rmSync(root, { recursive: true, force: true })
})

describe('pipeline with the real client and the fake Pinterest', () => {
  it('publishes a 10-item mixed batch (7 images, 3 videos) with progress and a batch-done event', async () => {
    const board = fake.addBoard({ name: 'Mixed' })
    h = realHarness(fake)
    const events: { batchId: number; published: number; failed: number }[] = []
    h.queue.onBatchDone((e) => events.push(e))
    let progressMessages = 0
    h.queue.onProgress(() => progressMessages++)
    const files = [...media.images.slice(0, 7), ...media.videos]
    const { batchId, queued } = h.queue.enqueue(
      files.map((f) => draftFor(f, board.id)),
      { kind: 'folder', label: 'mixed' },
    )
    expect(queued).toBe(10)
    h.queue.start()
    await h.queue.whenIdle()
    const { items, totals } = h.queue.list()
    expect(items.map((i) => i.state)).toEqual(Array(10).fill('published'))
    expect(totals.byState.published).toBe(10)
    const pins = fake.pins.filter((p) => p.board_id === board.id)
    expect(pins).toHaveLength(10)
    expect(pins.filter((p) => p.media_source_type === 'video_id')).toHaveLength(3)
    expect(new Set(items.map((i) => i.pinId))).toEqual(new Set(pins.map((p) => p.id)))
    expect(events).toEqual([{ batchId, published: 10, failed: 0 }])
    expect(progressMessages).toBeGreaterThan(0)
    // Every media uploaded exactly once.
    const used = new Set(pins.map((p) => p.video_media_id).filter(Boolean))
    expect(fake.media.filter((m) => used.has(m.media_id)).every((m) => m.upload_count === 1)).toBe(true)
  })

  it('photos of many sizes sent three at a time from reused buffers each arrive as their own bytes, early answers and resets included', async () => {
    const board = fake.addBoard({ name: 'Sizes' })
    const head = readFileSync(media.images[0]!).subarray(0, 20)
    // Sizes cross every slab size the pool hands out (64 KB to 2 MB), shrinking and growing in turn, so a slab
    // holding a bigger photo's bytes is lent for a smaller one and the other way round.
    const sizes = [
      900_000, 1_500, 300_000, 70_000, 640_000, 10, 130_000, 999_000, 260_000, 65_536, 500_000, 3, 200_000,
      800_000, 40_000,
    ]
    const files = sizes.map((n, i) => {
      const path = join(root, `size-${i}.jpg`)
      const fill = Buffer.alloc(n, i + 1)
      fill.write(`photo ${i}`)
      writeFileSync(path, Buffer.concat([head, ...segments(fill), Buffer.from([0xff, 0xd9])]))
      return path
    })
    const seen = fake.requests.length
    // Metadata kept: these photos are marker shells (no frame to decode), sent as they are only when nothing has
    // to be stripped from them (src/main/media/prepare-image.ts); this test is about the bytes on the wire.
    h = realHarness(fake, { settings: { concurrency: 3, keepPhotoMetadata: true } })
    // Requests that end early while their buffers are lent: an answer before the body is read, a reset
    // half-way through a body, a 5xx (outcome unknown, checked on the board, then sent again).
    const create = { method: 'POST', path: '/v5/pins' } as const
    fake.faults.add({
      match: create,
      times: 1,
      action: { type: 'status', status: 400, message: 'Refused before reading.' },
    })
    fake.faults.add({ match: create, times: 1, action: { type: 'reset', afterBytes: 100_000 } })
    fake.faults.add({ match: create, times: 1, action: { type: 'status', status: 503 } })
    h.queue.enqueue(
      files.map((f) => draftFor(f, board.id)),
      { kind: 'cli', label: 'sizes' },
    )
    h.queue.start()
    await h.queue.whenIdle()
    const refused = h.queue.list().items.filter((i) => i.state === 'failed')
    expect(refused.map((i) => i.error?.message)).toEqual([expect.stringContaining('Refused before reading.')])
    expect(h.queue.retry({ itemId: refused[0]!.id })).toBe(1)
    await h.queue.whenIdle()
    expect(h.queue.list().items.every((i) => i.state === 'published')).toBe(true)
    const onBoard = fake.pins.filter((p) => p.board_id === board.id)
    expect(onBoard).toHaveLength(files.length)
    // Every fault fired: one create more per fault than there are files.
    expect(
      fake.requests.slice(seen).filter((r) => r.method === 'POST' && r.path === '/v5/pins'),
    ).toHaveLength(files.length + 3)
    const byTitle = new Map(onBoard.map((p) => [p.title, p]))
    expect(byTitle.size).toBe(files.length)
    for (const f of files) {
      const pin = byTitle.get(
        f
          .split('/')
          .pop()!
          .replace(/\.jpg$/, ''),
      )
      expect(pin?.image_sha256, f).toBe(createHash('sha256').update(readFileSync(f)).digest('hex'))
    }
  })

  it('a small image changed after it was read and hashed is not sent; the retry sends the new bytes', async () => {
    const board = fake.addBoard({ name: 'Changed' })
    const path = join(root, 'changed-after-read.jpg')
    // Words of its own in a comment segment: sent with the picture (bytes after its end would not be).
    const base = readFileSync(media.images[0]!)
    writeFileSync(path, withComment(base, 'old'))
    let changes = 0
    h = realHarness(fake, {
      apiFor: () => {
        const api: PinterestApi = h!.client
        return {
          ...api,
          createImagePinFromFile: (file, pin, o) => {
            // The first create finds the file edited after validation read it.
            if (changes++ === 0) {
              writeFileSync(path, withComment(base, 'old, then new'))
              utimesSync(path, new Date(), new Date(Date.now() + 5000))
            }
            return api.createImagePinFromFile(file, pin, o)
          },
        }
      },
    })
    h.queue.enqueue([draftFor(path, board.id)], { kind: 'cli', label: 'changed' })
    h.queue.start()
    await h.queue.whenIdle()
    const sha = createHash('sha256').update(readFileSync(path)).digest('hex')
    const pins = fake.pins.filter((p) => p.board_id === board.id)
    expect(pins).toHaveLength(1)
    expect(pins[0]!.image_sha256).toBe(sha)
    expect(changes).toBe(2)
    const row = h.db.prepare('SELECT state, content_hash FROM items').get() as {
      state: string
      content_hash: string
    }
    expect(row).toMatchObject({ state: 'published', content_hash: sha })
  })

  it('reset_after_commit on POST /v5/pins is reconciled: exactly one Pin, adopted', async () => {
    const board = fake.addBoard({ name: 'Reset' })
    const seen = fake.requests.length
    h = realHarness(fake)
    fake.faults.add({
      match: { method: 'POST', path: '/v5/pins' },
      times: 1,
      action: { type: 'reset_after_commit' },
    })
    h.queue.enqueue([draftFor(media.images[7]!, board.id, 'reset me')], { kind: 'cli', label: 'reset' })
    h.queue.start()
    await h.queue.whenIdle()
    const pins = fake.pins.filter((p) => p.board_id === board.id)
    expect(pins).toHaveLength(1)
    expect(
      fake.requests
        .slice(seen)
        .filter((r) => r.method === 'POST' && r.path === '/v5/pins' && r.answerDropped),
    ).toHaveLength(1)
    expect(fake.requests.some((r) => r.method === 'GET' && r.path === `/v5/boards/${board.id}/pins`)).toBe(
      true,
    )
    expect(h.queue.list().items[0]).toMatchObject({ state: 'published', pinId: pins[0]!.id })
  })

  it('a lost create whose board is gone needs attention and is never re-posted', async () => {
    const board = fake.addBoard({ name: 'Doomed' })
    const seen = fake.requests.length
    h = realHarness(fake)
    fake.faults.add({
      match: { method: 'POST', path: '/v5/pins' },
      times: 1,
      action: { type: 'reset_after_commit' },
    })
    fake.faults.add({
      match: { method: 'GET', path: `/v5/boards/${board.id}/pins` },
      action: { type: 'status', status: 404, code: 40, message: 'Board not found.' },
    })
    h.queue.enqueue([draftFor(media.images[8]!, board.id, 'doomed')], { kind: 'cli', label: 'doomed' })
    h.queue.start()
    await h.queue.whenIdle()
    const item = h.queue.list().items[0]!
    expect(item.state).toBe('needs_attention')
    expect(item.error?.message).toMatch(/board no longer exists/)
    expect(item.error?.fix).toMatch(/retry/i)
    expect(
      fake.requests.slice(seen).filter((r) => r.method === 'POST' && r.path === '/v5/pins'),
    ).toHaveLength(1)
    expect(fake.pins.filter((p) => p.board_id === board.id)).toHaveLength(1)
  })

  it('an expired upload policy re-registers the media and the video still publishes once', async () => {
    const board = fake.addBoard({ name: 'Policy' })
    h = realHarness(fake)
    fake.faults.add({ match: { category: 's3' }, times: 1, action: { type: 'policy_expired' } })
    h.queue.enqueue([draftFor(media.videos[0]!, board.id, 'policy')], { kind: 'cli', label: 'policy' })
    h.queue.start()
    await h.queue.whenIdle()
    expect(h.queue.list().items[0]!.state).toBe('published')
    expect(fake.pins.filter((p) => p.board_id === board.id)).toHaveLength(1)
  })
})
