import { HttpError } from './http-util'

/**
 * POST /v5/pins body checks. Two layers, kept apart on purpose so the OpenAPI agreement test can tell them:
 *  1. `checkPinCreateSchema`: exactly what the spec's PinCreate schema says (types, patterns, lengths, the
 *     media_source discriminator, carousel sizes). Anything failing here is also a spec violation.
 *  2. The stricter rules Pinterest applies in practice (documented in docs/pinterest-api.md and listed in
 *     openapi-agreement.test.ts): board_id and media_source required, real URLs, real JPEG/PNG bytes,
 *     a cover for video Pins, pin_url refused (beta only).
 * Lengths count UTF-16 code units, as shared/limits.ts says the API does.
 */

export type MediaSource =
  | { source_type: 'image_base64'; content_type: string; data: string }
  | { source_type: 'image_url'; url: string }
  | {
      source_type: 'video_id'
      media_id: string
      cover_image_url?: string
      cover_image_content_type?: string
      cover_image_data?: string
      cover_image_key_frame_time?: number
    }
  | {
      source_type: 'multiple_image_base64'
      items: { content_type: string; data: string; title?: string; description?: string; link?: string }[]
    }
  | {
      source_type: 'multiple_image_urls'
      items: { url: string; title?: string; description?: string; link?: string }[]
    }
  | { source_type: 'pin_url' }

export interface PinCreateBody {
  board_id?: string
  board_section_id?: string | null
  title?: string | null
  description?: string | null
  link?: string | null
  alt_text?: string | null
  dominant_color?: string | null
  parent_pin_id?: string | null
  /** Ad-only Pin, as the create-Pins guide shows it (docs/pinterest-api.md §3.1a); absent from OpenAPI 5.23. */
  is_removable?: boolean
  media_source?: MediaSource
}

const DIGITS = /^\d+$/
const BASE64 = /^[a-zA-Z0-9+/=]+$/
const CONTENT_TYPES = ['image/jpeg', 'image/png']
const SOURCE_TYPES = [
  'image_base64',
  'image_url',
  'video_id',
  'multiple_image_base64',
  'multiple_image_urls',
  'pin_url',
]

const bad = (field: string, why: string) => new HttpError(400, 1, `Invalid parameters: ${field} ${why}`)

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

function str(
  o: Obj,
  key: string,
  field: string,
  rule: { nullable?: boolean; max?: number; min?: number; pattern?: RegExp; required?: boolean } = {},
): void {
  if (!(key in o)) {
    if (rule.required) throw bad(field, 'is required.')
    return
  }
  const v = o[key]
  if (v === null && rule.nullable) return
  if (typeof v !== 'string') throw bad(field, 'must be a string.')
  if (rule.max !== undefined && v.length > rule.max)
    throw bad(field, `must be at most ${rule.max} characters (got ${v.length}).`)
  if (rule.min !== undefined && v.length < rule.min)
    throw bad(field, `must be at least ${rule.min} characters.`)
  if (rule.pattern && !rule.pattern.test(v))
    throw bad(field, `does not match pattern ${rule.pattern.source}.`)
}

function enumOf(o: Obj, key: string, field: string, values: readonly string[], required = false): void {
  if (!(key in o)) {
    if (required) throw bad(field, 'is required.')
    return
  }
  if (typeof o[key] !== 'string' || !values.includes(o[key]))
    throw bad(field, `must be one of ${values.join(', ')}.`)
}

function bool(o: Obj, key: string, field: string): void {
  if (key in o && typeof o[key] !== 'boolean') throw bad(field, 'must be a boolean.')
}

function nonNegInt(o: Obj, key: string, field: string): void {
  if (key in o && !(typeof o[key] === 'number' && Number.isInteger(o[key]) && o[key] >= 0))
    throw bad(field, 'must be an integer >= 0.')
}

function items(o: Obj, field: string, each: (item: Obj, f: string) => void): void {
  if (!('items' in o)) throw bad(`${field}.items`, 'is required.')
  const list = o.items
  if (!Array.isArray(list)) throw bad(`${field}.items`, 'must be an array.')
  if (list.length < 2 || list.length > 5)
    throw bad(`${field}.items`, `must hold 2 to 5 images (got ${list.length}).`)
  list.forEach((item, i) => {
    if (!isObj(item)) throw bad(`${field}.items[${i}]`, 'must be an object.')
    each(item, `${field}.items[${i}]`)
    for (const k of ['title', 'description', 'link']) str(item, k, `${field}.items[${i}].${k}`)
  })
  nonNegInt(o, 'index', `${field}.index`)
}

