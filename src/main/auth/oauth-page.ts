import { createHash } from 'node:crypto'
import type { ServerResponse } from 'node:http'

/** The small pages the sign-in listener shows in the browser: no script, one hashed style, nothing loaded. */

const STYLE =
  'body{font:16px system-ui,sans-serif;margin:15vh auto;max-width:32rem;text-align:center;color:#222}'
const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64')
/** Nothing but one hashed style block may run or load on these pages. */
const CSP = `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`

export function page(res: ServerResponse, status: number, title: string, text: string): void {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></body></html>`
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    // The address bar holds the code: never pass it on as a Referer.
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    connection: 'close',
  })
  res.end(html)
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
