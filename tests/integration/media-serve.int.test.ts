import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import { mediaResponse } from '../../src/main/security/media-range'
import type { ItemView } from '../../src/shared/domain'
import { addAsWindow } from '../support/add-paths-kit'
import { writeImage, writeVideo } from '../support/media-files'
import { startTestApp, type TestApp } from '../support/test-app'

// Issue 16: the window plays a queued video (poster frame, cover-frame picker) from app://pinload/media/<id>,
// which main answers by item id with ranges of that item's own file, and for nothing else.
let fake: FakePinterest
let app: TestApp
let root: string
let items: ItemView[]

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'pinload-media-serve-'))
  fake = await startFakePinterest({ rateLimits: false })
  const boardId = fake.addBoard({ name: 'Clips' }).id
  app = await startTestApp({
    dataDir: join(root, 'data'),
    fake,
    env: { PINLOAD_ACCESS_TOKEN: fake.issueToken().accessToken },
  })
  await app.call('uploads:pause-all', {})
  const media = join(root, 'media')
  mkdirSync(media)
  writeVideo(media, 'clip.mp4')
  writeImage(media, 'still.jpg', 'jpeg')
  expect(await addAsWindow(app.dispatch, [media], { boardId })).toMatchObject({
    value: { queued: 2 },
  })
  items = (await app.call<{ items: ItemView[] }>('uploads:list', {})).items
}, 60_000)
afterAll(async () => {
  await app.shutdown()
  await fake.close()
  rmSync(root, { recursive: true, force: true })
})

const byName = (name: string) => items.find((i) => i.name === name)!

describe('app://pinload/media/<id>', () => {
  it("serves a video item's own file, by ranges, even while queued and not yet through pre-flight", async () => {
    const clip = byName('clip.mp4')
    const file = await app.app.mediaFile(clip.id)
    expect(file).toEqual({ path: clip.path, mime: 'video/mp4' })
    const bytes = readFileSync(clip.path!)

    const whole = await mediaResponse(file, null)
    expect([whole.status, whole.headers.get('accept-ranges'), whole.headers.get('content-type')]).toEqual([
      200,
      'bytes',
      'video/mp4',
    ])
    expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true)

    const part = await mediaResponse(file, 'bytes=100-1099')
    expect(part.status).toBe(206)
    expect(part.headers.get('content-range')).toBe(`bytes 100-1099/${bytes.length}`)
    expect(part.headers.get('content-length')).toBe('1000')
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(100, 1100))).toBe(true)

    const tail = await mediaResponse(file, 'bytes=-10')
    expect(Buffer.from(await tail.arrayBuffer()).equals(bytes.subarray(-10))).toBe(true)

    const past = await mediaResponse(file, `bytes=${bytes.length}-`)
    expect([past.status, past.headers.get('content-range')]).toEqual([416, `bytes */${bytes.length}`])
  })

  it('serves nothing for an image item or an unknown id', async () => {
    expect(await app.app.mediaFile(byName('still.jpg').id)).toBeUndefined()
    expect(await app.app.mediaFile(999_999)).toBeUndefined()
    expect((await mediaResponse(undefined, null)).status).toBe(404)
  })
})
