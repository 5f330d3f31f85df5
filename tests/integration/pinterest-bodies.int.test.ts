import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ApiError } from '../../src/main/pinterest/api-error'
import {
  base64Encode,
  base64JsonBody,
  base64Length,
  jsonFrame,
} from '../../src/main/pinterest/image-pin-body'
import {
  escapeFormName,
  multipartFileBody,
  multipartFrame,
  multipartLength,
} from '../../src/main/pinterest/multipart-body'
import { readFileChunks } from '../../src/main/pinterest/file-chunks'
import type { OutgoingBody } from '../../src/main/pinterest/outgoing-body'
import { imageFilePinBody, pinQuery, videoPinBody } from '../../src/main/pinterest/pin-requests'

const dir = mkdtempSync(join(tmpdir(), 'pinload-bodies-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function drain(
  body: OutgoingBody,
  signal = new AbortController().signal,
): Promise<{ bytes: Buffer; chunks: number[] }> {
  const parts: Buffer[] = []
  for await (const c of body.open(signal)) parts.push(Buffer.from(c))
  return { bytes: Buffer.concat(parts), chunks: parts.map((p) => p.length) }
}

async function* chunksOf(buf: Buffer, sizes: number[]): AsyncGenerator<Buffer> {
  let at = 0
  for (let i = 0; at < buf.length; i++) {
    const n = sizes[i % sizes.length]!
    yield buf.subarray(at, at + n)
    at += n
  }
}

describe('base64 length math', () => {
  it.each([
    [0, 0],
    [1, 4],
    [2, 4],
    [3, 4],
    [4, 8],
    [20 * 1024 * 1024, 27962028],
  ])('%i bytes encode to %i characters', (n, expected) => {
    expect(base64Length(n)).toBe(expected)
    if (n < 10_000) expect(Buffer.alloc(n).toString('base64').length).toBe(expected)
  })

  it('encodes any chunking to exactly Buffer#toString("base64"), with padding only at the end', async () => {
    const data = randomBytes(10_007)
    for (const sizes of [[1], [2], [7, 5, 3], [4096], [3000, 1]]) {
      const out: Buffer[] = []
      for await (const c of base64Encode(chunksOf(data, sizes))) {
        out.push(c)
        if (out.length > 1) expect(out[out.length - 2]!.includes('=')).toBe(false)
      }
      expect(Buffer.concat(out).toString('latin1')).toBe(data.toString('base64'))
    }
  })
})

describe('streamed image_base64 body', () => {
  it.each([0, 1, 2, 3, 1000, 100_001])('declares the exact length and valid JSON for %i bytes', async (n) => {
    const path = join(dir, `img-${n}.jpg`)
    const data = randomBytes(n)
    writeFileSync(path, data)
    const body = imageFilePinBody(
      { path, size: n, contentType: 'image/jpeg' },
      { boardId: '12', title: 'Ünïcode "quoted" \u0001', link: 'https://e.com' },
      999,
    )
    const { bytes } = await drain(body)
    expect(bytes.length).toBe(body.contentLength)
    const doc = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>
    expect(doc).toEqual({
      board_id: '12',
      title: 'Ünïcode "quoted" \u0001',
      link: 'https://e.com',
      media_source: {
        source_type: 'image_base64',
        content_type: 'image/jpeg',
        data: data.toString('base64'),
      },
    })
    expect(body.contentType).toBe('application/json')
  })

  it('reads the file in chunks whose size is a multiple of 3', async () => {
    const path = join(dir, 'img.png')
    writeFileSync(path, randomBytes(10_000))
    const { chunks } = await drain(base64JsonBody((slot) => ({ d: slot }), { path, size: 10_000 }, 1000))
    // prefix, 10 reads of 999 bytes → 1332 chars each, then the last 10 bytes: 9 → 12 chars, and 1 → 4 padded, suffix
    expect(chunks.slice(1, -1)).toEqual([...Array<number>(10).fill(1332), 12, 4])
  })

  it('fails before the closing bytes when the file changed since it was stamped', async () => {
    const path = join(dir, 'changing.jpg')
    writeFileSync(path, randomBytes(3000))
    const body = base64JsonBody((slot) => ({ d: slot }), { path, size: 3000, mtimeMs: 1 }, 300)
    await expect(drain(body)).rejects.toMatchObject({
      kind: 'transient',
      message: expect.stringContaining('changed during upload') as unknown,
    })
  })

  it('fails when the file is shorter than its stamp', async () => {
    const path = join(dir, 'short.jpg')
    writeFileSync(path, randomBytes(100))
    const err = await drain(base64JsonBody((slot) => ({ d: slot }), { path, size: 200 }, 30)).catch(
      (e: unknown) => e,
    )
    expect(err).toBeInstanceOf(ApiError)
  })

  it('builds the same body, in one chunk, from bytes already read', async () => {
    const path = join(dir, 'read-once.jpg')
    const data = randomBytes(2002)
    writeFileSync(path, data)
    const st = statSync(path)
    const pin = { boardId: '12', title: 'Ünïcode "quoted"', altText: 'a' }
    const streamed = await drain(
      imageFilePinBody({ path, size: data.length, mtimeMs: st.mtimeMs, contentType: 'image/png' }, pin, 999),
    )
    const body = imageFilePinBody(
      { path, size: data.length, contentType: 'image/png', read: { bytes: data, mtimeMs: st.mtimeMs } },
      pin,
      999,
    )
    const fromMemory = await drain(body)
    expect(fromMemory.bytes.equals(streamed.bytes)).toBe(true)
    expect(fromMemory.chunks).toEqual([body.contentLength])
  })

  it('encodes bytes already read to the same JSON text at every size around its encoding slices', async () => {
    const slice = 3 * 16 * 1024
    for (const n of [0, 1, 2, 3, 4, slice - 1, slice, slice + 1, slice + 2, 2 * slice + 1, 5 * slice + 2]) {
      const path = join(dir, `slices-${n}.jpg`)
      const data = randomBytes(n)
      writeFileSync(path, data)
      const read = { bytes: data, mtimeMs: statSync(path).mtimeMs }
      const body = imageFilePinBody({ path, size: n, contentType: 'image/jpeg', read }, { title: 't' }, 999)
      const sent = (await drain(body)).bytes.toString('latin1')
      const expected = JSON.stringify({
        title: 't',
        media_source: {
          source_type: 'image_base64',
          content_type: 'image/jpeg',
          data: data.toString('base64'),
        },
      })
      expect(sent === expected, `body for ${n} bytes`).toBe(true)
      expect(body.contentLength).toBe(expected.length)
    }
  })

  it('sends nothing from bytes already read when the file changed since that read', async () => {
    const path = join(dir, 'read-then-changed.jpg')
    const data = randomBytes(300)
    writeFileSync(path, data)
    const body = imageFilePinBody(
      {
        path,
        size: data.length,
        contentType: 'image/jpeg',
        read: { bytes: data, mtimeMs: statSync(path).mtimeMs - 1000 },
      },
      {},
      999,
    )
    const parts: number[] = []
    const err = await (async () => {
      for await (const c of body.open(new AbortController().signal)) parts.push(c.length)
    })().catch((e: unknown) => e)
    expect(err).toMatchObject({
      kind: 'transient',
      message: expect.stringContaining('changed during upload') as unknown,
    })
    expect(parts).toEqual([])
  })

  it('puts the slot last even when a user field contains the marker text', () => {
    const { prefix, suffix } = jsonFrame((slot) => ({ title: slot, media_source: { data: slot } }))
    expect(suffix.toString()).toBe('"}}')
    expect(prefix.toString().endsWith('"data":"')).toBe(true)
  })
})

describe('video Pin bodies', () => {
  it('sends a key-frame cover, a cover URL, or a cover file as base64', async () => {
    const kf = JSON.parse(
      (
        await drain(videoPinBody('77', { kind: 'key_frame', seconds: 2.7 }, undefined, { boardId: '1' }, 999))
      ).bytes.toString(),
    ) as unknown
    expect(kf).toEqual({
      board_id: '1',
      media_source: { source_type: 'video_id', media_id: '77', cover_image_key_frame_time: 2 },
    })
    const url = JSON.parse(
      (
        await drain(
          videoPinBody(
            '77',
            { kind: 'image_url', url: 'https://e.com/c.jpg' },
            undefined,
            { boardId: '1' },
            999,
          ),
        )
      ).bytes.toString(),
    ) as unknown
    expect(url).toEqual({
      board_id: '1',
      media_source: { source_type: 'video_id', media_id: '77', cover_image_url: 'https://e.com/c.jpg' },
    })
    const path = join(dir, 'cover.png')
    const data = randomBytes(50)
    writeFileSync(path, data)
    const stale = videoPinBody(
      '77',
      { kind: 'image_file', path, contentType: 'image/png' },
      { size: 50, mtimeMs: 0 },
      { boardId: '1' },
      999,
    )
    await expect(drain(stale)).rejects.toMatchObject({ kind: 'transient' })
    const ok = videoPinBody(
      '77',
      { kind: 'image_file', path, contentType: 'image/png' },
      { size: 50, mtimeMs: statSync(path).mtimeMs },
      { boardId: '1' },
      999,
    )
    const doc = JSON.parse((await drain(ok)).bytes.toString()) as { media_source: Record<string, unknown> }
    expect(doc.media_source).toEqual({
      source_type: 'video_id',
      media_id: '77',
      cover_image_content_type: 'image/png',
      cover_image_data: data.toString('base64'),
    })
  })

  it('makes an ad-only Pin without a board, with ad_account_id in the query', async () => {
    const pin = { boardId: '1', boardSectionId: '2', adAccountId: '549755885175', title: 't' }
    expect(pinQuery(pin)).toBe('?ad_account_id=549755885175')
    const doc = JSON.parse(
      (
        await drain(videoPinBody('9', { kind: 'key_frame', seconds: 0 }, undefined, pin, 999))
      ).bytes.toString(),
    ) as Record<string, unknown>
    expect(doc.board_id).toBeUndefined()
    expect(doc.board_section_id).toBeUndefined()
    expect(pinQuery({ boardId: '1' })).toBe('')
  })
})

describe('multipart form', () => {
  const params = {
    'x-amz-date': '20261128T000000Z',
    key: 'uploads/abc',
    policy: 'eyJ9',
    'Content-Type': 'multipart/form-data',
    'x-amz-signature': 'f00',
  }

  it('declares the exact length, keeps the field order and puts the file last', async () => {
    const path = join(dir, 'v.mp4')
    const data = randomBytes(70_001)
    writeFileSync(path, data)
    const body = multipartFileBody(
      params,
      { path, size: data.length, filename: 'my "clip".mp4', contentType: 'video/mp4' },
      4096,
      'BOUND',
    )
    const { bytes } = await drain(body)
    expect(bytes.length).toBe(body.contentLength)
    expect(body.contentType).toBe('multipart/form-data; boundary=BOUND')
    const text = bytes.toString('latin1')
    const names = [...text.matchAll(/; name="([^"]*)"/g)].map((m) => m[1])
    expect(names).toEqual([...Object.keys(params), 'file'])
    expect(text).toContain('filename="my %22clip%22.mp4"')
    const fileStart =
      text.indexOf('Content-Type: video/mp4\r\n\r\n') + 'Content-Type: video/mp4\r\n\r\n'.length
    expect(bytes.subarray(fileStart, fileStart + data.length).equals(data)).toBe(true)
    expect(text.endsWith('\r\n--BOUND--\r\n')).toBe(true)
  })

  it('computes the length from the part headers and the file size alone', () => {
    const frame = multipartFrame(params, { filename: 'a.mp4', contentType: 'video/mp4' }, 'B')
    const head = frame.head.toString()
    expect(
      head.startsWith('--B\r\nContent-Disposition: form-data; name="x-amz-date"\r\n\r\n20261128T000000Z\r\n'),
    ).toBe(true)
    expect(multipartLength(frame, 2 ** 31)).toBe(frame.head.length + 2 ** 31 + '\r\n--B--\r\n'.length)
    expect(escapeFormName('a"b\r\nc')).toBe('a%22b%0D%0Ac')
  })

  it('stops reading when the signal aborts', async () => {
    const path = join(dir, 'abort.mp4')
    writeFileSync(path, randomBytes(50_000))
    const ac = new AbortController()
    const body = multipartFileBody(
      {},
      { path, size: 50_000, filename: 'a', contentType: 'video/mp4' },
      1000,
      'B',
    )
    let n = 0
    const err = await (async () => {
      for await (const _ of body.open(ac.signal)) if (++n === 3) ac.abort()
    })().catch((e: unknown) => e)
    expect(err).toMatchObject({ kind: 'cancelled' })
    expect(n).toBe(3)
  })
})

describe('unreadable files', () => {
  it('a file gone before the transfer is a validation ApiError naming it', async () => {
    const path = join(dir, 'vanished.mp4')
    const body = multipartFileBody({}, { path, size: 10, filename: 'v', contentType: 'video/mp4' }, 1000, 'B')
    const err = await drain(body).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({
      kind: 'validation',
      message: expect.stringContaining('vanished.mp4') as unknown,
    })
  })
})

describe('file chunk reader', () => {
  it('reads a file smaller than the chunk size into a buffer no larger than the file', async () => {
    const path = join(dir, 'small-chunk.bin')
    const data = randomBytes(100_000)
    writeFileSync(path, data)
    const backing: number[] = []
    const parts: Buffer[] = []
    for await (const c of readFileChunks(path, data.length, 1024 * 1024)) {
      backing.push(c.buffer.byteLength)
      parts.push(Buffer.from(c))
    }
    expect(Buffer.concat(parts).equals(data)).toBe(true)
    expect(Math.max(...backing)).toBeLessThan(1024 * 1024)
  })
})
