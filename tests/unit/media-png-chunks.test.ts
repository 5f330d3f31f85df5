import { crc32 } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { stripPngMetadata } from '../../src/main/media/png-chunks'

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

function chunk(type: string, data: Buffer = Buffer.alloc(0)): Buffer {
  const out = Buffer.alloc(12 + data.length)
  out.writeUInt32BE(data.length, 0)
  out.write(type, 4, 'latin1')
  data.copy(out, 8)
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length)
  return out
}

/** Big-endian TIFF with the given IFD entries (tag, SHORT value). */
function tiff(entries: [number, number][]): Buffer {
  const b = Buffer.alloc(8 + 2 + entries.length * 12 + 4)
  b.write('MM\0*', 0, 'latin1')
  b.writeUInt32BE(8, 4)
  b.writeUInt16BE(entries.length, 8)
  entries.forEach(([tag, v], i) => {
    const e = 10 + i * 12
    b.writeUInt16BE(tag, e)
    b.writeUInt16BE(3, e + 2)
    b.writeUInt32BE(1, e + 4)
    b.writeUInt16BE(v, e + 8)
  })
  return b
}

const ihdr = chunk('IHDR', Buffer.alloc(13, 1))
const idat = chunk('IDAT', Buffer.from('pixels'))
const iend = chunk('IEND')
const png = (...chunks: Buffer[]): Buffer => Buffer.concat([SIGNATURE, ...chunks])
const types = (b: Buffer) => {
  const out: string[] = []
  for (let at = 8; at < b.length; at += 12 + b.readUInt32BE(at))
    out.push(b.subarray(at + 4, at + 8).toString())
  return out
}

describe('PNG metadata chunks', () => {
  it('leaves a PNG without metadata alone', () => {
    expect(stripPngMetadata(png(ihdr, chunk('iCCP', Buffer.from('p')), idat, iend))).toEqual({
      kind: 'clean',
    })
  })

  it('drops eXIf, text and time chunks and keeps every other chunk byte for byte', () => {
    const src = png(
      ihdr,
      chunk('tIME', Buffer.alloc(7)),
      chunk('tEXt', Buffer.from('Comment\0where')),
      chunk('iTXt', Buffer.from('XML:com.adobe.xmp\0\0\0\0\0<x/>')),
      chunk('zTXt', Buffer.from('Raw profile type exif\0\0zz')),
      chunk('eXIf', tiff([[0x0110, 7]])), // a model tag, orientation absent
      chunk('pHYs', Buffer.alloc(9)),
      idat,
      iend,
    )
    const r = stripPngMetadata(src)
    expect(r.kind).toBe('stripped')
    if (r.kind !== 'stripped') return
    expect(types(r.bytes)).toEqual(['IHDR', 'pHYs', 'IDAT', 'IEND'])
    expect(r.bytes.equals(png(ihdr, chunk('pHYs', Buffer.alloc(9)), idat, iend))).toBe(true)
    expect(r.dropped).toEqual(['tIME', 'tEXt', 'iTXt', 'zTXt', 'eXIf'])
  })

  it('keeps an orientation other than 1 in a minimal eXIf before the pixels, with a valid CRC', () => {
    const r = stripPngMetadata(
      png(
        ihdr,
        chunk(
          'eXIf',
          tiff([
            [0x0110, 7],
            [0x0112, 6],
          ]),
        ),
        idat,
        iend,
      ),
    )
    if (r.kind !== 'stripped') throw new Error(r.kind)
    expect(types(r.bytes)).toEqual(['IHDR', 'eXIf', 'IDAT', 'IEND'])
    expect(r.bytes.includes(chunk('eXIf', tiff([[0x0112, 6]])))).toBe(true)
  })

  it('drops bytes after IEND and calls a cut-off chunk list unreadable', () => {
    const r = stripPngMetadata(Buffer.concat([png(ihdr, idat, iend), Buffer.from('appended')]))
    expect(r.kind === 'stripped' && r.dropped).toEqual(['data after IEND'])
    const whole = png(ihdr, idat, iend)
    expect(stripPngMetadata(whole.subarray(0, whole.length - 5)).kind).toBe('unreadable')
    expect(stripPngMetadata(Buffer.from('not a png at all')).kind).toBe('unreadable')
  })
  it('keeps only the chunks that shape the picture: C2PA, old-style exIf and private chunks go, APNG stays', () => {
    const animation = [chunk('acTL', Buffer.alloc(8)), chunk('fcTL', Buffer.alloc(26))]
    const src = png(
      ihdr,
      chunk('caBX', Buffer.from('c2pa manifest: camera serial')),
      chunk('exIf', tiff([[0x0110, 7]])),
      chunk('prVt', Buffer.from('private')),
      chunk('sRGB', Buffer.alloc(1)),
      ...animation,
      idat,
      chunk('fdAT', Buffer.alloc(8)),
      iend,
    )
    const r = stripPngMetadata(src)
    if (r.kind !== 'stripped') throw new Error(r.kind)
    expect(types(r.bytes)).toEqual(['IHDR', 'sRGB', 'acTL', 'fcTL', 'IDAT', 'fdAT', 'IEND'])
    expect(r.dropped).toEqual(['caBX', 'exIf', 'prVt'])
  })

  it('keeps the orientation of an eXIf after the pixels where it was, and reads one with an "Exif" prefix', () => {
    const after = stripPngMetadata(png(ihdr, idat, chunk('eXIf', tiff([[0x0112, 8]])), iend))
    if (after.kind !== 'stripped') throw new Error(after.kind)
    expect(types(after.bytes)).toEqual(['IHDR', 'IDAT', 'eXIf', 'IEND'])
    expect(after.bytes.includes(chunk('eXIf', tiff([[0x0112, 8]])))).toBe(true)
    const prefixed = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff([[0x0112, 3]])])
    const r = stripPngMetadata(png(ihdr, chunk('eXIf', prefixed), idat, iend))
    if (r.kind !== 'stripped') throw new Error(r.kind)
    expect(r.bytes.includes(chunk('eXIf', tiff([[0x0112, 3]])))).toBe(true)
  })

  it('calls a PNG with an unknown critical chunk unreadable, so it is re-encoded rather than broken', () => {
    expect(stripPngMetadata(png(ihdr, chunk('XXXX', Buffer.alloc(4)), idat, iend)).kind).toBe('unreadable')
  })
  it("keeps one eXIf at most: only the first one's orientation", () => {
    const r = stripPngMetadata(
      png(ihdr, chunk('eXIf', tiff([[0x0112, 6]])), chunk('eXIf', tiff([[0x0112, 3]])), idat, iend),
    )
    if (r.kind !== 'stripped') throw new Error(r.kind)
    expect(types(r.bytes)).toEqual(['IHDR', 'eXIf', 'IDAT', 'IEND'])
    expect(r.bytes.includes(chunk('eXIf', tiff([[0x0112, 6]])))).toBe(true)
  })
})
