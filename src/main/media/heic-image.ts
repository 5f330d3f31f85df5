import decodeHeic from 'heic-decode'
import type { RawImage } from './image-codec'

/** ftyp major brands of HEIF image sequences (bursts, animations): not a still photo. */
const SEQUENCE_BRANDS = new Set(['hevc', 'hevx', 'msf1', 'hevs'])

/** The ftyp major brand of an ISO media file ("heic", "mif1", "hevc", …). */
function heifBrand(head: Buffer): string {
  return head.toString('latin1', 8, 12)
}

/** Whether an HEIF file is an image sequence rather than a still (its major brand says so). */
export function isHeifSequence(head: Buffer): boolean {
  return SEQUENCE_BRANDS.has(heifBrand(head))
}

/**
 * Decodes the primary image of an iPhone HEIC/HEIF with libheif compiled to WebAssembly (`heic-decode`): sharp's
 * prebuilt libvips has no HEVC decoder. libheif applies the file's rotation and mirroring while decoding.
 */
export async function decodeHeicStill(bytes: Buffer): Promise<RawImage> {
  const { width, height, data } = await decodeHeic({ buffer: bytes })
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width, height, channels: 4 }
}
