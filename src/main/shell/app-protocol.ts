import { readFile } from 'node:fs/promises'
import { protocol } from 'electron'
import { APP_SCHEME, resolveAppRequest } from '../security/app-scheme'
import { mediaItemId, mediaResponse } from '../security/media-range'
import { RENDERER_CSP } from '../security/web-preferences'

/**
 * Gives `app:` the web's rules (an origin for the CSP's 'self', fetch, a secure context). Electron accepts this
 * only before the app is ready.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // `stream`: a <video> reads the queued files it plays by ranges (app://pinload/media/<id>).
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true, stream: true },
    },
  ])
}

/** A queued video the window may play: its file and type (src/main/services/thumbnail-source.ts). */
export type MediaFileOf = (itemId: number) => Promise<{ path: string; mime: string } | undefined>

/**
 * Answers `app://pinload/…` from the built renderer folder, and nothing outside it (see app-scheme.ts); and
 * `app://pinload/media/<itemId>` with the bytes of that item's video, by ranges (security/media-range.ts).
 */
export function handleAppScheme(
  rendererRoot: string,
  mediaFileOf: MediaFileOf = () => Promise.resolve(undefined),
): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const mediaId = mediaItemId(request.url)
    if (mediaId !== null) return mediaResponse(await mediaFileOf(mediaId), request.headers.get('range'))
    const answer = resolveAppRequest(request.url, rendererRoot)
    if (!answer.ok) return new Response(null, { status: answer.status })
    const body = await readFile(answer.file)
    return new Response(body, {
      headers: {
        'content-type': answer.mime,
        'content-security-policy': RENDERER_CSP,
        'x-content-type-options': 'nosniff',
      },
    })
  })
}
