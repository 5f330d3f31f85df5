import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { APP_INDEX_URL, resolveAppRequest } from '../../src/main/security/app-scheme'

let base: string
let root: string

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'pinload-scheme-'))
  root = join(base, 'renderer')
  mkdirSync(join(root, 'assets'), { recursive: true })
  writeFileSync(join(root, 'index.html'), '<!doctype html>')
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'export {}')
  writeFileSync(join(root, 'assets', 'app.css'), 'body{}')
  writeFileSync(join(root, 'assets', 'notes.exe'), 'MZ')
  writeFileSync(join(base, 'secret.txt'), 'outside')
  symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'link.txt'))
  symlinkSync('/etc', join(root, 'etc'))
})
afterAll(() => rmSync(base, { recursive: true, force: true }))

describe('app:// requests', () => {
  it('serves the page and its assets with their MIME types', () => {
    expect(resolveAppRequest(APP_INDEX_URL, root)).toEqual({
      ok: true,
      file: join(root, 'index.html'),
      mime: 'text/html; charset=utf-8',
    })
    expect(resolveAppRequest('app://pinload/', root)).toMatchObject({
      ok: true,
      file: join(root, 'index.html'),
    })
    expect(resolveAppRequest('app://pinload/assets/index-abc.js', root)).toMatchObject({
      ok: true,
      mime: 'text/javascript; charset=utf-8',
    })
    expect(resolveAppRequest('app://pinload/assets/app.css?v=1', root)).toMatchObject({
      ok: true,
      mime: 'text/css; charset=utf-8',
    })
  })

  it.each([
    ['app://pinload/../../etc/passwd', 403],
    ['app://pinload/%2e%2e/%2e%2e/etc/passwd', 403],
    ['app://pinload/assets/..%2f..%2f..%2fetc%2fpasswd', 403],
    ['app://pinload/assets/%5c..%5csecret.txt', 403],
    ['app://pinload/assets/link.txt', 403],
    ['app://pinload/etc/passwd', 403],
    ['app://pinload/assets', 404],
    ['app://pinload/assets/notes.exe', 403],
    ['app://pinload/missing.js', 404],
    ['app://evil/index.html', 403],
    ['file:///etc/passwd', 403],
    ['app://pinload/%E0%A4%A', 400],
  ])('refuses %s (%i)', (url, status) => {
    expect(resolveAppRequest(url, root)).toEqual({ ok: false, status })
  })
})
