import { basename } from 'node:path'
import { IMAGE_MAX_BYTES } from '../../shared/limits'
import { headerSize } from './image-codec'
import { readImageSize, type ImageSize } from './image-size'
import { checkLocalMedia } from './local-media'
import { isPinterestImage } from './media-sniff'

/** A carousel holds 2 to 5 images (docs/pinterest-api.md §3.2). */
const CAROUSEL_MIN = 2
const CAROUSEL_MAX = 5

/** One carousel image as the pre-flight found it. */
export interface CarouselFile {
  path: string
  /** The source's type as sniffed: JPEG and PNG go as they are, other images are converted before the send. */
  contentType: string
  /** Bytes. */
  size: number
  mtimeMs: number
  /** As shown; absent when the header of an image to convert cannot say (BMP): then only the send compares it. */
  width?: number
  height?: number
}

export type CarouselCheck = { ok: true; files: CarouselFile[] } | { ok: false; message: string; fix: string }

const mb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`

/**
 * Two images' sizes differ: the message names both (`after` says the sizes are those of the prepared copies). One
 * wording for the pre-flight and the send (src/main/pipeline/carousel-item.ts).
 */
export function sizeMismatch(
  name: string,
  odd: { path: string } & ImageSize,
  first: { path: string } & ImageSize,
  after = '',
): { message: string; fix: string } {
  return {
    message: `${name}: ${basename(odd.path)} is ${odd.width}×${odd.height}${after} but ${basename(first.path)} is ${first.width}×${first.height}; carousel images must all be the same size`,
    fix: 'Crop or resize them to one size (e.g. 1000×1500).',
  }
}

/**
 * The pre-flight of a carousel Pin, one rule for the sources (before anything is queued) and the pipeline (before
 * it is sent): 2–5 files, each an image Pinload sends or converts like a single image's (issue 13; JPEG and PNG
 * within Pinterest's image size, WebP, GIF, TIFF, BMP, AVIF and HEIC converted), all of the same width and
 * height as their headers state (docs/pinterest-api.md §3.2, §3.3). The send checks the size again on what is
 * really sent. `name` is what messages call the carousel (its folder or CSV key).
 */
export async function checkCarouselImages(name: string, paths: readonly string[]): Promise<CarouselCheck> {
  if (paths.length < CAROUSEL_MIN || paths.length > CAROUSEL_MAX)
    return {
      ok: false,
      message: `${name} holds ${paths.length} image${paths.length === 1 ? '' : 's'}; a carousel Pin takes ${CAROUSEL_MIN} to ${CAROUSEL_MAX}`,
      fix:
        paths.length < CAROUSEL_MIN
          ? 'Add another image, or publish it as a single Pin (outside a .carousel folder).'
          : `Split it into carousels of at most ${CAROUSEL_MAX} images.`,
    }
  const files: CarouselFile[] = []
  for (const path of paths) {
    const file = basename(path)
    const check = await checkLocalMedia(path)
    if (!check.ok) return { ok: false, message: `${name}: ${check.message}`, fix: check.fix ?? '' }
    if (check.kind !== 'image')
      return {
        ok: false,
        message: `${name}: ${file} is a ${check.sniffed.label}; a carousel takes only images`,
        fix: 'Take it out of the carousel.',
      }
    const sentAsIs = isPinterestImage(check.sniffed)
    // A JPEG or PNG over the limit would be scaled down to its own size, unlike the others': refused here. A
    // converted image's source size says nothing of what is sent.
    if (sentAsIs && check.size > IMAGE_MAX_BYTES)
      return {
        ok: false,
        message: `${name}: ${file} is ${mb(check.size)}; Pinterest takes images up to ${mb(IMAGE_MAX_BYTES)}`,
        fix: 'Export it smaller.',
      }
    const dims = sentAsIs ? await readImageSize(path).catch(() => null) : await headerSize(path)
    if (!dims && sentAsIs)
      return {
        ok: false,
        message: `${name}: the size of ${file} cannot be read from its header`,
        fix: 'Export it again as JPEG or PNG.',
      }
    files.push({ path, contentType: check.sniffed.mime, size: check.size, mtimeMs: check.mtimeMs, ...dims })
  }
  const sized = files.filter((f): f is CarouselFile & ImageSize => f.width !== undefined)
  const first = sized[0]
  const odd = first && sized.find((f) => f.width !== first.width || f.height !== first.height)
  if (first && odd) return { ok: false, ...sizeMismatch(name, odd, first) }
  return { ok: true, files }
}
