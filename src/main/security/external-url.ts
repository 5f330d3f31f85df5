/**
 * Which links may leave the app for the system browser. Only https pages of Pinterest itself (Pins,
 * boards, the developer site, help): a compromised renderer must not be able to open arbitrary URLs
 * or `file:`/custom-scheme handlers through us.
 */
const ALLOWED_HOSTS = [
  /^(www\.)?pinterest\.com$/,
  /^[a-z]{2}\.pinterest\.com$/,
  /^developers\.pinterest\.com$/,
  /^help\.pinterest\.com$/,
]

export function isSafeExternalUrl(raw: string): boolean {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return false
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.port) return false
  return ALLOWED_HOSTS.some((re) => re.test(url.hostname))
}

/**
 * The renderer may only ever show our own page: the built file in production, the dev server in
 * development. Anything else is a navigation to refuse.
 */
export function isAppUrl(raw: string, appOrigin: string): boolean {
  try {
    const url = new URL(raw)
    const app = new URL(appOrigin)
    // The window is never served from file:// (src/main/security/app-scheme.ts): no local file is ever the app.
    if (url.protocol === 'file:' || app.protocol === 'file:') return false
    // Compared part by part: a custom scheme's `origin` is the string "null", the same for every such URL.
    return url.protocol === app.protocol && url.host === app.host
  } catch {
    return false
  }
}
