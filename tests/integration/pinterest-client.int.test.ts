import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  createPinterestClient,
  resolveApiBase,
  type PinterestClient,
} from '../../src/main/pinterest/pinterest-client'
import { RateGovernor } from '../../src/main/pinterest/rate-governor'
import type { FakePinterest } from '../../src/main/fake-pinterest/index'
import { writeBigJpeg, writeImage } from '../support/media-files'
import { FakeTokens, requestsTo, startFake } from './pinterest-test-kit'

let fake: FakePinterest
let client: PinterestClient
let dir: string

beforeAll(async () => {
  fake = await startFake()
  dir = mkdtempSync(join(tmpdir(), 'pinload-client-'))
})
afterAll(async () => {
  await client?.close()
  await fake.close()
  rmSync(dir, { recursive: true, force: true })
})
afterEach(() => {
  expect(fake.specViolations).toEqual([])
})

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex')

describe('resolveApiBase', () => {
  it('picks production, sandbox, or PINLOAD_API_BASE', () => {
    expect(resolveApiBase('production', {})).toBe('https://api.pinterest.com/v5')
    expect(resolveApiBase('sandbox', {})).toBe('https://api-sandbox.pinterest.com/v5')
    expect(resolveApiBase('production', { PINLOAD_API_BASE: 'http://127.0.0.1:9/v5/' })).toBe(
      'http://127.0.0.1:9/v5',
    )
  })
})

