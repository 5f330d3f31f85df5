import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { request } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { waitForMedia } from '../../src/main/pinterest/media-poll'
import { createPinterestClient, type PinterestClient } from '../../src/main/pinterest/pinterest-client'
import {
  DEMO_APP,
  DEMO_USERNAME,
  startDemoPinterest,
  type DemoPinterest,
} from '../../src/main/fake-pinterest/demo'
import { bytes } from '../support/media-bytes'

/** The built-in demo's stand-in, used as the app and the command will use it: over HTTP, with the real client. */

let demo: DemoPinterest
let client: PinterestClient
let dir: string

beforeAll(async () => {
  demo = await startDemoPinterest({ mediaProcessingMs: 200 })
  client = createPinterestClient({
    apiBase: demo.apiBase,
    tokens: {
      getAccessToken: () => Promise.resolve(demo.accessToken),
      refreshAccessToken: () => Promise.reject(new Error('the demo token does not expire during a test')),
    },
  })
  dir = mkdtempSync(join(tmpdir(), 'pinload-demo-test-'))
})
afterAll(async () => {
  await client?.close()
  await demo?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('startDemoPinterest', () => {
  it('listens on 127.0.0.1 and says how to point the app at it, for production', () => {
    expect(demo.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(demo.apiBase).toBe(`${demo.baseUrl}/v5`)
    expect(demo.environment).toBe('production')
    expect(demo.env).toEqual({
      PINLOAD_API_BASE: demo.apiBase,
      PINLOAD_OAUTH_BASE: demo.oauthBase,
      PINLOAD_ACCESS_TOKEN: demo.accessToken,
      PINLOAD_ENVIRONMENT: 'production',
    })
  })

  it('lists the sample boards and their sections with the token, over HTTP', async () => {
    const res = await request(`${demo.apiBase}/boards`, {
      headers: { authorization: `Bearer ${demo.accessToken}` },
    })
    expect(res.statusCode).toBe(200)
    const body = (await res.body.json()) as { items: { id: string; name: string }[]; bookmark: string | null }
    expect(body.items.map((b) => [b.id, b.name])).toEqual(demo.boards.map((b) => [b.id, b.name]))
    expect(demo.boards.map((b) => b.name)).toEqual(['Recipes', 'Travel', 'Home ideas'])
    expect(demo.boards.some((b) => b.sections.length > 0)).toBe(true)
    expect(body.bookmark).toBeNull()

    const me = await client.getUserAccount()
    expect(me.username).toBe(DEMO_USERNAME)
    const sections = await client.listSections(demo.boards[0]!.id)
    expect(sections.map((s) => s.name)).toEqual(demo.boards[0]!.sections.map((s) => s.name))
  })

  it('publishes an image Pin and a video Pin through the real client, and reads them back', async () => {
    const [recipes, travel] = demo.boards
    const photo = join(dir, 'bread.jpg')
    writeFileSync(photo, bytes.jpeg(4096))
    const image = await client.createImagePinFromFile(
      { path: photo, contentType: 'image/jpeg' },
      { boardId: recipes!.id, boardSectionId: recipes!.sections[1]!.id, title: 'Sourdough' },
    )

    const clip = join(dir, 'hike.mp4')
    writeFileSync(clip, bytes.mp4(64 * 1024))
    const upload = await client.registerMedia()
    await client.uploadMedia(upload, clip)
    const seen: string[] = []
    await waitForMedia(client, upload.mediaId, {
      delaysMs: [50],
      timeoutMs: 10_000,
      onStatus: (s) => seen.push(s),
    })
    expect(seen.at(-1)).toBe('succeeded')
    const video = await client.createVideoPin(
      upload.mediaId,
      { kind: 'key_frame', seconds: 1 },
      { boardId: travel!.id, title: 'Ridge walk' },
    )

    const readImage = await client.getPin(image.id)
    expect(readImage).toMatchObject({ id: image.id, boardId: recipes!.id, title: 'Sourdough' })
    const readVideo = await client.getPin(video.id)
    expect(readVideo).toMatchObject({ id: video.id, boardId: travel!.id, title: 'Ridge walk' })
    const page = await client.listBoardPins(travel!.id)
    expect(page.items.map((p) => p.id)).toEqual([video.id])

    // The cover comes back as an image on the stand-in itself: the demo needs no network.
    const raw = await request(`${demo.apiBase}/pins/${video.id}`, {
      headers: { authorization: `Bearer ${demo.accessToken}` },
    })
    const media = ((await raw.body.json()) as { media: { cover_image_url: string } }).media
    expect(media.cover_image_url.startsWith(`${demo.baseUrl}/`)).toBe(true)
    expect(demo.pins.map((p) => [p.title, p.media_source_type])).toEqual([
      ['Sourdough', 'image_base64'],
      ['Ridge walk', 'video_id'],
    ])
  })

  it("signs in through the stand-in's authorize page as the demo user", async () => {
    const auth = new URL(demo.oauthBase)
    auth.search = new URLSearchParams({
      client_id: DEMO_APP.appId,
      redirect_uri: 'http://localhost:8085/',
      response_type: 'code',
      scope: 'boards:read,user_accounts:read',
      state: 'demo',
    }).toString()
    const res = await request(auth)
    await res.body.dump()
    const code = new URL(res.headers.location as string).searchParams.get('code')!
    const tokenRes = await request(`${demo.apiBase}/oauth/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${DEMO_APP.appId}:${DEMO_APP.appSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: 'http://localhost:8085/',
      }).toString(),
    })
    const token = ((await tokenRes.body.json()) as { access_token: string }).access_token
    const boards = await request(`${demo.apiBase}/boards`, { headers: { authorization: `Bearer ${token}` } })
    const names = ((await boards.body.json()) as { items: { name: string }[] }).items.map((b) => b.name)
    expect(names).toEqual(['Recipes', 'Travel', 'Home ideas'])
  })
})
