import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { carouselFilesPinBody } from '../../src/main/pinterest/pin-requests'
import { SpecValidator } from '../fake-pinterest/spec-validator'
import { writeImage } from '../support/media-files'

const SPEC = resolve(import.meta.dirname, '../../../shared/pinterest-openapi-v5.json')
let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pinload-carousel-body-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function bytesOf(body: ReturnType<typeof carouselFilesPinBody>): Promise<Buffer> {
  const parts: Uint8Array[] = []
  for await (const part of body.open(new AbortController().signal)) parts.push(part)
  return Buffer.concat(parts)
}

it('streams a carousel body of exactly its Content-Length that the OpenAPI PinCreate schema accepts', async () => {
  const files = [
    writeImage(dir, 'a.jpg', 'jpeg', { color: 'red' }),
    writeImage(dir, 'b.png', 'png', { color: 'green' }),
    writeImage(dir, 'c.jpg', 'jpeg', { color: 'blue' }),
  ]
  const images = files.map((path, i) => {
    const st = statSync(path)
    return {
      path,
      contentType: path.endsWith('.png') ? ('image/png' as const) : ('image/jpeg' as const),
      size: st.size,
      mtimeMs: st.mtimeMs,
      // A title that looks like the slot marker must not confuse the cut.
      ...(i === 1 && { title: '\u0001pinload-x-0\u0001 "quoted"', link: 'https://shop.test/b' }),
    }
  })
  // Chunks not a multiple of 3 carry bytes across reads; the length must not change with them.
  const body = carouselFilesPinBody(images, { boardId: '123', title: 'Trip', adOnly: false }, 1000)
  const sent = await bytesOf(body)
  expect(sent.length).toBe(body.contentLength)
  const json = JSON.parse(sent.toString('utf8')) as {
    board_id: string
    media_source: { source_type: string; items: { content_type: string; data: string; title?: string }[] }
  }
  expect(json.board_id).toBe('123')
  expect(json.media_source.source_type).toBe('multiple_image_base64')
  expect(json.media_source.items.map((it) => Buffer.from(it.data, 'base64'))).toEqual(
    files.map((f) => readFileSync(f)),
  )
  expect(json.media_source.items[1]).toMatchObject({ content_type: 'image/png', link: 'https://shop.test/b' })
  expect(json.media_source.items[1]!.title).toBe('\u0001pinload-x-0\u0001 "quoted"')
  if (existsSync(SPEC))
    expect(SpecValidator.load(SPEC).validateRef('#/components/schemas/PinCreate', json)).toEqual([])
  // Sent again (a retry), it reads the files anew and gives the same bytes.
  expect((await bytesOf(body)).equals(sent)).toBe(true)
})
