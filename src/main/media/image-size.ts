import { open } from 'node:fs/promises'
import { readJpegHeader } from './jpeg-segments'

/** Pixel size of an image as its header states it. */
export interface ImageSize {
  width: number
  height: number
}

/** Bytes read per look: a PNG header, or one JPEG segment header. */
const HEAD = 32
/** A JPEG's first bytes, where its EXIF orientation and frame size usually both are. */
const JPEG_HEAD = 256 * 1024
/** A JPEG whose frame header lies further in than this (segments of metadata) is not measured. */
const JPEG_SCAN_LIMIT = 16 * 1024 * 1024

/**
 * Width and height of a JPEG or PNG as shown, read from its header: a JPEG's EXIF orientation applied when its
 * header fits in the first 256 KiB, else the frame size found by seeking from segment to segment; null when the
 * header does not say (not JPEG/PNG, truncated). Carousel images must share their size (docs/pinterest-api.md
 * §3.2), and this is how the pre-flight compares them without decoding.
 */
export async function readImageSize(path: string): Promise<ImageSize | null> {
  const fh = await open(path, 'r')
  try {
    const buf = Buffer.alloc(HEAD)
    const read = async (at: number) => (await fh.read(buf, 0, HEAD, at)).bytesRead
    const byte = (i: number): number => buf.readUInt8(i)
    const n = await read(0)
    if (n >= 24 && buf.readUInt32BE(0) === 0x89504e47 && buf.toString('latin1', 12, 16) === 'IHDR')
      return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) }
    if (n < 4 || byte(0) !== 0xff || byte(1) !== 0xd8) return null
    // As shown: EXIF orientations 5–8 turn the picture a quarter, so its width and height swap.
    const head = Buffer.alloc(JPEG_HEAD)
    const header = readJpegHeader(head.subarray(0, (await fh.read(head, 0, JPEG_HEAD, 0)).bytesRead))
    if (header && header.width > 0)
      return header.orientation >= 5
        ? { width: header.height, height: header.width }
        : { width: header.width, height: header.height }
    let at = 2
    while (at < JPEG_SCAN_LIMIT) {
      if ((await read(at)) < 4 || byte(0) !== 0xff) return null
      const marker = byte(1)
      // Fill bytes (0xFF) may precede a marker.
      if (marker === 0xff) {
        at += 1
        continue
      }
      // Markers without a length: TEM and RSTn.
      if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        at += 2
        continue
      }
      const length = buf.readUInt16BE(2)
      // SOF0–SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not.
      const isFrame =
        marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc
      if (isFrame) {
        if ((await read(at)) < 9) return null
        return { width: buf.readUInt16BE(7), height: buf.readUInt16BE(5) }
      }
      if (marker === 0xd9 || marker === 0xda || length < 2) return null
      at += 2 + length
    }
    return null
  } finally {
    await fh.close()
  }
}
