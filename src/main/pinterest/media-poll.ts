import type { MediaStatus } from '../../shared/domain'
import type { PinterestApi, RequestOptions } from './api-types'
import { ApiError } from './api-error'
import { abortableSleep, cancelled } from './rate-governor'

export interface WaitForMediaOptions {
  /** Give up after this long, in ms (default 15 min: long videos take a while). */
  timeoutMs?: number
  signal?: AbortSignal
  /** Waits between polls in ms; the last one repeats (default 1 s → 2 → 4 → 8 → 10 s, as Pinterest's quickstart). */
  delaysMs?: readonly number[]
  /** Called with every status seen, for the UI. */
  onStatus?: (status: MediaStatus) => void
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  now?: () => number
}

const MEDIA_POLL_DELAYS_MS: readonly number[] = [1000, 2000, 4000, 8000, 10_000]

/**
 * Polls a registered video until Pinterest has processed it. Returns on `succeeded`; throws
 * ApiError('media_failed') on `failed`, ApiError('transient') when `timeoutMs` passes first, and
 * ApiError('cancelled') when the signal aborts.
 */
export async function waitForMedia(
  api: Pick<PinterestApi, 'getMediaStatus'>,
  mediaId: string,
  opts: WaitForMediaOptions = {},
): Promise<void> {
  const delays = opts.delaysMs?.length ? opts.delaysMs : MEDIA_POLL_DELAYS_MS
  const sleep = opts.sleep ?? abortableSleep
  const now = opts.now ?? Date.now
  const deadline = now() + (opts.timeoutMs ?? 15 * 60_000)
  const req: RequestOptions = opts.signal ? { signal: opts.signal } : {}
  for (let i = 0; ; i++) {
    if (opts.signal?.aborted) throw cancelled()
    const status = await api.getMediaStatus(mediaId, req)
    opts.onStatus?.(status)
    if (status === 'succeeded') return
    if (status === 'failed') {
      throw new ApiError('media_failed', `Pinterest could not process the video (media ${mediaId}).`, {
        fix: 'Check the video plays, is H.264/H.265 MP4 or MOV, 4 s–15 min long, then upload it again.',
      })
    }
    const left = deadline - now()
    if (left <= 0) {
      throw new ApiError(
        'transient',
        `Pinterest is still processing the video after ${Math.round((opts.timeoutMs ?? 900_000) / 1000)} s (media ${mediaId}).`,
        {
          fix: 'Pinload checks again later; nothing needs to be sent again.',
        },
      )
    }
    await sleep(Math.min(delays[Math.min(i, delays.length - 1)]!, left), opts.signal)
  }
}
