import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { listItemMedia } from '../../src/main/db/item-media'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import { writeImage } from '../support/media-files'
import { exifRead, exifWrite, photo } from '../support/image-files'
import { prepareImage } from '../../src/main/media/prepare-image'
import { realHarness } from './pipeline-helpers'
import type { ItemRow } from '../../src/main/db/item-rows'
import { ApiError } from '../../src/main/pinterest/api-error'
import { sendCarousel } from '../../src/main/pipeline/carousel-item'
import { createOutcomeUnknown } from '../../src/main/pipeline/errors'
import type { RunContext } from '../../src/main/pipeline/run-context'

/** A carousel item is created exactly once like any Pin (docs/architecture.md, "Exactly one Pin per file"). */
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex')

let fake: FakePinterest
let root: string
beforeAll(async () => {
  fake = await startFakePinterest({ rateLimits: false })
  root = mkdtempSync(join(tmpdir(), 'pinload-carousel-run-'))
})
afterAll(async () => {
  await fake.close()
  rmSync(root, { recursive: true, force: true })
})

const images = (name: string, colors: string[], size?: string) => {
  const dir = join(root, name)
  mkdirSync(dir, { recursive: true })
  return colors.map((c, i) => writeImage(dir, `${i}.jpg`, 'jpeg', { color: c, ...(size && { size }) }))
}

it('a carousel whose create answer is lost is adopted from the board, never sent twice', async () => {
  const board = fake.addBoard({ name: 'Carousels' })
  const h = realHarness(fake)
  try {
    const paths = images('trip.carousel', ['red', 'green', 'blue'])
    fake.faults.add({
      match: { method: 'POST', path: '/v5/pins' },
      times: 1,
      action: { type: 'reset_after_commit' },
    })
    const { batchId } = h.queue.enqueue(
      [
        {
          path: join(root, 'trip.carousel'),
          meta: { boardId: board.id, title: 'Trip' },
          carousel: paths.map((path, i) => ({ path, ...(i === 0 && { title: 'first' }) })),
        },
      ],
      { kind: 'folder', label: 'trip.carousel' },
    )
    const [item] = h.queue.list().items.filter((v) => v.batchId === batchId)
    expect(item).toMatchObject({ kind: 'carousel', name: 'trip.carousel' })
    expect(listItemMedia(h.db, item!.id).map((m) => [m.path, m.title])).toEqual([
      [paths[0], 'first'],
      [paths[1], null],
      [paths[2], null],
    ])
    h.queue.start()
    await h.queue.whenIdle()
    const done = h.queue.list().items.find((v) => v.id === item!.id)
    expect(done?.state, JSON.stringify(done?.error)).toBe('published')
    expect(fake.requests.filter((r) => r.method === 'POST' && r.path === '/v5/pins')).toHaveLength(1)
    expect(fake.pins).toHaveLength(1)
    expect(fake.pins[0]).toMatchObject({ id: done?.pinId, media_source_type: 'multiple_image_base64' })
    expect(fake.pins[0]!.carousel_items).toHaveLength(3)
  } finally {
    await h.close()
  }
}, 60_000)

it('a queued carousel whose images differ in size fails at pre-flight with the reason, sending nothing', async () => {
  const board = fake.addBoard({ name: 'Changed' })
  const h = realHarness(fake)
  try {
    const before = fake.pins.length
    const [a] = images('changed.carousel', ['red'])
    const [b] = images('changed.carousel/b', ['green'], '300x300')
    h.queue.enqueue(
      [
        {
          path: join(root, 'changed.carousel'),
          meta: { boardId: board.id },
          carousel: [{ path: a! }, { path: b! }],
        },
      ],
      { kind: 'folder', label: 'changed.carousel' },
    )
    h.queue.start()
    await h.queue.whenIdle()
    const [item] = h.queue.list().items.filter((v) => v.name === 'changed.carousel')
    expect(item?.state).toBe('failed')
    expect(item?.error?.message).toMatch(
      /is 300×300 but 0\.jpg is 100×150; carousel images must all be the same size/,
    )
    expect(fake.pins).toHaveLength(before)
  } finally {
    await h.close()
  }
}, 60_000)

