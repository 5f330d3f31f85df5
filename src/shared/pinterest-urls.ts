/** Pinterest's addresses: the API of each environment, the sign-in page, and the web page of a Pin. */

/** API v5 base of each environment; PINLOAD_API_BASE overrides it (README.md). */
export const API_BASES = {
  production: 'https://api.pinterest.com/v5',
  sandbox: 'https://api-sandbox.pinterest.com/v5',
} as const

/** The page where the user approves the app (PINLOAD_OAUTH_BASE overrides it). */
export const OAUTH_AUTHORIZE_URL = 'https://www.pinterest.com/oauth/'

/** Web address of a Pin, for links shown to the user. */
export function pinWebUrl(pinId: string): string {
  return `https://www.pinterest.com/pin/${encodeURIComponent(pinId)}/`
}
