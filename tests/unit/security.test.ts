import { describe, expect, it } from 'vitest'
import { isAppUrl, isSafeExternalUrl } from '../../src/main/security/external-url'
import { hardenedWebPreferences, RENDERER_CSP } from '../../src/main/security/web-preferences'

describe('external links', () => {
  it.each([
    ['https://www.pinterest.com/pin/123/', true],
    ['https://pinterest.com/pin/123/', true],
    ['https://fr.pinterest.com/pin/123/', true],
    ['https://developers.pinterest.com/apps/', true],
    ['http://www.pinterest.com/pin/123/', false],
    ['https://www.pinterest.com.evil.example/pin/1', false],
    ['https://evil.example/?u=https://www.pinterest.com', false],
    ['https://user:pw@www.pinterest.com/', false],
    ['https://www.pinterest.com:8443/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['ms-settings:', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(isSafeExternalUrl(url)).toBe(expected)
  })
})

describe('app navigation', () => {
  it('accepts only the app page itself', () => {
    // No file:// page is ever the app, not even the built renderer's own file.
    expect(
      isAppUrl('file:///opt/pinload/out/renderer/index.html#x', 'file:///opt/pinload/out/renderer/'),
    ).toBe(false)
    expect(isAppUrl('file:///etc/passwd', 'file:///opt/pinload/out/renderer/')).toBe(false)
    expect(isAppUrl('http://localhost:5173/foo', 'http://localhost:5173/')).toBe(true)
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false)
    expect(isAppUrl('https://www.pinterest.com/', 'http://localhost:5173/')).toBe(false)
  })

  it('accepts only the app:// origin of the window, not any custom scheme', () => {
    expect(isAppUrl('app://pinload/index.html', 'app://pinload')).toBe(true)
    expect(isAppUrl('app://pinload/assets/x.js?y#z', 'app://pinload')).toBe(true)
    expect(isAppUrl('app://evil/index.html', 'app://pinload')).toBe(false)
    expect(isAppUrl('evil://pinload/index.html', 'app://pinload')).toBe(false)
    expect(isAppUrl('file:///etc/passwd', 'app://pinload')).toBe(false)
  })
})

describe('window hardening', () => {
  it('isolates and sandboxes the renderer', () => {
    expect(hardenedWebPreferences('/p.cjs')).toMatchObject({
      preload: '/p.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
    })
  })
  it("starts the CSP from default-src 'none' and allows no inline or remote code", () => {
    expect(RENDERER_CSP).toMatch(/^default-src 'none'/)
    expect(RENDERER_CSP).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/)
  })
})

describe('the page itself', () => {
  it('carries the same CSP as main sets (frame-ancestors only works as a header)', async () => {
    const { readFileSync } = await import('node:fs')
    const html = readFileSync(new URL('../../src/renderer/index.html', import.meta.url), 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)?.[1]
    expect(meta).toBe(RENDERER_CSP.replace("; frame-ancestors 'none'", ''))
  })
})