it('the same carousel added again while it is queued is a duplicate; changed, it is new', async () => {
  const board = fake.addBoard({ name: 'Again' })
  const h = realHarness(fake)
  try {
    const paths = images('again.carousel', ['red', 'green'])
    const draft = {
      path: join(root, 'again.carousel'),
      meta: { boardId: board.id },
      carousel: paths.map((path) => ({ path })),
    }
    const origin = { kind: 'folder' as const, label: 'again.carousel' }
    expect(h.queue.enqueue([draft], origin)).toMatchObject({ queued: 1, duplicates: 0 })
    expect(h.queue.enqueue([draft], origin)).toMatchObject({ queued: 0, duplicates: 1 })
    utimesSync(paths[1]!, new Date(), new Date(Date.now() + 5_000))
    expect(h.queue.enqueue([draft], origin)).toMatchObject({ queued: 1, duplicates: 0 })
  } finally {
    await h.close()
  }
}, 60_000)

it("sends each carousel image as prepared for a Pin: a JPEG's GPS and camera metadata stripped", async () => {
  const board = fake.addBoard({ name: 'Private' })
  const h = realHarness(fake)
  try {
    const dir = join(root, 'gps.carousel')
    mkdirSync(dir)
    const located = photo(dir, 'a.jpg', '100x150')
    exifWrite(located, [
      '-GPSLatitude=48.85',
      '-GPSLatitudeRef=N',
      '-GPSLongitude=2.35',
      '-GPSLongitudeRef=E',
    ])
    expect(JSON.stringify(exifRead(located))).toMatch(/GPSLatitude/)
    const plain = photo(dir, 'b.png', '100x150')
    const expected = await Promise.all(
      [located, plain].map(async (path, i) => {
        const r = await prepareImage(path, {
          name: `${i}`,
          mime: i === 0 ? 'image/jpeg' : 'image/png',
          keepMetadata: false,
          tempDir: join(root, 'expected'),
          key: `e${i}`,
          size: statSync(path).size,
        })
        if (!r.ok) throw new Error(r.error.message)
        return sha(readFileSync(r.value.tempPath ?? path))
      }),
    )
    expect(expected[0]).not.toBe(sha(readFileSync(located)))
    h.queue.enqueue(
      [{ path: dir, meta: { boardId: board.id }, carousel: [{ path: located }, { path: plain }] }],
      {
        kind: 'folder',
        label: 'gps.carousel',
      },
    )
    h.queue.start()
    await h.queue.whenIdle()
    const pin = fake.pins.find((p) => p.board_id === board.id)
    expect(pin?.carousel_items?.map((i) => i.sha256)).toEqual(expected)
    // The prepared copies are gone once the create settled.
    expect(readdirSync(join(h.settings.dataDir, 'prepared')).filter((f) => f.startsWith('item-'))).toEqual([])
  } finally {
    await h.close()
  }
}, 60_000)

it('a run stopped while the carousel images are being prepared sends nothing and says so, leaving no copies', async () => {
  const h = realHarness(fake)
  try {
    const dir = join(root, 'stopped.carousel')
    mkdirSync(dir)
    const a = photo(dir, 'a.jpg', '100x150')
    exifWrite(a, ['-GPSLatitude=48.85', '-GPSLatitudeRef=N'])
    const b = photo(dir, 'b.jpg', '100x150')
    const { batchId } = h.queue.enqueue(
      [{ path: dir, meta: { boardId: 'b1' }, carousel: [{ path: a }, { path: b }] }],
      { kind: 'folder', label: 'stopped.carousel' },
    )
    const item = h.queue.list().items.find((v) => v.batchId === batchId)!
    const run = new AbortController()
    const sent: unknown[] = []
    const ctx = {
      store: { repo: { database: h.db } },
      api: {
        createCarouselPin: (...args: unknown[]) => {
          sent.push(args)
          return Promise.reject(new ApiError('cancelled', 'aborted', {}))
        },
      },
      signal: run.signal,
      // The run is stopped (pause, shutdown) while the images are being prepared, after `creating` was committed.
      settings: {
        dataDir: h.settings.dataDir,
        get keepPhotoMetadata() {
          run.abort()
          return false
        },
      },
      onBytes: () => {},
    } as unknown as RunContext
    const row = { id: item.id, source_path: dir } as ItemRow
    const err = await sendCarousel(row, { boardId: 'b1' }, ctx).then(
      () => null,
      (e: unknown) => e,
    )
    expect(sent).toEqual([])
    // Nothing left: not a lost answer for the runner to watch the board for (item-runner.ts, createOutcomeUnknown).
    expect(err).not.toBeNull()
    expect(createOutcomeUnknown(err)).toBe(false)
    expect(readdirSync(join(h.settings.dataDir, 'prepared')).filter((f) => f.startsWith('item-'))).toEqual([])
  } finally {
    await h.close()
  }
}, 60_000)
