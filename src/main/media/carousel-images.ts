import { basename } from 'node:path'
import { IMAGE_MAX_BYTES } from '../../shared/limits'
import { readImageSize } from './image-size'
import { checkLocalMedia } from './local-media'
import { isPinterestImage } from './media-sniff'

/** A carousel holds 2 to 5 images (docs/pinterest-api.md §3.2). */
const CAROUSEL_MIN = 2
const CAROUSEL_MAX = 5

/** One carousel image as the pre-flight found it. */
export interface CarouselFile {
  path: string
  contentType: 'image/jpeg' | 'image/png'
  /** Bytes. */
  size: number
  mtimeMs: number
  width: number
  height: number
}

export type CarouselCheck = { ok: true; files: CarouselFile[] } | { ok: false; message: string; fix: string }

const mb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`

/**
 * The pre-flight of a carousel Pin, one rule for the sources (before anything is queued) and the pipeline (before
 * it is sent): 2–5 files, each a JPEG or PNG within Pinterest's image size, all of the same width and height
 * (docs/pinterest-api.md §3.2, §3.3). `name` is what messages call the carousel (its folder or CSV key).
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
    if (check.kind !== 'image' || !isPinterestImage(check.sniffed))
      return {
        ok: false,
        message: `${name}: ${file} is a ${check.sniffed.label}; carousel images must be JPEG or PNG`,
        fix: 'Export it as JPEG or PNG, or take it out of the carousel.',
      }
    if (check.size > IMAGE_MAX_BYTES)
      return {
        ok: false,
        message: `${name}: ${file} is ${mb(check.size)}; Pinterest takes images up to ${mb(IMAGE_MAX_BYTES)}`,
        fix: 'Export it smaller.',
      }
    const dims = await readImageSize(path).catch(() => null)
    if (!dims)
      return {
        ok: false,
        message: `${name}: the size of ${file} cannot be read from its header`,
        fix: 'Export it again as JPEG or PNG.',
      }
    files.push({ path, contentType: check.sniffed.mime, size: check.size, mtimeMs: check.mtimeMs, ...dims })
  }
  const first = files[0]!
  const odd = files.find((f) => f.width !== first.width || f.height !== first.height)
  if (odd)
    return {
      ok: false,
      message: `${name}: ${basename(odd.path)} is ${odd.width}×${odd.height} but ${basename(first.path)} is ${first.width}×${first.height}; carousel images must all be the same size`,
      fix: 'Crop or resize them to one size (e.g. 1000×1500).',
    }
  return { ok: true, files }
}
