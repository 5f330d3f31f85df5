import { mkdir, open, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ItemError } from '../../shared/domain'
import { IMAGE_MAX_BYTES } from '../../shared/limits'
import { decodeBmp } from './bmp-decode'
import { checksEnd, endsEarly } from './cut-off'
import { decodeHeicStill, isHeifSequence } from './heic-image'
import {
  decodeProblem,
  decoderMessage,
  encodeForPin,
  ImageTooLarge,
  MAX_INPUT_PIXELS,
  type ImageInput,
} from './image-codec'
import { hasEndMarker, mainImageEnd, readJpegHeader, readPngFacts, strippedHeader } from './jpeg-segments'
import { stripPngMetadata } from './png-chunks'

/**
 * What an image file becomes before it is sent (issue 16): JPEG and PNG go as they are unless they must change
 * (location metadata, CMYK, 16 bits, over the size limit, cut off); WebP, GIF, TIFF, BMP, AVIF and HEIC are
 * converted. Converted bytes go to a file of the item's own in the prepared folder, removed once the create has
 * settled; the item's hash, dedupe and resume keep using the source file (docs/architecture.md, "Images as sent").
 */

/** What to send instead of the source file; without `tempPath`: the source as it is. */
export interface PreparedImage {
  contentType: 'image/jpeg' | 'image/png'
  /** A converted copy to send, in the prepared folder; delete it with `discardPrepared` after the create. */
  tempPath?: string
}

export type PrepareResult = { ok: true; value: PreparedImage } | { ok: false; error: ItemError }

export interface PrepareOptions {
  /** What messages call the file. */
  name: string
  /** The source's type as sniffed (image/jpeg, image/webp, image/heic, …). */
  mime: string
  /** Keep EXIF/XMP (GPS, camera) in JPEGs; default false: stripped without re-encoding. */
  keepMetadata: boolean
  /** Folder for converted copies, created when needed. */
  tempDir: string
  /** A name unique to the item, e.g. its id: the copy is `<tempDir>/<key>.jpg|png`. */
  key: string
  /** The whole file when it was already read (small photos); otherwise the head and tail are read here. */
  bytes?: Buffer
  /** The file's size in bytes. */
  size: number
  /** Largest image sent, in bytes (default IMAGE_MAX_BYTES). */
  maxBytes?: number
}

/** Bytes read from the start of a large JPEG to find its header: a few APP segments of at most 64 KiB each. */
const HEAD_BYTES = 512 * 1024
/** Bytes read from the end for the end marker; trailers some phones add may push it further (then: decode). */
const TAIL_BYTES = 64 * 1024

const fail = (message: string, fix: string): PrepareResult => ({
  ok: false,
  error: { kind: 'file', message, fix },
})

const incomplete = (name: string): PrepareResult =>
  fail(
    `${name} is incomplete: its image data stops before the end (it was cut off while being copied, downloaded or saved)`,
    'Copy or export the original again, waiting until the download or sync has finished, then retry.',
  )

const undecodable = (name: string, label: string, why: string): PrepareResult =>
  fail(
    `${name} cannot be read as ${label} (${/^(unknown error)?$/i.test(why) ? 'it is damaged or not really this format' : why})`,
    'Open it in an image editor and export it again as JPEG or PNG.',
  )

/** Up to `length` bytes from the start of the file (`fromEnd`: its last bytes) and where they start. */
async function readPart(
  path: string,
  length: number,
  fromEnd = false,
): Promise<{ bytes: Buffer; at: number }> {
  const fh = await open(path, 'r')
  try {
    // The size is the file's own: a stamp taken earlier may be stale, and the tail must be the real end.
    const size = fromEnd ? (await fh.stat()).size : length
    const at = fromEnd ? Math.max(0, size - length) : 0
    const buf = Buffer.alloc(Math.min(length, size - at))
    const { bytesRead } = await fh.read(buf, 0, buf.length, at)
    return { bytes: buf.subarray(0, bytesRead), at }
  } finally {
    await fh.close()
  }
}

function asIs(contentType: 'image/jpeg' | 'image/png'): PrepareResult {
  return { ok: true, value: { contentType } }
}

