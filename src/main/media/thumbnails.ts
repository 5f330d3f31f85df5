import { open } from 'node:fs/promises'
import { sniffBytes } from './media-sniff'

/** Larger files are not sent whole to the window as thumbnails: the row shows its kind instead. */
const THUMBNAIL_MAX_BYTES = 2 * 1024 * 1024

/**
 * A data: URL of a small local JPEG/PNG for the queue row (the renderer's CSP allows data: images and
 * nothing from the file system). Null for videos, URLs, big or missing files.
 */
export async function thumbnailDataUrl(path: string | undefined): Promise<string | null> {
  if (!path) return null
  let fh
  try {
    fh = await open(path, 'r')
    const { size } = await fh.stat()
    if (size === 0 || size > THUMBNAIL_MAX_BYTES) return null
    const buf = Buffer.alloc(size)
    await fh.read(buf, 0, size, 0)
    const type = sniffBytes(buf.subarray(0, 64))
    if (type.mime !== 'image/jpeg' && type.mime !== 'image/png') return null
    return `data:${type.mime};base64,${buf.toString('base64')}`
  } catch {
    return null
  } finally {
    await fh?.close()
  }
}
