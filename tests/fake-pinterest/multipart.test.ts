import { describe, expect, it } from 'vitest'
import { mulberry32 } from '../../src/main/fake-pinterest/faults'
import {
  boundaryOf,
  MultipartError,
  MultipartParser,
  type PartInfo,
} from '../../src/main/fake-pinterest/multipart'
import { multipartBody } from './test-helpers'

interface Parsed {
  info: PartInfo
  data: Buffer
}

function parseInChunks(body: Buffer, boundary: string, cut: (remaining: number) => number): Parsed[] {
  const parts: Parsed[] = []
  let current: { info: PartInfo; chunks: Buffer[] } | null = null
  const p = new MultipartParser(boundary, {
    partBegin: (info) => (current = { info, chunks: [] }),
    partData: (d) => current!.chunks.push(Buffer.from(d)),
    partEnd: () => {
      parts.push({ info: current!.info, data: Buffer.concat(current!.chunks) })
      current = null
    },
  })
  let off = 0
  while (off < body.length) {
    const n = Math.max(1, Math.min(body.length - off, cut(body.length - off)))
    p.write(body.subarray(off, off + n))
    off += n
  }
  p.end()
  return parts
}

const BOUNDARY = 'XyZ-boundary-42'
// File content full of near-boundaries: CRLF, dashes, and the boundary minus its last character.
const TRICKY = Buffer.concat([
  Buffer.from(
    `\r\n--${BOUNDARY.slice(0, -1)}\r\n--\r\n\r\n--${BOUNDARY}`.replace(BOUNDARY, 'XyZ-boundary-4'),
  ),
  Buffer.from([0, 255, 13, 10, 45, 45]),
  Buffer.from(`--${BOUNDARY}`), // only a real delimiter when preceded by CRLF
])

function sample(): { body: Buffer; expected: { name: string; data: Buffer }[] } {
  const parts = [
    { name: 'key', value: 'uploads/a/b' },
    { name: 'Content-Type', value: 'multipart/form-data' },
    { name: 'empty', value: '' },
  ]
  const { body } = multipartBody([...parts, { name: 'file', file: TRICKY }], BOUNDARY)
  return {
    body,
    expected: [
      ...parts.map((p) => ({ name: p.name, data: Buffer.from(p.value) })),
      { name: 'file', data: TRICKY },
    ],
  }
}

describe('streaming multipart parser', () => {
  it('parses fields and file in one chunk', () => {
    const { body, expected } = sample()
    const parts = parseInChunks(body, BOUNDARY, (n) => n)
    expect(parts.map((p) => ({ name: p.info.name, data: p.data }))).toEqual(expected)
    expect(parts[3]!.info).toEqual({ name: 'file', filename: 'clip.mp4', contentType: 'video/mp4' })
  })

  it('gives the same parts for every way of splitting the body (byte by byte and 300 random splits)', () => {
    const { body, expected } = sample()
    const byByte = parseInChunks(body, BOUNDARY, () => 1)
    expect(byByte.map((p) => ({ name: p.info.name, data: p.data }))).toEqual(expected)
    const rnd = mulberry32(7)
    for (let i = 0; i < 300; i++) {
      const parts = parseInChunks(body, BOUNDARY, () => 1 + Math.floor(rnd() * 40))
      expect(parts.map((p) => ({ name: p.info.name, data: p.data }))).toEqual(expected)
    }
  })

  it('ignores a preamble and an epilogue', () => {
    const { body, expected } = sample()
    const wrapped = Buffer.concat([Buffer.from('preamble text\r\n'), body, Buffer.from('epilogue')])
    expect(
      parseInChunks(wrapped, BOUNDARY, () => 5).map((p) => ({ name: p.info.name, data: p.data })),
    ).toEqual(expected)
  })

  it('throws on a truncated body, a part without a name, or a malformed delimiter line', () => {
    const { body } = sample()
    expect(() => parseInChunks(body.subarray(0, body.length - 10), BOUNDARY, (n) => n)).toThrow(
      MultipartError,
    )
    const noName = Buffer.from(`--${BOUNDARY}\r\nContent-Type: text/plain\r\n\r\nx\r\n--${BOUNDARY}--\r\n`)
    expect(() => parseInChunks(noName, BOUNDARY, (n) => n)).toThrow(/name/)
    const badLine = Buffer.from(`--${BOUNDARY}garbage\r\n\r\nx\r\n--${BOUNDARY}--\r\n`)
    expect(() => parseInChunks(badLine, BOUNDARY, (n) => n)).toThrow(MultipartError)
  })

  it('reads the boundary from the Content-Type header', () => {
    expect(boundaryOf('multipart/form-data; boundary=abc')).toBe('abc')
    expect(boundaryOf('multipart/form-data; charset=utf-8; boundary="a b"')).toBe('a b')
    expect(boundaryOf('application/json')).toBeNull()
    expect(boundaryOf(undefined)).toBeNull()
  })
})
