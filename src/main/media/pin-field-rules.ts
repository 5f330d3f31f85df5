import { PIN_LIMITS } from '../../shared/limits'

/**
 * Pinterest's rules for a Pin's text: one implementation for the sources (CSV rows, sidecars, scan) and the
 * pipeline's pre-flight, so a row accepted at import is never refused at publish for the same field.
 */

/** Text fields of a Pin as sources collect them, before they become `PinMeta`. */
export interface PinText {
  title?: string
  description?: string
  link?: string
  altText?: string
}

/** One broken rule: `message` names the field and the limit, `fix` says what to do. */
export interface PinFieldProblem {
  field: keyof PinText
  message: string
  fix: string
}

/** Long values are cut in messages so a 2,000-character link does not fill the screen. */
const MAX_QUOTED = 80
const quote = (s: string) => `'${s.length > MAX_QUOTED ? `${s.slice(0, MAX_QUOTED)}…` : s}'`

const URL_FIX = 'Use a full address starting with https:// (or leave it empty).'

/** Checks that a string is an http(s) web address Pinterest will accept; returns the problem or null. */
export function checkWebUrl(value: string, what: string): string | null {
  if (value.length > PIN_LIMITS.link)
    return `${what} is ${value.length} characters; Pinterest allows at most ${PIN_LIMITS.link}`
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return `${what} ${quote(value)} is not a web address (it must start with http:// or https://)`
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `${what} ${quote(value)} uses ${url.protocol}; only http:// and https:// addresses are allowed`
  }
  if (!url.hostname.includes('.') && url.hostname !== 'localhost' && !url.hostname.startsWith('[')) {
    return `${what} ${quote(value)} has no valid host name`
  }
  // The URL parser quietly encodes spaces in a path; Pinterest refuses them, so the user should see it here.
  if (/\s/.test(value)) return `${what} ${quote(value)} contains spaces; write them as %20`
  return null
}

const LENGTH_RULES = [
  ['title', 'Title', PIN_LIMITS.title],
  ['description', 'Description', PIN_LIMITS.description],
  ['altText', 'Alt text', PIN_LIMITS.altText],
] as const

/**
 * Problems with a Pin's text against Pinterest's limits (lengths in UTF-16 units, as the API counts) and a
 * valid http(s) link. Nothing is truncated: a long title is the user's to shorten. An empty link is no link.
 */
export function pinFieldProblems(t: PinText): PinFieldProblem[] {
  const problems: PinFieldProblem[] = []
  for (const [field, label, max] of LENGTH_RULES) {
    const value = t[field]
    if (value !== undefined && value.length > max) {
      problems.push({
        field,
        message: `${label} is ${value.length} characters; Pinterest allows at most ${max}`,
        fix: `Shorten the ${label.toLowerCase()} to ${max} characters.`,
      })
    }
  }
  if (t.link !== undefined && t.link !== '') {
    const message = checkWebUrl(t.link, 'Link')
    if (message) {
      const fix =
        t.link.length > PIN_LIMITS.link ? `Shorten the link to ${PIN_LIMITS.link} characters.` : URL_FIX
      problems.push({ field: 'link', message, fix })
    }
  }
  return problems
}

/** The messages of `pinFieldProblems`, for sources that report a list of sentences. */
export function checkPinText(t: PinText): string[] {
  return pinFieldProblems(t).map((p) => p.message)
}