/** Prepares one image for its Pin; never throws for a bad file (the result says why), only for a full disk. */
export async function prepareImage(path: string, o: PrepareOptions): Promise<PrepareResult> {
  try {
    if (o.mime === 'image/jpeg') return await prepareJpeg(path, o)
    if (o.mime === 'image/png') return await preparePng(path, o)
    return await convert(path, o)
  } catch (e) {
    if (isDiskError(e)) throw e
    if (e instanceof ImageTooLarge)
      return fail(
        `${o.name} is too large to convert: ${e.width.toLocaleString('en-US')} × ${e.height.toLocaleString('en-US')} pixels, over ${MAX_INPUT_PIXELS / 1e6} megapixels`,
        'Export it smaller (for example 16,000 pixels on its long side), then add it again.',
      )
    // A file that stops before the end its structure names is said to be incomplete, not in the decoder's words.
    if (checksEnd(o.mime)) {
      const whole = o.bytes ?? (await readFile(path).catch(() => null))
      if (whole && endsEarly(whole, o.mime)) return incomplete(o.name)
    }
    return undecodable(o.name, labelOf(o.mime), decoderMessage(e))
  }
}

function isDiskError(e: unknown): boolean {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : ''
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'EROFS'
}

function labelOf(mime: string): string {
  const sub = mime.split('/')[1] ?? 'image'
  const name = sub === 'jpeg' ? 'JPEG' : sub === 'webp' ? 'WebP' : sub.toUpperCase()
  return /^[AEIOU]/.test(name) ? `an ${name} image` : `a ${name} image`
}

async function prepareJpeg(path: string, o: PrepareOptions): Promise<PrepareResult> {
  let head = o.bytes ?? (await readPart(path, HEAD_BYTES)).bytes
  let header = readJpegHeader(head)
  // Metadata segments past the first 512 KiB (rare): the whole file is read rather than the metadata kept.
  if (!header && head.length >= HEAD_BYTES && o.size <= maxOf(o)) {
    head = await readFile(path)
    header = readJpegHeader(head)
  }
  const end = o.bytes ? { bytes: o.bytes, at: 0 } : await readPart(path, TAIL_BYTES, true)
  const [tail, tailAt] = [end.bytes, end.at]
  const input: ImageInput = o.bytes ? { bytes: o.bytes } : { path }
  // No end marker where it is expected: only a full decode can tell a camera's trailer from a cut-off file. A
  // file with neither is incomplete by definition; libvips' message is not used to decide, as its error buffer
  // is shared between threads and may hold another file's words.
  if (!hasEndMarker(tail, tailAt, header?.sosOffset ?? 2) && (await decodeProblem(input)) !== null)
    return incomplete(o.name)
  // A header this reader cannot walk is left to the decoder at Pinterest when metadata may go; otherwise it is
  // re-encoded (which carries none over) rather than sent with a location this reader could not find.
  if (!header) return o.size > maxOf(o) || !o.keepMetadata ? encodeToTemp(input, o) : asIs('image/jpeg')
  // CMYK/YCCK (4 components) shows with wrong colours in browsers: converted to sRGB.
  if (header.components === 4 || o.size > maxOf(o)) return encodeToTemp(input, o)
  if (o.keepMetadata) return asIs('image/jpeg')
  // Read whole (at most IMAGE_MAX_BYTES: larger files were re-encoded above) to find where the picture ends. What
  // follows it goes even when the main picture has no metadata: a second picture with an EXIF of its own, or a
  // motion photo's clip, may hold the place it was taken.
  const bytes = o.bytes ?? (await readFile(path))
  const pictureEnd = mainImageEnd(bytes, header.sosOffset)
  if (!header.hasMetadata && pictureEnd >= bytes.length) return asIs('image/jpeg')
  const tempPath = await tempFile(o, 'jpg')
  const scans = bytes.subarray(header.sosOffset, pictureEnd)
  await writeFile(tempPath, Buffer.concat([strippedHeader(head, header), scans]))
  return { ok: true, value: { contentType: 'image/jpeg', tempPath } }
}

