import { realpathSync, statSync } from 'node:fs'
import { extname, join, resolve, sep } from 'node:path'

/**
 * The window is served from `app://pinload/`, never `file://`: under `file://` the CSP's `'self'` matches every
 * file on the disk, and one `<script src>` could run any of them. This module decides what a request of that
 * scheme may read; src/main/shell/app-protocol.ts answers it.
 */
export const APP_SCHEME = 'app'
const APP_HOST = 'pinload'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
/** The page the window loads. */
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
}

export type AppSchemeAnswer =
  { ok: true; file: string; mime: string } | { ok: false; status: 400 | 403 | 404 }

/** The MIME type a file of the renderer is served with (unknown types are refused, not sniffed). */
function mimeFor(file: string): string | undefined {
  return MIME[extname(file).toLowerCase()]
}

/**
 * Maps an `app://pinload/<path>` request to a file inside `root` (the built renderer folder), or refuses it:
 * another host, `..` or encoded separators, a symbolic link that leads out of the folder, anything but a regular
 * file, an unknown type.
 */
export function resolveAppRequest(rawUrl: string, root: string): AppSchemeAnswer {
  let url: URL
  try {
    url = new URL(rawUrl)
  } catch {
    return { ok: false, status: 400 }
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { ok: false, status: 403 }
  let path: string
  try {
    path = decodeURIComponent(url.pathname)
  } catch {
    return { ok: false, status: 400 }
  }
  // A standard scheme has "/a/../b" folded before it gets here; whatever ".." is left (or was encoded) is an escape.
  if (path.includes('\0') || path.includes('\\') || path.split('/').some((s) => s === '..'))
    return { ok: false, status: 403 }
  if (path === '/' || path === '') path = '/index.html'
  let realRoot: string
  let real: string
  try {
    realRoot = realpathSync(root)
    real = realpathSync(resolve(join(realRoot, path)))
  } catch {
    return { ok: false, status: 404 }
  }
  if (real !== realRoot && !real.startsWith(realRoot + sep)) return { ok: false, status: 403 }
  try {
    if (!statSync(real).isFile()) return { ok: false, status: 404 }
  } catch {
    return { ok: false, status: 404 }
  }
  const mime = mimeFor(real)
  if (!mime) return { ok: false, status: 403 }
  return { ok: true, file: real, mime }
}
