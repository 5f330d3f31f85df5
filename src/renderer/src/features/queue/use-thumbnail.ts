import { useEffect, useState } from 'react'
import type { ItemView } from '../../../../shared/domain'
import { invoke } from '../../ipc/client'
import { usePoster } from '../media/use-poster'
import { ThumbnailCache } from './thumbnail-cache'

/** About 400 rows' worth (a few screens of scrolling back), at 5–15 KB each: a few MB whatever the queue holds. */
const cache = new ThumbnailCache(400)
const inFlight = new Map<string, Promise<void>>()

/** Fast scrolling passes rows that are gone in a moment: ask main only for rows that stay this long (ms). */
const SETTLE_MS = 120

/**
 * When anything in the window last scrolled. Rows mounted by a scroll wait `SETTLE_MS`; rows mounted without one
 * (opening the queue or the review screen) ask at once, so the first thumbnails are not held back (issue 16).
 */
let lastScroll = -Infinity
if (typeof document !== 'undefined')
  document.addEventListener('scroll', () => (lastScroll = performance.now()), {
    capture: true,
    passive: true,
  })

function load(itemId: number, version: number | undefined, file: string | undefined): Promise<void> {
  const key = `${itemId}:${version ?? ''}:${file ?? ''}`
  let p = inFlight.get(key)
  // Asked again while main still works on it (the row was scrolled away and back): main is told again, which
  // moves the decode to the screen in view (src/main/media/decode-order.ts), and the row that asked again
  // waits for that answer.
  if (p)
    return invoke('uploads:thumbnail', { itemId })
      .catch(() => null)
      .then((url) => {
        if (url) cache.put(itemId, url, version, file)
      })
  p = invoke('uploads:thumbnail', { itemId })
    .catch(() => null)
    .then((url) => {
      cache.put(itemId, url, version, file)
      inFlight.delete(key)
    })
  inFlight.set(key, p)
  return p
}

/**
 * The row's thumbnail, loaded lazily. Only rows the virtualizer mounts call this, so only visible rows
 * cost a read in main. `enabled` is false for items that have no local image. `version` (the item's
 * `updatedAt`) makes a "none yet" answer expire when the item changes: main has a thumbnail only once the
 * item passed pre-flight. `file` (the file's stamp) makes a thumbnail expire when the file is replaced.
 */
function useThumbnail(itemId: number, enabled: boolean, version?: number, file?: string): string | null {
  const [, setLoaded] = useState(0)
  useEffect(() => {
    if (!enabled || cache.get(itemId, version, file)) return
    let live = true
    const scrolling = performance.now() - lastScroll < SETTLE_MS
    const timer = setTimeout(
      () => {
        void load(itemId, version, file).then(() => {
          if (live) setLoaded((n) => n + 1)
        })
      },
      scrolling ? SETTLE_MS : 0,
    )
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [itemId, enabled, version, file])
  return enabled ? (cache.get(itemId, version, file)?.url ?? null) : null
}

/** An item's picture: a video's poster frame, else its image's thumbnail; null until one is there. */
export function useItemPicture(item: ItemView): string | null {
  const thumb = useThumbnail(
    item.id,
    item.kind !== 'video' && item.path !== undefined,
    item.updatedAt,
    item.fileStamp,
  )
  return usePoster(item) ?? thumb
}
