import { createHash } from 'node:crypto'
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { decodeBmp } from './bmp-decode'
import { decodeHeicStill } from './heic-image'
import { thumbnailJpeg, type ImageInput } from './image-codec'
import { sniffFile } from './media-sniff'

/**
 * Queue thumbnails (issue 16): a small JPEG per image, EXIF orientation applied, made by sharp at most
 * `concurrency` at a time and kept on disk in the data folder under the file's fingerprint (path, size, mtime),
 * so a photo is decoded once, however often the window scrolls past it or restarts. The window gets it as a
 * data: URL of a few KB (its CSP allows data: images and no file access; docs/architecture.md, "Thumbnails").
 */

/** Longest side of a thumbnail, px: twice the row's 96 CSS px for sharp rendering on HiDPI screens. */
const THUMBNAIL_SIDE = 192

export class Thumbnails {
  private running = 0
  private readonly waiting: (() => void)[] = []
  private readonly pending = new Map<string, Promise<string | null>>()

  /**
   * @param cacheDir folder of the cached JPEGs (created on first use)
   * @param concurrency thumbnails decoded at once; each also uses sharp's own threads (image-codec.ts)
   */
  constructor(
    private readonly cacheDir: string,
    private readonly concurrency = 2,
  ) {}

  /** A data: URL of the image's thumbnail; null for videos, missing files and files no decoder reads. */
  async dataUrl(path: string | undefined): Promise<string | null> {
    if (!path) return null
    let key: string
    try {
      const st = await stat(path)
      if (!st.isFile() || st.size === 0) return null
      key = createHash('sha1').update(`${path}\0${st.size}\0${st.mtimeMs}`).digest('hex')
    } catch {
      return null
    }
    let p = this.pending.get(key)
    if (!p) {
      p = this.load(path, key).finally(() => this.pending.delete(key))
      this.pending.set(key, p)
    }
    return p
  }

  private async load(path: string, key: string): Promise<string | null> {
    const file = join(this.cacheDir, key.slice(0, 2), `${key}.jpg`)
    const cached = await readFile(file).catch(() => null)
    if (cached) return toDataUrl(cached)
    const bytes = await this.limited(() => makeThumbnail(path))
    if (!bytes) return null
    // Written aside and renamed: a crash mid-write never leaves a torn JPEG under the real name.
    await mkdir(join(this.cacheDir, key.slice(0, 2)), { recursive: true })
    const tmp = `${file}.${process.pid}.tmp`
    await writeFile(tmp, bytes)
    await rename(tmp, file)
    return toDataUrl(bytes)
  }

  /**
   * Runs `run` when a decode slot is free. Waiting decodes start newest first: the window asks only for the rows
   * on screen (src/renderer/src/features/queue/use-thumbnail.ts), so the latest asks are the screen the user
   * looks at now, and rows scrolled past must not keep it waiting (issue 16: first thumbnails < 300 ms).
   */
  private async limited<T>(run: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) await new Promise<void>((r) => this.waiting.push(r))
    this.running++
    try {
      return await run()
    } finally {
      this.running--
      this.waiting.pop()?.()
    }
  }
}

const toDataUrl = (jpeg: Buffer) => `data:image/jpeg;base64,${jpeg.toString('base64')}`

/** The thumbnail's JPEG bytes; null when the file is not an image a decoder here reads. */
async function makeThumbnail(path: string): Promise<Buffer | null> {
  try {
    const type = await sniffFile(path)
    if (type?.kind !== 'image') return null
    let input: ImageInput = { path }
    if (type.mime === 'image/heic') input = { raw: await decodeHeicStill(await readFile(path)) }
    else if (type.mime === 'image/bmp') input = { raw: decodeBmp(await readFile(path)) }
    return await thumbnailJpeg(input, THUMBNAIL_SIDE)
  } catch {
    return null
  }
}
