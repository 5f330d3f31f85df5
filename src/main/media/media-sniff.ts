import { open } from 'node:fs/promises'

/** What a file really is, told from its first bytes (never from its extension). */
export interface SniffedType {
  kind: 'image' | 'video' | 'other'
  /** e.g. image/jpeg, image/png, image/webp, video/mp4, video/quicktime */
  mime: string
  /** Short human name for messages: "JPEG image", "WebP image", "MP4 video". */
  label: string
}

const HEAD_BYTES = 64

/**
 * Reads the first bytes of a file and names its type. Hand-written rather than `file-type` because we
 * only care about a dozen signatures, and this runs on every file of a 10,000-file folder scan: one
 * 64-byte read, no ESM-only import in the CommonJS main bundle. Returns null for an empty file.
 */
export async function sniffFile(path: string): Promise<SniffedType | null> {
  const fh = await open(path, 'r')
  try {
    const buf = Buffer.alloc(HEAD_BYTES)
    const { bytesRead } = await fh.read(buf, 0, HEAD_BYTES, 0)
    return bytesRead === 0 ? null : sniffBytes(buf.subarray(0, bytesRead))
  } finally {
    await fh.close()
  }
}

export function sniffBytes(b: Uint8Array): SniffedType {
  const ascii = (start: number, len: number) => Buffer.from(b.subarray(start, start + len)).toString('latin1')
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff)
    return { kind: 'image', mime: 'image/jpeg', label: 'JPEG image' }
  if (ascii(0, 8) === '\x89PNG\r\n\x1a\n') return { kind: 'image', mime: 'image/png', label: 'PNG image' }
  if (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a')
    return { kind: 'image', mime: 'image/gif', label: 'GIF image' }
  if (ascii(0, 4) === 'RIFF' && ascii(8, 4) === 'WEBP')
    return { kind: 'image', mime: 'image/webp', label: 'WebP image' }
  if (ascii(0, 2) === 'BM') return { kind: 'image', mime: 'image/bmp', label: 'BMP image' }
  if (ascii(0, 4) === 'II*\0' || ascii(0, 4) === 'MM\0*')
    return { kind: 'image', mime: 'image/tiff', label: 'TIFF image' }
  if (ascii(4, 4) === 'ftyp') {
    const brand = ascii(8, 4)
    if (/^(heic|heix|hevc|heim|heis|mif1|msf1)$/.test(brand))
      return { kind: 'image', mime: 'image/heic', label: 'HEIC image' }
    if (brand === 'avif' || brand === 'avis')
      return { kind: 'image', mime: 'image/avif', label: 'AVIF image' }
    if (brand === 'qt  ') return { kind: 'video', mime: 'video/quicktime', label: 'QuickTime (MOV) video' }
    if (brand === 'M4V ' || brand === 'M4VH' || brand === 'M4VP')
      return { kind: 'video', mime: 'video/x-m4v', label: 'M4V video' }
    if (brand.startsWith('3g')) return { kind: 'video', mime: 'video/3gpp', label: '3GP video' }
    return { kind: 'video', mime: 'video/mp4', label: 'MP4 video' }
  }
  // Old QuickTime files may start with a moov/mdat/wide/free atom instead of ftyp.
  if (/^(moov|mdat|wide|free|skip|pnot)$/.test(ascii(4, 4)))
    return { kind: 'video', mime: 'video/quicktime', label: 'QuickTime (MOV) video' }
  if (ascii(0, 4) === '\x1aE\xdf\xa3')
    return { kind: 'video', mime: 'video/webm', label: 'WebM/Matroska video' }
  if (ascii(0, 4) === 'RIFF' && ascii(8, 4) === 'AVI ')
    return { kind: 'video', mime: 'video/x-msvideo', label: 'AVI video' }
  return { kind: 'other', mime: 'application/octet-stream', label: 'not an image or video' }
}

/** Types Pinterest accepts: images as image_base64 (JPEG/PNG), videos as mp4/mov/m4v media. */
export function isPinterestImage(t: SniffedType): t is SniffedType & { mime: 'image/jpeg' | 'image/png' } {
  return t.mime === 'image/jpeg' || t.mime === 'image/png'
}
export function isPinterestVideo(t: SniffedType): boolean {
  return t.mime === 'video/mp4' || t.mime === 'video/quicktime' || t.mime === 'video/x-m4v'
}

/** Images sent after conversion to JPEG/PNG (src/main/media/prepare-image.ts), and JPEG/PNG themselves. */
const CONVERTIBLE = new Set([
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'image/tiff',
  'image/bmp',
  'image/avif',
  'image/heic',
])
export function isConvertibleImage(t: SniffedType): boolean {
  return CONVERTIBLE.has(t.mime)
}
