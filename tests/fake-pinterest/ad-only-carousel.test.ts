import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startFakePinterest, type FakeBoard, type FakePinterest } from '../../src/main/fake-pinterest/index'
import { api, JPEG_B64, JPEG_BYTES, PNG_B64, sha256Hex } from './test-helpers'

/** Ad-only Pins as the create-Pins guide shows them (docs/pinterest-api.md §3.1a) and carousels (§3.2). */
let fake: FakePinterest
let token: string
let board: FakeBoard
beforeAll(async () => {
  fake = await startFakePinterest({ rateLimits: false })
})
afterAll(async () => {
  await fake.close()
})
beforeEach(() => {
  token = fake.issueToken().accessToken
  board = fake.addBoard({ name: 'Board' })
})
afterEach(() => fake.reset())

const jpeg = { source_type: 'image_base64', content_type: 'image/jpeg', data: JPEG_B64 }
const post = (body: unknown, query = '') => api(fake, token, 'POST', `/pins${query}`, body)
const item = (data = JPEG_B64, extra: Record<string, unknown> = {}) => ({
  content_type: data === PNG_B64 ? 'image/png' : 'image/jpeg',
  data,
  ...extra,
})

async function refused(body: unknown, field: string, query = ''): Promise<string> {
  const r = await post(body, query)
  expect(r.status, r.text).toBe(400)
  const message = (r.body as { message: string }).message
  expect(message).toContain(field)
  expect(fake.pins).toHaveLength(0)
  return message
}

describe('ad-only Pins', () => {
  it('file under an "Ad-only Pins" board made on first use, echoing is_removable', async () => {
    const a = await post({ title: 'Tree', media_source: jpeg, is_removable: true })
    const b = await post({ title: 'Bush', media_source: jpeg, is_removable: true }, '?ad_account_id=42')
    expect([a.status, b.status]).toEqual([201, 201])
    const ads = fake.boards.filter((x) => x.is_ads_only)
    expect(ads).toHaveLength(1)
    expect(ads[0]).toMatchObject({ name: 'Ad-only Pins', privacy: 'PROTECTED' })
    expect(a.body).toMatchObject({ board_id: ads[0]!.id, is_removable: true, has_been_promoted: false })
    expect(fake.pins.map((p) => [p.board_id, p.ad_account_id])).toEqual([
      [ads[0]!.id, null],
      [ads[0]!.id, '42'],
    ])
  })

  it('refuses ad_account_id alone, is_removable false or not a boolean, and a section without a board', async () => {
    expect(await refused({ media_source: jpeg }, 'board_id', '?ad_account_id=42')).toMatch(
      /is_removable: true/,
    )
    await refused({ media_source: jpeg, is_removable: false }, 'board_id')
    await refused({ board_id: board.id, media_source: jpeg, is_removable: 'yes' }, 'is_removable')
    const section = fake.addSection(board.id, 'S')
    await refused(
      { board_section_id: section.id, media_source: jpeg, is_removable: true },
      'board_section_id',
    )
  })
})

describe('carousel Pins', () => {
  const carousel = (items: unknown[]) => ({
    board_id: board.id,
    title: 'Trip',
    media_source: { source_type: 'multiple_image_base64', items },
  })

  it('keep each image and its own text', async () => {
    const r = await post(
      carousel([item(), item(JPEG_B64, { title: 'two', link: 'https://e.com/2' }), item()]),
    )
    expect(r.status, r.text).toBe(201)
    expect(r.body).toMatchObject({ creative_type: 'CAROUSEL', media: { media_type: 'multiple_images' } })
    expect(fake.pins[0]!.carousel_items).toEqual([
      { sha256: sha256Hex(JPEG_BYTES), content_type: 'image/jpeg' },
      { sha256: sha256Hex(JPEG_BYTES), content_type: 'image/jpeg', title: 'two', link: 'https://e.com/2' },
      { sha256: sha256Hex(JPEG_BYTES), content_type: 'image/jpeg' },
    ])
  })

  it('refuse 1 or 6 images, bytes that are not the declared type, and a link that is not a URL', async () => {
    expect(await refused(carousel([item()]), 'items')).toMatch(/2 to 5 images \(got 1\)/)
    expect(await refused(carousel(Array.from({ length: 6 }, () => item())), 'items')).toMatch(/got 6/)
    await refused(carousel([item(), { content_type: 'image/jpeg', data: PNG_B64 }]), 'items[1].data')
    await refused(carousel([item(), item(JPEG_B64, { link: 'my shop' })]), 'items[1].link')
    await refused(carousel([item(), { content_type: 'image/jpeg' }]), 'items[1].data')
  })
})
