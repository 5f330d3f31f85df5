import { createHash } from 'node:crypto'
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { decodeBmp } from './bmp-decode'
import { DecodeOrder } from './decode-order'
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
  private readonly pending = new Map<string, Promise<string | null>>()

  /**
   * @param cacheDir folder of the cached JPEGs (created on first use)
   * @param concurrency thumbnails decoded at once; each also uses sharp's own threads (image-codec.ts)
   * @param order which waiting decode starts next (decode-order.ts), keyed by the file's path
   * @param make the decode itself (a test holds the slot busy with its own)
   */
  constructor(
    private readonly cacheDir: string,
    private readonly concurrency = 2,
    private readonly order = new DecodeOrder<string>(),
    private readonly make: (path: string) => Promise<Buffer | null> = makeThumbnail,
  ) {}

  /**
   * A data: URL of the image's thumbnail; null for videos, missing files and files no decoder reads.
   * `allowed`, when given, decides (after the ask took its place) whether this file may be read at all.
   */
  async dataUrl(path: string | undefined, allowed?: () => Promise<boolean>): Promise<string | null> {
    if (!path) return null
    // The ask's place is taken now, before any await, so asks keep the order the window made them in.
    this.order.ask(path)
    if (allowed && !(await allowed().catch(() => false))) return this.forget(path)
    let key: string
    try {
      const st = await stat(path)
      if (!st.isFile() || st.size === 0) return this.forget(path)
      key = createHash('sha1').update(`${path}\0${st.size}\0${st.mtimeMs}`).digest('hex')
    } catch {
      return this.forget(path)
    }
    let p = this.pending.get(key)
    if (!p) {
      p = this.load(path, key).finally(() => {
        this.pending.delete(key)
        this.order.done(path)
      })
      this.pending.set(key, p)
    }
    return p
  }

  private forget(path: string): null {
    this.order.done(path)
    return null
  }

  private async load(path: string, key: string): Promise<string | null> {
    const file = join(this.cacheDir, key.slice(0, 2), `${key}.jpg`)
    const cached = await readFile(file).catch(() => null)
    if (cached) return toDataUrl(cached)
    const bytes = await this.limited(path, () => this.make(path))
    if (!bytes) return null
    // Written aside and renamed: a crash mid-write never leaves a torn JPEG under the real name. A cache that
    // cannot be written (a full disk) costs a decode next time, never the thumbnail made now.
    const tmp = `${file}.${process.pid}.tmp`
    try {
      await mkdir(join(this.cacheDir, key.slice(0, 2)), { recursive: true })
      await writeFile(tmp, bytes)
      await rename(tmp, file)
    } catch {
      await rm(tmp, { force: true }).catch(() => {})
    }
    return toDataUrl(bytes)
  }

  /**
   * Runs `run` when a decode slot is free; waiting decodes start in decode-order.ts's order (the newest screen
   * first, top down), so rows scrolled past never keep the screen in view waiting (issue 16: first thumbnails
   * < 300 ms).
   */
  private async limited<T>(path: string, run: () => Promise<T>): Promise<T> {
    // A finished decode hands its slot straight to the next waiting one (`running` unchanged), so an ask
    // arriving before the waiter resumes cannot take the same slot too.
    if (this.running >= this.concurrency) await new Promise<void>((r) => this.order.wait(path, r))
    else this.running++
    try {
      return await run()
    } finally {
      if (!this.order.next()) this.running--
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
    else if (type.mime === 'image/bmp') input = { raw: await decodeBmp(await readFile(path)) }
    return await thumbnailJpeg(input, THUMBNAIL_SIDE)
  } catch {
    return null
  }
}
