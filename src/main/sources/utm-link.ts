/**
 * UTM parameters for a Pin's link (issue 13): `utm_source=pinterest`, `utm_medium=social`,
 * `utm_campaign=<campaign>`, `utm_content=<file name>`. Done on the text, not through `URL`, which would
 * rewrite the rest of the user's link (case of the host, percent-encoding, a trailing slash): the link's own
 * query parameters stay as written and in order, and its `#fragment` stays last, where a browser keeps it.
 */

const UTM_KEYS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_content'] as const

/** Why `campaign` cannot be used, or null. */
export function checkUtmCampaign(campaign: string): string | null {
  if (campaign.trim() === '') return 'The UTM campaign is empty; give a name such as spring-sale'
  return null
}

/** The key of one `a=b` query part, decoded (`utm%5Fsource` is `utm_source` too). */
function partKey(part: string): string {
  const raw = part.split('=')[0] ?? ''
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '))
  } catch {
    return raw
  }
}

/**
 * `link` with the four UTM parameters added. Parameters of the same four names already in the link are
 * replaced (the campaign asked for wins, and none appears twice); every other parameter is kept as written.
 */
export function withUtm(link: string, campaign: string, fileName: string): string {
  const hashAt = link.indexOf('#')
  const beforeHash = hashAt < 0 ? link : link.slice(0, hashAt)
  const fragment = hashAt < 0 ? '' : link.slice(hashAt)
  const queryAt = beforeHash.indexOf('?')
  const base = queryAt < 0 ? beforeHash : beforeHash.slice(0, queryAt)
  const query = queryAt < 0 ? '' : beforeHash.slice(queryAt + 1)
  const kept = query
    .split('&')
    .filter((p) => p !== '' && !(UTM_KEYS as readonly string[]).includes(partKey(p)))
  const values = ['pinterest', 'social', campaign.trim(), fileName]
  const utm = UTM_KEYS.map((k, i) => `${k}=${encodeURIComponent(values[i] ?? '')}`)
  return `${base}?${[...kept, ...utm].join('&')}${fragment}`
}
