import { JPEG_B64, PNG_B64 } from './test-helpers'

/**
 * The request bodies the agreement test sends to the fake and checks against Pinterest's OpenAPI description:
 * every media_source variant and the documented refusals, each with what the spec says of it.
 */
export type Endpoint =
  'POST /pins' | 'POST /pins?ad' | 'POST /boards' | 'POST /sections' | 'POST /media' | 'POST /oauth/token'

export interface Case {
  name: string
  endpoint: Endpoint
  /** What the spec's schema says: checked too, so a schema that fails to compile cannot pass silently. */
  spec: 'valid' | 'invalid'
  body: (ids: Ids) => unknown
  /**
   * Set when Pinterest is documented to be stricter than its schema: the spec accepts the body, the fake
   * (like Pinterest) answers 400. The reason says where that is documented.
   */
  stricter?: string
}

export interface Ids {
  board: string
  media: string
  refresh: string
  code: string
}

export const jpeg = { source_type: 'image_base64', content_type: 'image/jpeg', data: JPEG_B64 }
export const pin = (ids: Ids, extra: Record<string, unknown> = {}) => ({
  board_id: ids.board,
  media_source: jpeg,
  ...extra,
})
export const video = (ids: Ids, extra: Record<string, unknown> = {}) => ({
  board_id: ids.board,
  media_source: { source_type: 'video_id', media_id: ids.media, ...extra },
})
export const urls = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ url: `https://example.com/${i}.jpg` }))

export const VALID_PINS: Case[] = [
  // POST /pins — valid bodies, every media_source variant.
  { name: 'image_base64 JPEG', endpoint: 'POST /pins', spec: 'valid', body: (ids) => pin(ids) },
  {
    name: 'image_base64 PNG with is_standard',
    endpoint: 'POST /pins',
    spec: 'valid',
    body: (ids) =>
      pin(ids, {
        media_source: {
          source_type: 'image_base64',
          content_type: 'image/png',
          data: PNG_B64,
          is_standard: true,
        },
      }),
  },
  {
    name: 'image_url',
    endpoint: 'POST /pins',
    spec: 'valid',
    body: (ids) => pin(ids, { media_source: { source_type: 'image_url', url: 'https://example.com/a.jpg' } }),
  },
  {
    name: 'video_id with key frame cover',
    endpoint: 'POST /pins',
    spec: 'valid',
    body: (ids) => video(ids, { cover_image_key_frame_time: 3 }),
  },
  {
    name: 'video_id with base64 cover',
    endpoint: 'POST /pins',
    spec: 'valid',
    body: (ids) => video(ids, { cover_image_content_type: 'image/jpeg', cover_image_data: JPEG_B64 }),
  },
  {
    name: 'multiple_image_base64 of 2',
    endpoint: 'POST /pins',
    spec: 'valid',
    body: (ids) =>
      pin(ids, {
        media_source: {
          source_type: 'multiple_image_base64',
          items: [
            { content_type: 'image/jpeg', data: JPEG_B64, title: 'a' },
            { content_type: 'image/png', data: PNG_B64 },
          ],
          index: 1,
        },
      }),
  },
  {
    name: 'multiple_image_urls of 5',
    endpoint: 'POST /pins',
    spec: 'valid',
    body: (ids) => pin(ids, { media_source: { source_type: 'multiple_image_urls', items: urls(5) } }),
  },
  {
    name: 'every text field at its maximum',
    endpoint: 'POST /pins',
    spec: 'valid',
    body: (ids) =>
      pin(ids, {
        title: 't'.repeat(100),
        description: 'd'.repeat(800),
        link: `https://e.com/${'l'.repeat(2034)}`,
        alt_text: 'a'.repeat(500),
      }),
  },
  {
    name: 'nullable fields set to null',
    endpoint: 'POST /pins',
    spec: 'valid',
    body: (ids) =>
      pin(ids, {
        title: null,
        description: null,
        link: null,
        alt_text: null,
        board_section_id: null,
        dominant_color: null,
      }),
  },
  {
    name: 'an unknown extra field (schema allows it)',
    endpoint: 'POST /pins',
    spec: 'valid',
    body: (ids) => pin(ids, { note: 'old field' }),
  },
  {
    name: 'ad-only Pin: is_removable and no board_id, ad account in the query (pinterest-api.md §3.1a)',
    endpoint: 'POST /pins?ad',
    spec: 'valid',
    body: () => ({ title: 'Tree', media_source: jpeg, is_removable: true }),
  },
  {
    name: 'ad-only Pin without an ad account',
    endpoint: 'POST /pins',
    spec: 'valid',
    body: () => ({ media_source: jpeg, is_removable: true }),
  },
]
