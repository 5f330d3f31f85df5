import { describe, expect, it } from 'vitest'
import {
  hasEndMarker,
  mainImageEnd,
  readJpegHeader,
  strippedHeader,
} from '../../src/main/media/jpeg-segments'

const seg = (marker: number, payload: Buffer) => {
  const head = Buffer.alloc(4)
  head.writeUInt16BE(0xff00 | marker, 0)
  head.writeUInt16BE(payload.length + 2, 2)
  return Buffer.concat([head, payload])
}

/** EXIF (little-endian TIFF) with Orientation and a GPS IFD pointer in IFD0. */
function exif(orientation: number): Buffer {
  const t = Buffer.alloc(8 + 2 + 2 * 12 + 4)
  t.write('II*\0', 0, 'latin1')
  t.writeUInt32LE(8, 4)
  t.writeUInt16LE(2, 8)
  t.writeUInt16LE(0x0112, 10)
  t.writeUInt16LE(3, 12)
  t.writeUInt32LE(1, 14)
  t.writeUInt16LE(orientation, 18)
  t.writeUInt16LE(0x8825, 22) // GPS IFD pointer
  t.writeUInt16LE(4, 24)
  t.writeUInt32LE(1, 26)
  t.writeUInt32LE(999, 30)
  return Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), t])
}

function jpeg(opts: { orientation?: number; components?: number } = {}): { bytes: Buffer; scan: Buffer } {
  const sof = Buffer.from([8, 0, 100, 0, 200, opts.components ?? 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1])
  const scan = Buffer.from([0xff, 0xda, 0, 8, 1, 1, 0, 0, 63, 0, 0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56])
  const bytes = Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    seg(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    seg(0xe1, exif(opts.orientation ?? 6)),
    seg(0xe1, Buffer.from('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>Paris</x:xmpmeta>', 'latin1')),
    seg(0xe2, Buffer.from('ICC_PROFILE\0\x01\x01profile', 'latin1')),
    seg(0xc0, sof),
    scan,
    Buffer.from([0xff, 0xd9]),
  ])
  return { bytes, scan }
}

describe('JPEG header, byte by byte', () => {
  it('reads size, components, orientation and where the scan starts', () => {
    const { bytes, scan } = jpeg({ components: 4 })
    const h = readJpegHeader(bytes)!
    expect(h).toMatchObject({ width: 200, height: 100, components: 4, orientation: 6, hasMetadata: true })
    expect(bytes.subarray(h.sosOffset, h.sosOffset + scan.length).equals(scan)).toBe(true)
  })

  it('strips EXIF and XMP, keeping the orientation, the ICC profile, the frame and every scan byte', () => {
    const { bytes } = jpeg()
    const h = readJpegHeader(bytes)!
    const out = Buffer.concat([strippedHeader(bytes, h), bytes.subarray(h.sosOffset)])
    const text = out.toString('latin1')
    expect(text).not.toContain('Paris')
    expect(text).not.toContain('http://ns.adobe.com')
    expect(text).toContain('ICC_PROFILE')
    const again = readJpegHeader(out)!
    expect(again).toMatchObject({ width: 200, height: 100, orientation: 6, hasMetadata: true })
    // The only EXIF left holds one tag (the orientation): no GPS pointer (0x8825) survives.
    expect(out.includes(Buffer.from([0x88, 0x25]))).toBe(false)
    expect(out.subarray(again.sosOffset).equals(bytes.subarray(h.sosOffset))).toBe(true)
  })

  it('an upright photo loses its EXIF altogether', () => {
    const { bytes } = jpeg({ orientation: 1 })
    const h = readJpegHeader(bytes)!
    const out = Buffer.concat([strippedHeader(bytes, h), bytes.subarray(h.sosOffset)])
    expect(out.includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(false)
  })

  it('finds the end marker only after the scan starts', () => {
    const { bytes } = jpeg()
    const h = readJpegHeader(bytes)!
    expect(hasEndMarker(bytes, 0, h.sosOffset)).toBe(true)
    const cut = bytes.subarray(0, bytes.length - 2)
    expect(hasEndMarker(cut, 0, h.sosOffset)).toBe(false)
    // A tail read from further in: offsets count from the tail's start in the file.
    expect(hasEndMarker(bytes.subarray(10), 10, h.sosOffset)).toBe(true)
  })

  it('is not a JPEG header: other bytes, or one cut off inside a segment', () => {
    expect(readJpegHeader(Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'))).toBeNull()
    expect(readJpegHeader(jpeg().bytes.subarray(0, 30))).toBeNull()
  })
})

describe('where the main picture ends', () => {
  it('after its end marker, past stuffed bytes, restarts and the tables between progressive scans', () => {
    const { bytes } = jpeg()
    const h = readJpegHeader(bytes)!
    expect(mainImageEnd(bytes, h.sosOffset)).toBe(bytes.length)
    // A second scan after a table whose bytes hold FF D9, then a trailing picture: cut right after the real end.
    const table = seg(0xc4, Buffer.from([0x10, 0xff, 0xd9, 0x01]))
    const scan2 = Buffer.from([0xff, 0xda, 0, 8, 1, 1, 0, 0, 63, 0, 0x77, 0xff, 0x00, 0x78])
    const progressive = Buffer.concat([
      bytes.subarray(0, bytes.length - 2),
      table,
      scan2,
      Buffer.from([0xff, 0xd9]),
    ])
    const trailer = Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0, 4, 0x47, 0x50, 0xff, 0xd9])
    const withTrailer = Buffer.concat([progressive, trailer])
    expect(mainImageEnd(withTrailer, h.sosOffset)).toBe(progressive.length)
  })

  it("is the file's end when no end marker comes", () => {
    const { bytes } = jpeg()
    const h = readJpegHeader(bytes)!
    const cut = bytes.subarray(0, bytes.length - 4)
    expect(mainImageEnd(cut, h.sosOffset)).toBe(cut.length)
  })
})