/** Layer 1: the spec's PinCreate schema, nothing more. Throws 400 code 1 naming the field. */
export function checkPinCreateSchema(body: unknown): asserts body is PinCreateBody {
  if (!isObj(body)) throw bad('body', 'must be a JSON object.')
  str(body, 'board_id', 'board_id', { pattern: DIGITS })
  for (const k of ['board_section_id', 'parent_pin_id', 'sponsor_id'])
    str(body, k, k, { nullable: true, pattern: DIGITS })
  str(body, 'title', 'title', { nullable: true, max: 100 })
  str(body, 'description', 'description', { nullable: true, max: 800 })
  str(body, 'link', 'link', { nullable: true, max: 2048 })
  str(body, 'alt_text', 'alt_text', { nullable: true, max: 500 })
  str(body, 'dominant_color', 'dominant_color', { nullable: true })
  if (!('media_source' in body)) return
  const ms = body.media_source
  if (!isObj(ms)) throw bad('media_source', 'must be an object.')
  enumOf(ms, 'source_type', 'media_source.source_type', SOURCE_TYPES, true)
  const f = 'media_source'
  switch (ms.source_type) {
    case 'image_base64':
      enumOf(ms, 'content_type', `${f}.content_type`, CONTENT_TYPES, true)
      str(ms, 'data', `${f}.data`, { required: true, pattern: BASE64 })
      bool(ms, 'is_standard', `${f}.is_standard`)
      break
    case 'image_url':
      str(ms, 'url', `${f}.url`, { required: true })
      bool(ms, 'is_standard', `${f}.is_standard`)
      break
    case 'video_id':
      str(ms, 'media_id', `${f}.media_id`, { required: true, pattern: DIGITS })
      enumOf(ms, 'cover_image_content_type', `${f}.cover_image_content_type`, CONTENT_TYPES)
      str(ms, 'cover_image_data', `${f}.cover_image_data`)
      str(ms, 'cover_image_url', `${f}.cover_image_url`)
      nonNegInt(ms, 'cover_image_key_frame_time', `${f}.cover_image_key_frame_time`)
      bool(ms, 'is_standard', `${f}.is_standard`)
      break
    case 'multiple_image_base64':
      items(ms, f, (item, fi) => {
        enumOf(item, 'content_type', `${fi}.content_type`, CONTENT_TYPES, true)
        str(item, 'data', `${fi}.data`, { required: true, pattern: BASE64 })
      })
      break
    case 'multiple_image_urls':
      items(ms, f, (item, fi) => str(item, 'url', `${fi}.url`, { required: true }))
      break
    case 'pin_url':
      bool(ms, 'is_affiliate_link', `${f}.is_affiliate_link`)
      break
  }
}

/** JPEG or PNG by magic number, or null. */
function imageTypeOf(bytes: Buffer): 'image/jpeg' | 'image/png' | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg'
  if (
    bytes.length >= 8 &&
    bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return 'image/png'
  return null
}

/** Decodes base64 image data and checks the bytes are the image type declared. */
export function decodeImage(data: string, contentType: string, field: string): Buffer {
  const bytes = Buffer.from(data, 'base64')
  const actual = imageTypeOf(bytes)
  if (!actual) throw bad(field, 'is not a JPEG or PNG image (checked by its first bytes).')
  if (actual !== contentType) throw bad(field, `holds ${actual} bytes but content_type says ${contentType}.`)
  return bytes
}

function checkHttpUrl(value: string, field: string): void {
  let u: URL
  try {
    u = new URL(value)
  } catch {
    throw bad(field, 'is not a valid URL.')
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw bad(field, 'must be an http or https URL.')
}

/** A carousel image's own link is a destination like the Pin's: a real http(s) URL. */
function carouselLinks(list: { link?: string }[]): void {
  list.forEach((it, i) => {
    if (it.link) checkHttpUrl(it.link, `media_source.items[${i}].link`)
  })
}

/** Layer 2 (field-level part): Pinterest's practice beyond the schema. Existence checks live in the handler. */
export function checkPinCreatePractice(
  body: PinCreateBody,
  adAccountId: string | null,
): asserts body is PinCreateBody & { media_source: MediaSource } {
  bool(body as Obj, 'is_removable', 'is_removable')
  // An ad-only Pin is `is_removable: true` with no board (docs/pinterest-api.md §3.1a); `ad_account_id` alone
  // does not make one: it only names the account acting (§3).
  if (!body.board_id) {
    if (body.is_removable !== true)
      throw bad(
        'board_id',
        adAccountId === null
          ? 'is required (or is_removable: true for an ad-only Pin).'
          : 'is required: ad_account_id alone does not make an ad-only Pin; send is_removable: true.',
      )
    if (body.board_section_id) throw bad('board_section_id', 'needs a board_id; an ad-only Pin has none.')
  }
  if (!body.media_source) throw bad('media_source', 'is required.')
  if (body.link) checkHttpUrl(body.link, 'link')
  const ms = body.media_source
  switch (ms.source_type) {
    case 'image_url':
      checkHttpUrl(ms.url, 'media_source.url')
      break
    case 'multiple_image_urls':
      ms.items.forEach((it, i) => checkHttpUrl(it.url, `media_source.items[${i}].url`))
      carouselLinks(ms.items)
      break
    case 'multiple_image_base64':
      carouselLinks(ms.items)
      break
    case 'video_id': {
      const hasCover =
        ms.cover_image_url !== undefined ||
        ms.cover_image_data !== undefined ||
        ms.cover_image_key_frame_time !== undefined
      // Schema marks every cover field optional, but Pinterest answers 400 without one
      // (docs/pinterest-api.md §3.2).
      if (!hasCover)
        throw bad(
          'media_source',
          'video Pins need a cover: cover_image_url, cover_image_data or cover_image_key_frame_time.',
        )
      if (ms.cover_image_url !== undefined) checkHttpUrl(ms.cover_image_url, 'media_source.cover_image_url')
      if (ms.cover_image_data !== undefined && ms.cover_image_content_type === undefined) {
        throw bad('media_source.cover_image_content_type', 'is required with cover_image_data.')
      }
      break
    }
    case 'pin_url':
      throw bad('media_source.source_type', 'pin_url is only available to beta users.')
    default:
      break
  }
}
