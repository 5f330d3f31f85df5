import { crc32 } from 'node:zlib'
import { exifOrientation, orientationOnlyTiff } from './jpeg-segments'

/**
 * Location and device metadata out of a PNG without re-encoding it (issue 16, privacy): a PNG is a signature and
 * a list of chunks, each `length, type, data, CRC` (PNG specification, 3rd edition, §5.3). Only the chunks that
 * shape the picture are kept, byte for byte: the critical ones (header, palette, pixels, end), transparency,
 * colour (profile, gamma, primaries, HDR), background, histogram, pixel size, suggested palette and APNG's
 * animation chunks. Everything else goes: eXIf (EXIF, GPS included), tEXt/zTXt/iTXt (text, XMP among it), tIME,
 * and any chunk this list does not know (C2PA's caBX, an older exIf, private chunks), since an unknown chunk may
 * say where or with what the picture was made. So the decoded image is identical and nothing identifying
 * stays. An EXIF orientation other than 1 is kept in a minimal eXIf where the original one was, as for JPEG
 * (jpeg-segments.ts): dropping it would turn the picture on its side where viewers honour it. An unknown
 * critical chunk (its type starts upper-case) cannot be dropped without breaking the picture: the caller
 * re-encodes instead.
 */

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const CRITICAL = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND'])
const PICTURE = new Set([
  'tRNS',
  'cHRM',
  'gAMA',
  'iCCP',
  'sBIT',
  'sRGB',
  'cICP',
  'mDCV',
  'cLLI',
  'mDCv',
  'cLLi',
  'bKGD',
  'hIST',
  'pHYs',
  'sPLT',
  'acTL',
  'fcTL',
  'fdAT',
])
/** Some writers put JPEG's APP1 identifier before the TIFF structure in eXIf. */
const EXIF_ID = Buffer.from('Exif\0\0', 'latin1')

export type PngStrip =
  | { kind: 'clean' }
  | { kind: 'stripped'; bytes: Buffer; dropped: string[] }
  /** The chunk list could not be walked to its end (IEND), or holds an unknown critical chunk: re-encode. */
  | { kind: 'unreadable' }

export function stripPngMetadata(png: Buffer): PngStrip {
  if (png.length < 8 || !png.subarray(0, 8).equals(SIGNATURE)) return { kind: 'unreadable' }
  const kept: Buffer[] = [SIGNATURE]
  const dropped: string[] = []
  let at = 8
  for (;;) {
    if (at + 12 > png.length) return { kind: 'unreadable' }
    const length = png.readUInt32BE(at)
    const end = at + 12 + length
    if (length > 0x7fffffff || end > png.length) return { kind: 'unreadable' }
    const type = png.subarray(at + 4, at + 8).toString('latin1')
    if (CRITICAL.has(type) || PICTURE.has(type)) kept.push(png.subarray(at, end))
    else if (isCritical(type)) return { kind: 'unreadable' }
    else {
      dropped.push(type)
      // One eXIf at most (the specification's rule): only the first one's orientation is kept.
      if (type === 'eXIf' && !dropped.slice(0, -1).includes('eXIf')) {
        const orientation = exifOrientation(tiffOf(png.subarray(at + 8, at + 8 + length)))
        if (orientation !== 1) kept.push(chunk('eXIf', orientationOnlyTiff(orientation)))
      }
    }
    at = end
    if (type === 'IEND') break
  }
  // Bytes after IEND are no part of the picture (some tools append data there): they go with the metadata.
  if (at < png.length) dropped.push('data after IEND')
  return dropped.length === 0 ? { kind: 'clean' } : { kind: 'stripped', bytes: Buffer.concat(kept), dropped }
}

/** Bit 5 of a chunk type's first byte is clear (an upper-case letter) for a chunk a decoder must understand. */
const isCritical = (type: string) => (type.charCodeAt(0) & 0x20) === 0

const tiffOf = (data: Buffer) =>
  data.subarray(0, EXIF_ID.length).equals(EXIF_ID) ? data.subarray(EXIF_ID.length) : data

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length)
  out.writeUInt32BE(data.length, 0)
  out.write(type, 4, 'latin1')
  data.copy(out, 8)
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length)
  return out
}