async function preparePng(path: string, o: PrepareOptions): Promise<PrepareResult> {
  const head = o.bytes ?? (await readPart(path, 64)).bytes
  const tail = o.bytes ?? (await readPart(path, 16, true)).bytes
  const facts = readPngFacts(head, tail)
  const input: ImageInput = o.bytes ? { bytes: o.bytes } : { path }
  if (facts && !facts.complete) {
    const problem = await decodeProblem(input)
    if (problem !== null) return incomplete(o.name)
  }
  // 16 bits per channel is more than a web page shows; converted to 8 bits.
  if (facts?.bitDepth === 16 || o.size > maxOf(o)) return encodeToTemp(input, o, 'png')
  if (o.keepMetadata) return asIs('image/png')
  // Read whole (at most IMAGE_MAX_BYTES: larger files were re-encoded above) to walk its chunks.
  const stripped = stripPngMetadata(o.bytes ?? (await readFile(path)))
  if (stripped.kind === 'clean') return asIs('image/png')
  // A chunk list this reader cannot walk is re-encoded (which carries no metadata over), as for JPEG.
  if (stripped.kind === 'unreadable') return encodeToTemp(input, o, 'png')
  const tempPath = await tempFile(o, 'png')
  await writeFile(tempPath, stripped.bytes)
  return { ok: true, value: { contentType: 'image/png', tempPath } }
}

/** WebP, GIF, TIFF, BMP, AVIF, HEIC: decoded (first frame) and written as JPEG, or PNG when transparent. */
async function convert(path: string, o: PrepareOptions): Promise<PrepareResult> {
  if (o.mime === 'image/heic') {
    const bytes = o.bytes ?? (await readFile(path))
    if (isHeifSequence(bytes))
      return fail(
        `${o.name} is a HEIF image sequence (a burst or an animation), not a single photo`,
        'Export the frame you want as a photo (JPEG or HEIC), then add that file.',
      )
    return encodeToTemp({ raw: await decodeHeicStill(bytes) }, o)
  }
  if (o.mime === 'image/bmp')
    return encodeToTemp({ raw: await decodeBmp(o.bytes ?? (await readFile(path))) }, o)
  return encodeToTemp(o.bytes ? { bytes: o.bytes } : { path }, o)
}

const maxOf = (o: PrepareOptions) => o.maxBytes ?? IMAGE_MAX_BYTES

/** Encodes to the item's prepared file, scaled down until it fits the size limit. */
async function encodeToTemp(input: ImageInput, o: PrepareOptions, format?: 'png'): Promise<PrepareResult> {
  let out = await encodeForPin(input, format && { format })
  for (let round = 0; out.bytes.length > maxOf(o) && round < 6; round++) {
    const side = Math.max(out.width, out.height)
    const scale = Math.sqrt(maxOf(o) / out.bytes.length) * 0.9
    // A PNG that stays too big even scaled is sent as JPEG: photos saved as PNG compress ten times better so.
    const keepPng = format === 'png' && round < 2
    out = await encodeForPin(input, {
      maxSide: Math.max(64, Math.floor(side * scale)),
      ...(keepPng && { format: 'png' as const }),
    })
  }
  if (out.bytes.length > maxOf(o))
    return fail(
      `${o.name} stays over ${Math.round(maxOf(o) / 1024 / 1024)} MB even scaled down`,
      'Export it smaller (e.g. 2000×3000 pixels as JPEG), then retry.',
    )
  const tempPath = await tempFile(o, out.contentType === 'image/png' ? 'png' : 'jpg')
  await writeFile(tempPath, out.bytes)
  return { ok: true, value: { contentType: out.contentType, tempPath } }
}

/** Prepared folders this process has cleared of copies an earlier run left (a crash between make and delete). */
const swept = new Set<string>()
const STARTED_MS = Date.now()

/**
 * Removes the copies an earlier process left: only the process running the queue prepares images (one per data
 * folder, src/main/platform/queue-lock.ts), so a copy older than this process belongs to no running create.
 */
async function sweepOnce(tempDir: string): Promise<void> {
  if (swept.has(tempDir)) return
  swept.add(tempDir)
  for (const name of await readdir(tempDir).catch(() => [])) {
    const path = join(tempDir, name)
    const st = await stat(path).catch(() => null)
    if (st?.isFile() && st.mtimeMs < STARTED_MS) await rm(path, { force: true })
  }
}

async function tempFile(o: PrepareOptions, ext: string): Promise<string> {
  await mkdir(o.tempDir, { recursive: true, mode: 0o700 })
  await sweepOnce(o.tempDir)
  await discardPrepared(o.tempDir, o.key)
  return join(o.tempDir, `${o.key}.${ext}`)
}

/** Removes an item's prepared copy (after its create settled, or before a new one is made). */
export async function discardPrepared(tempDir: string, key: string): Promise<void> {
  await Promise.all(['jpg', 'png'].map((ext) => rm(join(tempDir, `${key}.${ext}`), { force: true })))
}
