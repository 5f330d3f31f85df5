import { crc32 } from 'node:zlib'
import { exifOrientation, orientationOnlyTiff } from './jpeg-segments'

/**
 * Location and device metadata out of a PNG without re-encoding it (issue 16, privacy): a PNG is a signature and
 * a list of chunks, each `length, type, data, CRC` (PNG specification, 3rd edition, §5.3). The chunks that say
 * where, when or with what a picture was made are dropped whole: eXIf (EXIF, GPS included), tEXt/zTXt/iTXt (text,
 * XMP among it) and tIME. Every other chunk, the pixels (IDAT) and the colour profile among them, stays byte for
 * byte, so the decoded image is identical. An EXIF orientation other than 1 is kept in a minimal eXIf, as for
 * JPEG (jpeg-segments.ts): dropping it would turn the picture on its side where viewers honour it.
 */

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const METADATA = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME'])

export type PngStrip =
  | { kind: 'clean' }
  | { kind: 'stripped'; bytes: Buffer; dropped: string[] }
  /** The chunk list could not be walked to its end (IEND): the caller re-encodes instead. */
  | { kind: 'unreadable' }

export function stripPngMetadata(png: Buffer): PngStrip {
  if (png.length < 8 || !png.subarray(0, 8).equals(SIGNATURE)) return { kind: 'unreadable' }
  const kept: Buffer[] = [SIGNATURE]
  const dropped: string[] = []
  let orientation = 1
  let at = 8
  for (;;) {
    if (at + 12 > png.length) return { kind: 'unreadable' }
    const length = png.readUInt32BE(at)
    const end = at + 12 + length
    if (length > 0x7fffffff || end > png.length) return { kind: 'unreadable' }
    const type = png.subarray(at + 4, at + 8).toString('latin1')
    if (METADATA.has(type)) {
      dropped.push(type)
      if (type === 'eXIf') orientation = exifOrientation(png.subarray(at + 8, at + 8 + length))
    } else {
      // The orientation goes just before the first image data, where the specification places eXIf.
      if (type === 'IDAT' && orientation !== 1) {
        kept.push(chunk('eXIf', orientationOnlyTiff(orientation)))
        orientation = 1
      }
      kept.push(png.subarray(at, end))
    }
    at = end
    if (type === 'IEND') break
  }
  // Bytes after IEND are no part of the picture (some tools append data there): they go with the metadata.
  if (at < png.length) dropped.push('data after IEND')
  return dropped.length === 0 ? { kind: 'clean' } : { kind: 'stripped', bytes: Buffer.concat(kept), dropped }
}

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length)
  out.writeUInt32BE(data.length, 0)
  out.write(type, 4, 'latin1')
  data.copy(out, 8)
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length)
  return out
}
