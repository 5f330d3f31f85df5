/** Real files in a temp dir and a queue over real SQLite, for the pipeline unit tests. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ItemDraft, Settings } from '../../src/shared/domain'
import { openDatabase, type Database } from '../../src/main/db/connection'
import { defaultSettings } from '../../src/main/db/settings-store'
import { UploadQueue } from '../../src/main/pipeline/upload-queue'
import type { UploadQueueDeps } from '../../src/main/pipeline/queue-types'
import type { ProgressEvent } from '../../src/shared/progress-events'
import { box, tinyMp4 } from '../support/mp4-builder'
import { MemoryApi } from './pipeline-memory-api'

/** A real JPEG with a comment segment carrying `seed`, so each file hashes differently. */
export function jpegBytes(seed: string): Buffer {
  const comment = Buffer.from(seed, 'utf8')
  const len = Buffer.alloc(2)
  len.writeUInt16BE(comment.length + 2)
  // A real 1×1 baseline JPEG (its JFIF header, then tables, frame and scan) with the seed as a comment: the
  // pipeline decodes a JPEG whose header it cannot walk (src/main/media/prepare-image.ts), so a bare marker
  // shell would be refused as unreadable.
  return Buffer.concat([
    ONE_PIXEL_JPEG.subarray(0, 20),
    Buffer.from([0xff, 0xfe]),
    len,
    comment,
    ONE_PIXEL_JPEG.subarray(20),
  ])
}

const ONE_PIXEL_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAAB//EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AQH//2Q==',
  'base64',
)

/** A 6-second 720×1280 MP4 box tree with a `free` box carrying `seed`. */
function mp4Bytes(seed: string): Buffer {
  return Buffer.concat([
    tinyMp4({ durationSec: 6, width: 720, height: 1280 }),
    box('free', Buffer.from(seed, 'utf8')),
  ])
}

export interface Harness {
  dir: string
  db: Database
  api: MemoryApi
  queue: UploadQueue
  settings: Settings
  events: ProgressEvent[]
  file(name: string, bytes: Buffer): string
  image(name: string): string
  video(name: string): string
  draft(path: string, extra?: Partial<ItemDraft['meta']>, more?: Partial<ItemDraft>): ItemDraft
  /** Opens a new queue on the same DB (a "restart"). */
  reopen(overrides?: Partial<UploadQueueDeps>): UploadQueue
  close(): Promise<void>
}

export function harness(
  opts: Omit<Partial<UploadQueueDeps>, 'settings'> & { settings?: Partial<Settings> } = {},
): Harness {
  const { settings: settingsPatch, ...overrides } = opts
  const dir = mkdtempSync(join(tmpdir(), 'pinload-pipe-'))
  const db = openDatabase({ dataDir: join(dir, 'data') })
  const api = new MemoryApi()
  const settings: Settings = { ...defaultSettings(join(dir, 'data')), ...settingsPatch }
  const events: ProgressEvent[] = []
  const make = (o: Partial<UploadQueueDeps>) => {
    const q = new UploadQueue({
      db,
      apiFor: () => api,
      settings: () => settings,
      retryBaseMs: 5,
      createGraceMs: 20,
      pollMs: { first: 5, max: 20 },
      progressIntervalMs: 20,
      ...overrides,
      ...o,
    })
    q.onProgress((e) => events.push(e))
    return q
  }
  const h: Harness = {
    dir,
    db,
    api,
    settings,
    events,
    queue: make({}),
    file(name, bytes) {
      const p = join(dir, name)
      writeFileSync(p, bytes)
      return p
    },
    image(name) {
      return h.file(name, jpegBytes(name))
    },
    video(name) {
      return h.file(name, mp4Bytes(name))
    },
    draft(path, extra = {}, more = {}) {
      return { path, meta: { boardId: 'b1', title: path.split('/').pop() ?? '', ...extra }, ...more }
    },
    reopen(o = {}) {
      h.queue = make(o)
      return h.queue
    },
    async close() {
      await h.queue.shutdown()
      db.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
  return h
}
