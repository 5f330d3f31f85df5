import { useEffect, useState } from 'react'
import type { ItemView } from '../../../../shared/domain'
import { ThumbnailCache } from '../queue/thumbnail-cache'
import { grabFrame, mediaUrl } from './video-frame'

/** Posters kept: each a few KB, least recently used out (as thumbnails). */
const cache = new ThumbnailCache(200)
/** Videos decoded at once for posters: each holds a decoder while it seeks. */
const AT_ONCE = 2
let running = 0
const waiting: (() => void)[] = []
/** Rows scrolled past in a moment are not decoded, ms. */
const SETTLE_MS = 150

async function limited<T>(run: () => Promise<T>): Promise<T> {
  if (running >= AT_ONCE) await new Promise<void>((r) => waiting.push(r))
  running++
  try {
    return await run()
  } finally {
    running--
    waiting.shift()?.()
  }
}

/**
 * A local video, or a local file not through pre-flight yet (no kind) named like one: main serves only files whose
 * bytes are a video, so a misnamed file just gets no poster.
 */
export function isLocalVideo(item: ItemView): boolean {
  if (item.path === undefined) return false
  return item.kind === 'video' || (item.kind === undefined && /\.(mp4|mov|m4v)$/i.test(item.path))
}

/** The cover time each kept poster shows: a poster of another frame is made again. */
const shownAt = new Map<number, number | undefined>()

function kept(item: ItemView): { url: string | null } | undefined {
  const e = cache.get(item.id, item.updatedAt)
  return e && (e.url === null || shownAt.get(item.id) === item.coverKeyFrameS) ? e : undefined
}

/**
 * A video item's poster frame (a data: URL), grabbed in the window from the item's own file once it passed
 * pre-flight (main serves no other); null for other items, and until it is ready. "None" is asked again when the
 * item changes (as thumbnails), a poster when its cover time does.
 */
export function usePoster(item: ItemView): string | null {
  const enabled = isLocalVideo(item)
  const { id, updatedAt, coverKeyFrameS } = item
  const [, setLoaded] = useState(0)
  const missing = enabled && !kept(item)
  useEffect(() => {
    if (!missing) return
    let live = true
    const timer = setTimeout(() => {
      // The chosen cover's frame, else one second in: a first frame is often black.
      void limited(() => grabFrame(mediaUrl(id), coverKeyFrameS ?? 1)).then((url) => {
        cache.put(id, url, updatedAt)
        shownAt.set(id, coverKeyFrameS)
        if (live) setLoaded((n) => n + 1)
      })
    }, SETTLE_MS)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [missing, id, updatedAt, coverKeyFrameS])
  // While a new cover's frame is grabbed, the old poster stays rather than a blank.
  return enabled ? (kept(item)?.url ?? cache.get(id, updatedAt)?.url ?? null) : null
}
