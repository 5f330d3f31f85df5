import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { MediaStatus } from '../../src/shared/domain'
import { ApiError } from '../../src/main/pinterest/api-error'
import { waitForMedia } from '../../src/main/pinterest/media-poll'
import { createPinterestClient, type PinterestClient } from '../../src/main/pinterest/pinterest-client'
import { RateGovernor } from '../../src/main/pinterest/rate-governor'
import type { FakePinterest } from '../../src/main/fake-pinterest/index'
import { writeBigJpeg, writeImage, writeVideo } from '../support/media-files'
import { FakeTokens, requestsTo, startFake } from './pinterest-test-kit'

let fake: FakePinterest
let client: PinterestClient
let dir: string
let clip: string

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex')
const fastPoll = { delaysMs: [40], timeoutMs: 10_000 }

describe('video Pins against the fake', () => {
  beforeAll(async () => {
    fake = await startFake({ mediaProcessingMs: 250 })
    client = createPinterestClient({
      apiBase: fake.apiBase,
      tokens: FakeTokens.issue(fake),
      governor: new RateGovernor({ baseDelayMs: 10 }),
    })
    dir = mkdtempSync(join(tmpdir(), 'pinload-video-'))
    clip = writeVideo(dir)
  })
  afterAll(async () => {
    await client?.close()
    await fake?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })
  afterEach(() => {
    expect(fake.specViolations).toEqual([])
    // S3 refuses chunked bodies with 411: the client must never send one.
    const s3 = fake.requests.filter((r) => r.category === 's3')
    expect(s3.every((r) => !r.chunked && r.status !== 411)).toBe(true)
  })

  it('registers, uploads (exact length, params in order, file last), goes through every status, and creates the Pin', async () => {
    const board = fake.addBoard({ name: 'Videos' })
    const upload = await client.registerMedia()
    expect(await client.getMediaStatus(upload.mediaId)).toBe('registered')
    const progress: number[] = []
    await client.uploadMedia(upload, clip, { onProgress: (s) => progress.push(s) })
    const media = fake.media.find((m) => m.media_id === upload.mediaId)!
    expect(media.upload_count).toBe(1)
    expect(media.sha256).toBe(sha(clip))
    const s3 = requestsTo(fake, 'POST', /^\/s3-upload/).at(-1)!
    expect(s3.status).toBe(204)
    expect(progress.at(-1)).toBe(s3.bytesReceived)
    expect(s3.authorization).toBeNull()

    const seen: MediaStatus[] = []
    await waitForMedia(client, upload.mediaId, { ...fastPoll, onStatus: (s) => seen.push(s) })
    expect(seen).toContain('processing')
    expect(seen.at(-1)).toBe('succeeded')

    const pin = await client.createVideoPin(
      upload.mediaId,
      { kind: 'key_frame', seconds: 2 },
      { boardId: board.id, title: 'Clip' },
    )
    expect(fake.pins.find((p) => p.id === pin.id)).toMatchObject({
      media_source_type: 'video_id',
      video_media_id: upload.mediaId,
      video_cover: { kind: 'key_frame', seconds: 2 },
      board_id: board.id,
    })
  })

  async function readyMedia(): Promise<string> {
    const upload = await client.registerMedia()
    await client.uploadMedia(upload, clip)
    await waitForMedia(client, upload.mediaId, fastPoll)
    return upload.mediaId
  }

  it('sends a cover image file as base64, or a cover URL', async () => {
    const board = fake.addBoard({ name: 'Covers' })
    const cover = writeImage(dir, 'cover.png', 'png')
    const a = await client.createVideoPin(
      await readyMedia(),
      { kind: 'image_file', path: cover, contentType: 'image/png' },
      { boardId: board.id },
    )
    expect(fake.pins.find((p) => p.id === a.id)!.video_cover).toEqual({ kind: 'base64', sha256: sha(cover) })
    const b = await client.createVideoPin(
      await readyMedia(),
      { kind: 'image_url', url: 'https://e.com/cover.jpg' },
      { boardId: board.id },
    )
    expect(fake.pins.find((p) => p.id === b.id)!.video_cover).toEqual({
      kind: 'url',
      url: 'https://e.com/cover.jpg',
    })
  })

  it('creates an ad-only video Pin', async () => {
    const pin = await client.createVideoPin(
      await readyMedia(),
      { kind: 'key_frame', seconds: 0 },
      { adAccountId: '12345', title: 'Ad video' },
    )
    expect(fake.pins.find((p) => p.id === pin.id)).toMatchObject({
      board_id: fake.boards.find((b) => b.is_ads_only)?.id,
      ad_account_id: '12345',
      is_removable: true,
      media_source_type: 'video_id',
    })
  })

  it('throws media_failed when Pinterest fails to process the video', async () => {
    fake.failMedia('next')
    const upload = await client.registerMedia()
    await client.uploadMedia(upload, clip)
    const err = await waitForMedia(client, upload.mediaId, fastPoll).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ kind: 'media_failed' })
  })

  it('surfaces an expired upload policy as policyExpired, without retrying', async () => {
    fake.faults.add({ match: { category: 's3' }, times: 1, action: { type: 'policy_expired' } })
    const upload = await client.registerMedia()
    const before = requestsTo(fake, 'POST', /^\/s3-upload/).length
    const err = await client.uploadMedia(upload, clip).catch((e: unknown) => e)
    expect(err).toMatchObject({ details: { policyExpired: true, status: 403 } })
    expect(requestsTo(fake, 'POST', /^\/s3-upload/).length - before).toBe(1)
  })

  it('surfaces a really expired policy the same way (fake policy TTL)', async () => {
    const shortLived = await startFake({ uploadPolicyTtlMs: 1 })
    const c = createPinterestClient({ apiBase: shortLived.apiBase, tokens: FakeTokens.issue(shortLived) })
    try {
      const upload = await c.registerMedia()
      await new Promise((r) => setTimeout(r, 20))
      await expect(c.uploadMedia(upload, clip)).rejects.toMatchObject({
        kind: 'transient',
        details: { policyExpired: true },
      })
      expect(shortLived.specViolations).toEqual([])
    } finally {
      await c.close()
      await shortLived.close()
    }
  })

  it('cancels mid-upload: the promise rejects with cancelled and the fake holds no completed upload', async () => {
    const big = writeBigJpeg(dir, 'big.mp4', 24 * 1024 * 1024)
    const upload = await client.registerMedia()
    const ac = new AbortController()
    let aborted = false
    const p = client.uploadMedia(upload, big, {
      signal: ac.signal,
      bytesPerSecond: 8 * 1024 * 1024,
      onProgress: (sent) => {
        if (!aborted && sent > 2 * 1024 * 1024) {
          aborted = true
          ac.abort()
        }
      },
    })
    await expect(p).rejects.toMatchObject({ kind: 'cancelled' })
    expect(aborted).toBe(true)
    const media = fake.media.find((m) => m.media_id === upload.mediaId)!
    expect(media.upload_count).toBe(0)
    expect(media.status).toBe('registered')
    const s3 = requestsTo(fake, 'POST', /^\/s3-upload/).at(-1)!
    expect(s3.status).not.toBe(204)
  })

  it('paces an upload to the bandwidth cap', async () => {
    const file = writeBigJpeg(dir, 'paced.mp4', 600 * 1024)
    const upload = await client.registerMedia()
    const t0 = Date.now()
    await client.uploadMedia(upload, file, { bytesPerSecond: 1024 * 1024 })
    const secs = (Date.now() - t0) / 1000
    // 600 KiB at 1 MiB/s with a 250 ms burst allowance: at least ~0.3 s, and not absurdly slow.
    expect(secs).toBeGreaterThan(0.3)
    expect(secs).toBeLessThan(5)
  })

  it('fails with "file changed during upload" when the file grows mid-transfer, and S3 stores nothing', async () => {
    const file = writeBigJpeg(dir, 'growing.mp4', 3 * 1024 * 1024)
    const upload = await client.registerMedia()
    let grown = false
    const err = await client
      .uploadMedia(upload, file, {
        bytesPerSecond: 4 * 1024 * 1024,
        onProgress: (sent) => {
          if (!grown && sent > 512 * 1024) {
            grown = true
            appendFileSync(file, Buffer.alloc(1000))
          }
        },
      })
      .catch((e: unknown) => e)
    expect(err).toMatchObject({
      kind: 'transient',
      message: expect.stringContaining('changed during upload') as unknown,
    })
    expect(fake.media.find((m) => m.media_id === upload.mediaId)!.upload_count).toBe(0)
  })
})
