/**
 * Video frames in the window (issue 16): a queued video is played from `/media/<id>` (in the app
 * `app://pinload/media/<id>`, answered by main with ranges of the item's own file, src/main/shell/app-protocol.ts)
 * in a <video> that is never shown, and the frame drawn to a canvas. No ffmpeg: Chromium decodes it.
 */

/** The address of an item's video, relative to the page (so it is the page's own origin, allowed by the CSP). */
export function mediaUrl(itemId: number): string {
  return `/media/${itemId}`
}

/** Longest side of a poster, px: the same as main's thumbnails. */
const POSTER_SIDE = 192
/** A video that has not shown a frame by then (a codec Chromium lacks, a stalled read) gets no poster, ms. */
const GIVE_UP_MS = 20_000

/**
 * A JPEG data: URL of the frame at `seconds` (clamped into the video), or null when the video cannot be played
 * here. The element is emptied afterwards so its decoder and buffers go at once.
 */
export function grabFrame(src: string, seconds: number): Promise<string | null> {
  return new Promise((resolve) => {
    const v = document.createElement('video')
    v.muted = true
    v.preload = 'auto'
    const finish = (url: string | null) => {
      clearTimeout(timer)
      v.removeAttribute('src')
      v.load()
      resolve(url)
    }
    const timer = setTimeout(() => finish(null), GIVE_UP_MS)
    v.addEventListener('error', () => finish(null), { once: true })
    v.addEventListener(
      'loadedmetadata',
      () => {
        v.currentTime = Math.max(0, Math.min(seconds, v.duration - 0.05))
      },
      { once: true },
    )
    v.addEventListener('seeked', () => finish(draw(v)), { once: true })
    v.src = src
  })
}

function draw(v: HTMLVideoElement): string | null {
  if (!v.videoWidth || !v.videoHeight) return null
  const scale = Math.min(1, POSTER_SIDE / Math.max(v.videoWidth, v.videoHeight))
  const canvas = document.createElement('canvas')
  canvas.width = Math.round(v.videoWidth * scale)
  canvas.height = Math.round(v.videoHeight * scale)
  const ctx = canvas.getContext('2d')
  if (!ctx) return null
  ctx.drawImage(v, 0, 0, canvas.width, canvas.height)
  return canvas.toDataURL('image/jpeg', 0.75)
}
