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
 */
export function thumbnailSource(
  row: Pick<ItemRow, 'source_path' | 'content_type' | 'state' | 'error_kind'> | undefined,
): string | undefined {
  if (!row?.source_path || row.content_type === null) return undefined
  if (row.state === 'failed' && (row.error_kind === 'validation' || row.error_kind === 'file'))
    return undefined
  return row.source_path
}

/**
 * A carousel item's thumbnail is its first image's, under the same rule: only once its pre-flight passed
 * (src/main/pipeline/carousel-item.ts writes the hash of its images then; it records no content type).
 */
function carouselSource(row: ItemRow, db: Database): string | undefined {
  if (row.content_hash === null) return undefined
  if (row.state === 'failed' && (row.error_kind === 'validation' || row.error_kind === 'file'))
    return undefined
  return listItemMedia(db, row.id)[0]?.path
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
    return thumbnails.dataUrl(
      row?.kind === 'carousel' ? carouselSource(row, items.database) : thumbnailSource(row),
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
