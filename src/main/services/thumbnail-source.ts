import type { Database } from '../db/connection'
import { listItemMedia } from '../db/item-media'
import type { ItemRow } from '../db/item-rows'
import { isPinterestVideo, sniffFile } from '../media/media-sniff'
import { Thumbnails } from '../media/thumbnails'

/**
 * The file a queue row's thumbnail may be read from: only an item that passed pre-flight (issue 11, finding 2:
 * "Thumbnails only for items that passed pre-flight"). Validation writes the content type it found
 * (src/main/pipeline/validate-item.ts); an item never validated has none, and one that failed the check
 * (kinds `validation`, `file`) is not shown either, so queueing a file never lets the window read it.
 * A draft is never validated (it waits for the user's review), so its file's first bytes are sniffed here
 * instead, as pre-flight would: only an image's path is given (the thumbnailer decodes nothing else).
 */
export async function thumbnailSource(
  row: Pick<ItemRow, 'source_path' | 'content_type' | 'state' | 'error_kind'> | undefined,
): Promise<string | undefined> {
  if (!row?.source_path) return undefined
  if (row.content_type === null) {
    if (row.state !== 'draft') return undefined
    const type = await sniffFile(row.source_path).catch(() => null)
    return type?.kind === 'image' ? row.source_path : undefined
  }
  if (row.state === 'failed' && (row.error_kind === 'validation' || row.error_kind === 'file'))
    return undefined
  return row.source_path
}

/**
 * A carousel item's thumbnail is its first image's, under the same rule: only once its pre-flight passed
 * (src/main/pipeline/carousel-item.ts writes the hash of its images then; it records no content type).
 */
async function carouselSource(row: ItemRow, db: Database): Promise<string | undefined> {
  const first = listItemMedia(db, row.id)[0]?.path
  // A draft carousel was never checked: its first file is sniffed, as for a single-image draft.
  if (row.content_hash === null)
    return row.state === 'draft' && first
      ? thumbnailSource({ ...row, source_path: first, content_type: null })
      : undefined
  if (row.state === 'failed' && (row.error_kind === 'validation' || row.error_kind === 'file'))
    return undefined
  return first
}

/**
 * `uploads:thumbnail`: the thumbnail of an item that passed pre-flight, as a data: URL, from the disk cache in
 * `cacheDir` (src/main/media/thumbnails.ts); null for any other item.
 */
export function thumbnailService(
  items: { get(id: number): ItemRow | undefined; readonly database: Database },
  cacheDir: string,
): (itemId: number) => Promise<string | null> {
  const thumbnails = new Thumbnails(cacheDir)
  return (itemId) => {
    const row = items.get(itemId)
    const carousel = row?.kind === 'carousel'
    // The file is known before any await, so the ask takes its place in the decode order at once; whether it
    // may be read (a draft's bytes are sniffed first) is decided after.
    const candidate = carousel
      ? listItemMedia(items.database, row.id)[0]?.path
      : (row?.source_path ?? undefined)
    return thumbnails.dataUrl(
      candidate,
      async () =>
        (carousel ? await carouselSource(row, items.database) : await thumbnailSource(row)) === candidate,
    )
  }
}

/**
 * The video the window may play for an item (`app://pinload/media/<id>`: its poster frame and the cover-frame
 * picker): a video item's own file, as long as its bytes are still a video Pinterest takes (checked at each
 * request, as pre-flight would: drafts have not been through it yet) and it did not fail pre-flight.
 */
export async function videoSource(
  row: Pick<ItemRow, 'source_path' | 'state' | 'error_kind' | 'kind'> | undefined,
): Promise<{ path: string; mime: string } | undefined> {
  // Kind is known only after pre-flight: before it, the bytes decide (sniffed below).
  if (!row?.source_path || (row.kind !== null && row.kind !== 'video')) return undefined
  if (row.state === 'failed' && (row.error_kind === 'validation' || row.error_kind === 'file'))
    return undefined
  const type = await sniffFile(row.source_path).catch(() => null)
  return type && isPinterestVideo(type) ? { path: row.source_path, mime: type.mime } : undefined
}
