/**
 * Whether a WebP, GIF, HEIC/HEIF or AVIF file stops before the end its own structure names: a copy cut off while
 * being downloaded or synced. Asked only once a decode failed, so that the user hears "incomplete" and what to do
 * rather than the decoder's words (JPEG and PNG have checks of their own: jpeg-segments.ts, png-chunks.ts).
 */
const CHECKED = new Set(['image/webp', 'image/gif', 'image/heic', 'image/heif', 'image/avif'])

/** Whether `endsEarly` can tell for this type (the others are never called cut off). */
export function checksEnd(mime: string): boolean {
  return CHECKED.has(mime)
}

export function endsEarly(bytes: Buffer, mime: string): boolean {
  if (mime === 'image/webp') {
    // RIFF: the size after the first 8 bytes (RFC 9649 §2.5).
    return bytes.length >= 12 && bytes.readUInt32LE(4) + 8 > bytes.length
  }
  if (mime === 'image/gif') {
    // Every GIF ends with its trailer byte, 0x3B (GIF89a §27).
    return bytes.length > 0 && bytes[bytes.length - 1] !== 0x3b
  }
  if (mime === 'image/heic' || mime === 'image/heif' || mime === 'image/avif') return boxRunsPastEnd(bytes)
  return false
}

/** ISO base media file (ISO/IEC 14496-12 §4.2): a top-level box whose size reaches past the file's end. */
function boxRunsPastEnd(b: Buffer): boolean {
  let at = 0
  while (at + 8 <= b.length) {
    let size = b.readUInt32BE(at)
    if (size === 1) {
      if (at + 16 > b.length) return true
      size = Number(b.readBigUInt64BE(at + 8))
    } else if (size === 0) return false // runs to the end of the file by definition
    if (size < 8) return false // not a box list this reader can walk: no claim either way
    if (at + size > b.length) return true
    at += size
  }
  return at < b.length
}
