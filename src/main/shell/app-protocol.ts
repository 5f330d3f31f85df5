import { readFile } from 'node:fs/promises'
import { protocol } from 'electron'
import { APP_SCHEME, resolveAppRequest } from '../security/app-scheme'
import { RENDERER_CSP } from '../security/web-preferences'

/**
 * Gives `app:` the web's rules (an origin for the CSP's 'self', fetch, a secure context). Electron accepts this
 * only before the app is ready.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ])
}

/** Answers `app://pinload/…` from the built renderer folder, and nothing outside it (see app-scheme.ts). */
export function handleAppScheme(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
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