describe('Pinterest client against the fake', () => {
  beforeAll(() => {
    client = createPinterestClient({
      apiBase: fake.apiBase,
      tokens: FakeTokens.issue(fake),
      governor: new RateGovernor({ baseDelayMs: 10 }),
    })
  })

  it('reads the user account', async () => {
    const me = await client.getUserAccount()
    expect(me.username).toBeTruthy()
  })

  it('lists every board by following bookmarks with page_size=250', async () => {
    for (let i = 0; i < 260; i++) fake.addBoard({ name: `Board ${i}` })
    const boards = await client.listBoards()
    expect(boards.length).toBe(fake.boards.length)
    expect(new Set(boards.map((b) => b.id)).size).toBe(boards.length)
    const listCalls = requestsTo(fake, 'GET', '/v5/boards')
    expect(listCalls.length).toBeGreaterThanOrEqual(2)
    expect(listCalls.every((r) => r.query.page_size === '250')).toBe(true)
    expect(listCalls[1]!.query.bookmark).toBeTruthy()
    // Names it has seen are kept for messages about a board given by id; an unseen id has none.
    const last = fake.boards[fake.boards.length - 1]!
    expect(client.knownBoardName?.(last.id)).toBe(last.name)
    expect(client.knownBoardName?.('no-such-board')).toBeUndefined()
  })

  it('creates a board and a section, and lists sections', async () => {
    const board = await client.createBoard({ name: 'Holiday', privacy: 'PROTECTED' })
    expect(client.knownBoardName?.(board.id)).toBe('Holiday')
    expect(board).toMatchObject({ name: 'Holiday', privacy: 'PROTECTED' })
    const section = await client.createSection(board.id, 'Beach')
    expect(section.name).toBe('Beach')
    expect(await client.listSections(board.id)).toEqual([section])
  })

  it('creates image Pins from a local JPEG and PNG, streamed with an exact length, with progress', async () => {
    const board = fake.addBoard({ name: 'Photos' })
    const section = fake.addSection(board.id, 'Pink')
    for (const kind of ['jpeg', 'png'] as const) {
      const path = writeImage(dir, `photo.${kind}`, kind)
      const progress: [number, number][] = []
      const pin = await client.createImagePinFromFile(
        { path, contentType: kind === 'jpeg' ? 'image/jpeg' : 'image/png' },
        {
          boardId: board.id,
          boardSectionId: section.id,
          title: `A ${kind}`,
          description: 'Pink',
          link: 'https://example.com/p',
          altText: 'pink',
        },
        { onProgress: (s, t) => progress.push([s, t]) },
      )
      const stored = fake.pins.find((p) => p.id === pin.id)!
      expect(stored).toMatchObject({
        board_id: board.id,
        board_section_id: section.id,
        title: `A ${kind}`,
        media_source_type: 'image_base64',
        image_content_type: `image/${kind}`,
      })
      expect(stored.image_sha256).toBe(sha(path))
      const req = requestsTo(fake, 'POST', '/v5/pins').at(-1)!
      expect(req.chunked).toBe(false)
      const [last, total] = progress.at(-1)!
      expect(last).toBe(total)
      expect(req.bytesReceived).toBe(total)
    }
  })

  it('streams a 12 MB image in many chunks: progress climbs to the Content-Length', async () => {
    const board = fake.addBoard({ name: 'Big' })
    const path = writeBigJpeg(dir, 'big.jpg', 12 * 1024 * 1024)
    const seen: number[] = []
    const pin = await client.createImagePinFromFile(
      { path, contentType: 'image/jpeg' },
      { boardId: board.id },
      { onProgress: (s) => seen.push(s) },
    )
    expect(fake.pins.find((p) => p.id === pin.id)!.image_sha256).toBe(sha(path))
    expect(seen.length).toBeGreaterThan(10)
    expect(seen.every((v, i) => i === 0 || v > seen[i - 1]!)).toBe(true)
    expect(seen.at(-1)).toBe(requestsTo(fake, 'POST', '/v5/pins').at(-1)!.bytesReceived)
  })

  it('creates an image Pin from a URL', async () => {
    const board = fake.addBoard({ name: 'Links' })
    const pin = await client.createImagePinFromUrl('https://images.example.com/a.jpg', {
      boardId: board.id,
      title: 'From the web',
    })
    expect(fake.pins.find((p) => p.id === pin.id)).toMatchObject({
      media_source_type: 'image_url',
      image_url: 'https://images.example.com/a.jpg',
      board_id: board.id,
    })
  })

  it('creates an ad-only Pin: is_removable, no board, ad_account_id in the query (pinterest-api.md §3.1a)', async () => {
    const path = writeImage(dir, 'ad.jpg', 'jpeg')
    const pin = await client.createImagePinFromFile(
      { path, contentType: 'image/jpeg' },
      { boardId: '1', adAccountId: '549755885175', title: 'Ad' },
    )
    const adBoard = fake.boards.find((b) => b.is_ads_only)
    expect(fake.pins.find((p) => p.id === pin.id)).toMatchObject({
      board_id: adBoard?.id,
      ad_account_id: '549755885175',
      is_removable: true,
    })
    expect(requestsTo(fake, 'POST', '/v5/pins').at(-1)!.query.ad_account_id).toBe('549755885175')
  })

  it('lists a board’s Pins newest first and reads one Pin', async () => {
    const board = fake.addBoard({ name: 'Reconcile' })
    const created = []
    for (const t of ['one', 'two', 'three'])
      created.push(
        await client.createImagePinFromUrl(`https://e.com/${t}.jpg`, { boardId: board.id, title: t }),
      )
    const page = await client.listBoardPins(board.id)
    expect(page.items.map((p) => p.id).sort()).toEqual(created.map((p) => p.id).sort())
    expect(page.bookmark).toBeNull()
    const one = await client.getPin(created[0]!.id)
    expect(one).toMatchObject({ id: created[0]!.id, title: 'one', boardId: board.id })
  })

  it('keeps connections alive across calls (one socket per origin when calls are sequential)', async () => {
    const local = createPinterestClient({ apiBase: fake.apiBase, tokens: FakeTokens.issue(fake) })
    try {
      const before = fake.requests.length
      for (let i = 0; i < 5; i++) await local.getUserAccount()
      expect(fake.requests.length - before).toBe(5)
    } finally {
      await local.close()
    }
  })
})
