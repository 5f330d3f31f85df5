import { useEffect, useState } from 'react'
import { invoke } from '../../ipc/client'

/** data: URLs (or null: no preview) by item id, kept for the window's life so scrolling back is free. */
const cache = new Map<number, string | null>()
const inFlight = new Map<number, Promise<string | null>>()

/** Fast scrolling passes rows that are gone in a moment: ask main only for rows that stay this long (ms). */
const SETTLE_MS = 120

function load(itemId: number): Promise<string | null> {
  let p = inFlight.get(itemId)
  if (!p) {
    p = invoke('uploads:thumbnail', { itemId })
      .catch(() => null)
      .then((url) => {
        cache.set(itemId, url)
        inFlight.delete(itemId)
        return url
      })
    inFlight.set(itemId, p)
  }
  return p
}

/**
 * The row's thumbnail, loaded lazily. Only rows the virtualizer mounts call this, so only visible rows
 * cost a read in main. `enabled` is false for items that have no local image.
 */
export function useThumbnail(itemId: number, enabled: boolean): string | null {
  const [url, setUrl] = useState<string | null>(() => cache.get(itemId) ?? null)
  useEffect(() => {
    if (!enabled || cache.has(itemId)) return
    let live = true
    const timer = setTimeout(() => {
      void load(itemId).then((u) => {
        if (live) setUrl(u)
      })
    }, SETTLE_MS)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [itemId, enabled])
  return enabled ? (cache.get(itemId) ?? url) : null
}
