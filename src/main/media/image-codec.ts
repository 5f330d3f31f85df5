import sharp from 'sharp'
import type { Sharp, SharpOptions } from 'sharp'

/**
 * The only importer of `sharp` (libvips, N-API: one binary serves Node and Electron; NATIVE_OWNERS in
 * eslint.config.mjs). Everything else decodes, resizes and encodes images through these functions.
 */

/** Raw pixels, 8 bits per channel, rows top to bottom. */
export interface RawImage {
  data: Uint8Array
  width: number
  height: number
  channels: 1 | 2 | 3 | 4
}

/** What a decoder reads from an image's header. */
interface ImageInfo {
  /** libvips' loader name: jpeg, png, webp, gif, tiff, heif (AVIF), … */
  format: string
  width: number
  height: number
  hasAlpha: boolean
  /** Frames or pages (animated GIF/WebP, multi-page TIFF); 1 for a still. */
  pages: number
}

/** Where pixels come from: a file, bytes, or raw pixels decoded elsewhere (HEIC, BMP). */
export type ImageInput = { path: string } | { bytes: Buffer } | { raw: RawImage }

/** An encoded image and what it is. */
export interface EncodedImage {
  bytes: Buffer
  contentType: 'image/jpeg' | 'image/png'
  width: number
  height: number
}

/**
 * Images with more pixels are refused before any decode: a conversion holds about 7 bytes a pixel in main's
 * memory (a 625 MP TIFF peaked at 3.9 GB). A 20,000 × 15,000 px panorama still fits.
 */
export const MAX_INPUT_PIXELS = 300_000_000
/** A conversion writes at most this many pixels (scaled down first, which also halves its memory). */
const MAX_OUTPUT_PIXELS = 100_000_000

/** An image over MAX_INPUT_PIXELS, found from its header. */
export class ImageTooLarge extends Error {
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    super(`${width}×${height} pixels is over the ${MAX_INPUT_PIXELS / 1e6} MP limit`)
  }
}

// Thumbnails and conversions run next to uploads on a shared machine: libvips' own threads per image are capped
// so a burst of thumbnails cannot take every core (the pool above it bounds how many run at once).
sharp.concurrency(2)
// libvips' operation cache holds decoded images of files it has seen: thumbnails of 10,000 photos never repeat.
sharp.cache(false)

function open(input: ImageInput, failOnTruncated = true, headerOnly = false): Sharp {
  const options: SharpOptions = {
    failOn: failOnTruncated ? 'truncated' : 'none',
    // libvips' default cap (268 MP) would refuse a 20,000 × 15,000 px panorama, a real photo. A header read has
    // none: it is how a larger image is told apart, with its size, from a damaged one.
    limitInputPixels: headerOnly ? false : MAX_INPUT_PIXELS,
    // Animated GIF/WebP and multi-page TIFF: the first frame only (Pinterest shows a still).
    pages: 1,
  }
  if ('path' in input) return sharp(input.path, options)
  if ('bytes' in input) return sharp(input.bytes, options)
  const { data, width, height, channels } = input.raw
  return sharp(data, { ...options, raw: { width, height, channels } })
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message.split('\n')[0]!.trim() : String(e)
}

/** Header facts without decoding the pixels. Throws with the decoder's message when it cannot read one. */
async function imageInfo(input: ImageInput): Promise<ImageInfo> {
  const m = await open(input, true, true).metadata()
  return {
    format: m.format ?? 'unknown',
    width: m.autoOrient?.width ?? m.width ?? 0,
    height: m.autoOrient?.height ?? m.height ?? 0,
    hasAlpha: m.hasAlpha ?? false,
    pages: m.pages ?? 1,
  }
}

/**
 * Width and height as shown (EXIF orientation applied) from the file's header, or null when libvips cannot read
 * one (BMP, damaged files): what the carousel pre-flight compares before anything is converted.
 */
export async function headerSize(path: string): Promise<{ width: number; height: number } | null> {
  const info = await imageInfo({ path }).catch(() => null)
  return info && info.width > 0 && info.height > 0 ? { width: info.width, height: info.height } : null
}

/**
 * Decodes every pixel (and throws what the decoder said when it cannot: a cut-off file ends with "premature end
 * of JPEG image" or similar). Used only when the cheap end-marker check could not decide.
 */
export async function decodeProblem(input: ImageInput): Promise<string | null> {
  // Too large to decode here: said as such (ImageTooLarge), not taken for a damaged file.
  const info = await imageInfo(input).catch(() => null)
  if (info && info.width * info.height > MAX_INPUT_PIXELS) throw new ImageTooLarge(info.width, info.height)
  try {
    await open(input).raw().toBuffer()
    return null
  } catch (e) {
    return errorText(e)
  }
}

/** Whether any pixel is not fully opaque (decodes the image). */
async function hasTransparency(input: ImageInput): Promise<boolean> {
  const { isOpaque } = await open(input).stats()
  return !isOpaque
}

export interface EncodeOptions {
  /** Longest side in pixels after orientation; larger images are scaled down to fit. */
  maxSide?: number
  /** JPEG quality 1..100. */
  quality?: number
  /** PNG whatever the pixels (a PNG source stays lossless); default: PNG only when some pixel is transparent. */
  format?: 'png'
}

/**
 * Re-encodes an image for Pinterest: EXIF orientation applied, first frame only, sRGB, 8 bits per channel; PNG
 * when some pixel is transparent (JPEG would turn it black), JPEG otherwise. No metadata is carried over.
 */
export async function encodeForPin(input: ImageInput, opts: EncodeOptions = {}): Promise<EncodedImage> {
  const info = await imageInfo(input)
  const pixels = info.width * info.height
  if (pixels > MAX_INPUT_PIXELS) throw new ImageTooLarge(info.width, info.height)
  const longSide = Math.max(info.width, info.height)
  const maxSide = Math.min(
    opts.maxSide ?? longSide,
    // 1 % under the limit: the short side is rounded after the scale.
    pixels > MAX_OUTPUT_PIXELS
      ? Math.floor(longSide * Math.sqrt((0.99 * MAX_OUTPUT_PIXELS) / pixels))
      : longSide,
  )
  const png = opts.format === 'png' || (info.hasAlpha && (await hasTransparency(input)))
  let img = open(input).autoOrient().toColourspace('srgb')
  if (longSide > maxSide) img = img.resize({ width: maxSide, height: maxSide, fit: 'inside' })
  img = png
    ? img.png({ compressionLevel: 6 })
    : img.flatten({ background: '#ffffff' }).jpeg({ quality: opts.quality ?? 90, mozjpeg: false })
  const { data, info: out } = await img.toBuffer({ resolveWithObject: true })
  return {
    bytes: data,
    contentType: png ? 'image/png' : 'image/jpeg',
    width: out.width,
    height: out.height,
  }
}

/** A small JPEG preview, EXIF orientation applied, fitting a `side`×`side` square. */
export async function thumbnailJpeg(input: ImageInput, side: number): Promise<Buffer> {
  return open(input, false)
    .autoOrient()
    .resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .toColourspace('srgb')
    .jpeg({ quality: 72 })
    .toBuffer()
}

export { errorText as decoderMessage }
