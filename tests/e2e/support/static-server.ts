/**
 * Serves the built renderer (out/renderer) on 127.0.0.1 for Playwright. It adds no CSP header and no
 * relaxation of any kind: the page's own meta CSP is what the tests exercise.
 * Usage: `tsx tests/e2e/support/static-server.ts [port]` (default PINLOAD_E2E_PORT or 4179).
 */
import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { extname, join, normalize, resolve, sep } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
}

/** Default folder of the built renderer. */
export const RENDERER_DIR = resolve(import.meta.dirname, '../../../out/renderer')

/** Starts the server; resolves once it listens. */
export function serveRenderer(port: number, dir = RENDERER_DIR): Promise<Server> {
  if (!existsSync(join(dir, 'index.html'))) {
    throw new Error(`${dir}/index.html is missing: build the renderer first (npx electron-vite build).`)
  }
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const rel = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '')
    const file = resolve(dir, rel === '' ? 'index.html' : rel)
    if (file !== dir && !file.startsWith(dir + sep)) {
      res.writeHead(403).end()
      return
    }
    if (!existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
      return
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    })
    createReadStream(file).pipe(res)
  })
  return new Promise((ok, fail) => {
    server.once('error', fail)
    server.listen(port, '127.0.0.1', () => ok(server))
  })
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const port = Number(process.argv[2] ?? process.env.PINLOAD_E2E_PORT ?? 4179)
  serveRenderer(port).then(
    () => console.log(`renderer on http://127.0.0.1:${port}/`),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : e)
      process.exit(1)
    },
  )
}
