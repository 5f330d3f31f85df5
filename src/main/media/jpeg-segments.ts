/**
 * Byte-level reading of a JPEG's header segments (ITU T.81 §B.1): what the pipeline needs to strip location and
 * device metadata without re-encoding, to spot CMYK files and to tell a file cut off mid-stream. Nothing here
 * decodes pixels: the compressed scan data is copied through untouched.
 */

/** One marker segment before the first scan: where it sits in the file and what it is. */
interface Segment {
  marker: number
  /** Offset of the 0xFF of its marker. */
  start: number
  /** Offset just past its payload. */
  end: number
}

/** What the header of a JPEG says, read from its first bytes. */
export interface JpegHeader {
  segments: Segment[]
  /** Offset of the first SOS marker: everything from here on is scan data, copied as is. */
  sosOffset: number
  /** Colour components of the frame: 1 grey, 3 YCbCr, 4 CMYK/YCCK. */
  components: number
  width: number
  height: number
  /** EXIF orientation 1..8 (1 when absent). */
  orientation: number
  /** Whether an APP1 EXIF or XMP or an APP13 Photoshop/IPTC segment is present (what stripping would remove). */
  hasMetadata: boolean
}

const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf])
const EXIF_ID = Buffer.from('Exif\0\0', 'latin1')
const XMP_ID = Buffer.from('http://ns.adobe.com/xap/1.0/', 'latin1')
const XMP_EXT_ID = Buffer.from('http://ns.adobe.com/xmp/extension/', 'latin1')

const startsWith = (b: Buffer, at: number, id: Buffer) =>
  b.length >= at + id.length && b.subarray(at, at + id.length).equals(id)

const PHOTOSHOP_ID = Buffer.from('Photoshop 3.0\0', 'latin1')

/**
 * Is this segment an APP1 carrying EXIF or XMP (GPS, camera serials, dates, names live there), or an APP13
 * Photoshop block (IPTC city, country and author, and often copies of the EXIF and XMP)? APP2 (ICC profile,
 * needed for the right colours) and APP14 (Adobe colour transform) are kept.
 */
function isMetadata(head: Buffer, s: Segment): boolean {
  const at = s.start + 4
  if (s.marker === 0xed) return startsWith(head, at, PHOTOSHOP_ID)
  if (s.marker !== 0xe1) return false
  return startsWith(head, at, EXIF_ID) || startsWith(head, at, XMP_ID) || startsWith(head, at, XMP_EXT_ID)
}

/**
 * Walks the header of a JPEG from its start up to the first scan. `head` may be only the first part of the file;
 * null when it is not a JPEG or the header does not fit in `head` (the caller then asks a decoder).
 */
export function readJpegHeader(head: Buffer): JpegHeader | null {
  if (head.length < 4 || head[0] !== 0xff || head[1] !== 0xd8) return null
  const segments: Segment[] = []
  let at = 2
  let components = 0
  let width = 0
  let height = 0
  let orientation = 1
  let hasMetadata = false
  while (at + 4 <= head.length) {
    if (head[at] !== 0xff) return null
    const marker = head[at + 1] ?? 0
    // Fill bytes (0xFF runs) may precede a marker.
    if (marker === 0xff) {
      at++
      continue
    }
    if (marker === 0xda)
      return { segments, sosOffset: at, components, width, height, orientation, hasMetadata }
    if (marker === 0xd9 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2
      continue
    }
    const len = head.readUInt16BE(at + 2)
    if (len < 2) return null
    const s: Segment = { marker, start: at, end: at + 2 + len }
    if (s.end > head.length) return null
    if (SOF_MARKERS.has(marker) && len >= 8) {
      height = head.readUInt16BE(at + 5)
      width = head.readUInt16BE(at + 7)
      components = head[at + 9] ?? 0
    }
    if (isMetadata(head, s)) {
      hasMetadata = true
      if (startsWith(head, at + 4, EXIF_ID)) orientation = exifOrientation(head.subarray(at + 10, s.end))
    }
    segments.push(s)
    at = s.end
  }
  return null
}

/** Orientation (tag 0x0112) of IFD0 in a TIFF structure; 1 when absent or unreadable. */
export function exifOrientation(tiff: Buffer): number {
  if (tiff.length < 8) return 1
  const le = tiff[0] === 0x49
  const u16 = (o: number) => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o))
  const u32 = (o: number) => (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o))
  const ifd = u32(4)
  if (ifd + 2 > tiff.length) return 1
  const n = u16(ifd)
  for (let i = 0; i < n; i++) {
    const e = ifd + 2 + i * 12
    if (e + 12 > tiff.length) return 1
    if (u16(e) === 0x0112) {
      const v = u16(e + 8)
      return v >= 1 && v <= 8 ? v : 1
    }
  }
  return 1
}

/**
 * An APP1 EXIF segment holding only the orientation: dropping EXIF must not turn a portrait phone photo on its
 * side, and the orientation says nothing about where or with what it was taken.
 */
function orientationOnlyExif(orientation: number): Buffer {
  const payload = Buffer.concat([EXIF_ID, orientationOnlyTiff(orientation)])
  const seg = Buffer.alloc(4)
  seg.writeUInt16BE(0xffe1, 0)
  seg.writeUInt16BE(payload.length + 2, 2)
  return Buffer.concat([seg, payload])
}

/** A TIFF structure (what EXIF is) with one IFD entry: the orientation. */
export function orientationOnlyTiff(orientation: number): Buffer {
  const tiff = Buffer.alloc(8 + 2 + 12 + 4)
  tiff.write('MM\0*', 0, 'latin1')
  tiff.writeUInt32BE(8, 4)
  tiff.writeUInt16BE(1, 8)
  tiff.writeUInt16BE(0x0112, 10) // Orientation
  tiff.writeUInt16BE(3, 12) // SHORT
  tiff.writeUInt32BE(1, 14)
  tiff.writeUInt16BE(orientation, 18)
  return tiff
}

/**
 * The header of the JPEG rebuilt without its EXIF and XMP segments (the orientation kept in a minimal EXIF):
 * the bytes that replace `head[0..sosOffset)`. The scan data after `sosOffset` stays byte for byte, so the
 * decoded pixels are identical.
 */
export function strippedHeader(head: Buffer, h: JpegHeader): Buffer {
  const parts: Buffer[] = [head.subarray(0, 2)]
  let orientationWritten = h.orientation === 1
  for (const s of h.segments) {
    if (isMetadata(head, s)) {
      if (!orientationWritten) {
        parts.push(orientationOnlyExif(h.orientation))
        orientationWritten = true
      }
      continue
    }
    parts.push(head.subarray(s.start, s.end))
  }
  return Buffer.concat(parts)
}

const EOI = Buffer.from([0xff, 0xd9])

/**
 * Whether the end-of-image marker appears in `tail` (the file's last bytes, starting at file offset `tailAt`)
 * after the first scan. Inside scan data a 0xFF byte is always stuffed or a restart marker, so FF D9 there is
 * the real end. Cameras may append trailers after it, so its absence from a short tail is not proof of damage:
 * the caller then asks a decoder.
 */
export function hasEndMarker(tail: Buffer, tailAt: number, sosOffset: number): boolean {
  const at = tail.lastIndexOf(EOI)
  return at >= 0 && tailAt + at > sosOffset
}

/** What a PNG's IHDR says, and whether its last chunk is IEND (absent: the file was cut off). */
export function readPngFacts(
  head: Buffer,
  tail: Buffer,
): { width: number; height: number; bitDepth: number; complete: boolean } | null {
  if (head.length < 33 || head.subarray(12, 16).toString('latin1') !== 'IHDR') return null
  const iend =
    tail.length >= 12 && tail.subarray(tail.length - 8, tail.length - 4).toString('latin1') === 'IEND'
  return {
    width: head.readUInt32BE(16),
    height: head.readUInt32BE(20),
    bitDepth: head[24] ?? 8,
    complete: iend,
  }
}

/**
 * Offset just past the main picture's end-of-image marker, walking its scans (ITU T.81 §B.2): the compressed data
 * up to each marker, stuffed bytes and restart markers passed over, the tables and headers between the scans of
 * a progressive JPEG skipped by their length (their bytes may hold FF D9). What follows is not part of the
 * picture: a phone's second image (a multi-picture file's preview, with an EXIF of its own), a trailer. The
 * file's length when no end marker is found.
 */
export function mainImageEnd(b: Buffer, sosOffset: number): number {
  let at = sosOffset
  while (at + 4 <= b.length) {
    at += 2 + b.readUInt16BE(at + 2)
    for (;;) {
      const i = b.indexOf(0xff, at)
      if (i < 0 || i + 1 >= b.length) return b.length
      const m = b[i + 1]!
      if (m === 0xd9) return i + 2
      if (m === 0xff) at = i + 1
      else if (m === 0x00 || (m >= 0xd0 && m <= 0xd7)) at = i + 2
      else {
        at = i
        break
      }
    }
  }
  return b.length
}
