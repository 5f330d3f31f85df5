/**
 * The browser `pinload login` opens gets a cleaned environment (issue 11, item 9): no `PINLOAD_*` variable,
 * the access token first among them, reaches it.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { browserEnvironment, openSystemBrowser } from '../../src/main/auth/browser-env'

const TOKEN = 'pina_secret_token_for_the_env_test'

describe('browserEnvironment', () => {
  it('drops every PINLOAD_ variable, in any case, and keeps the rest', () => {
    expect(
      browserEnvironment({
        PATH: '/usr/bin',
        HOME: '/home/me',
        DISPLAY: ':0',
        PINLOAD_ACCESS_TOKEN: TOKEN,
        PINLOAD_API_BASE: 'http://127.0.0.1:1/v5',
        Pinload_Data_Dir: '/data',
        NOT_PINLOAD_X: 'kept',
        EMPTY: undefined,
      }),
    ).toEqual({ PATH: '/usr/bin', HOME: '/home/me', DISPLAY: ':0', NOT_PINLOAD_X: 'kept' })
  })
})

describe.skipIf(process.platform === 'win32' || process.platform === 'darwin')(
  'openSystemBrowser (xdg-open here; skipped on Windows and macOS, whose openers are not on PATH)',
  () => {
    let bin: string
    beforeEach(() => {
      bin = mkdtempSync(join(tmpdir(), 'pinload-opener-'))
    })
    afterEach(() => {
      rmSync(bin, { recursive: true, force: true })
    })

    it('starts the opener with the URL and without the PINLOAD_ variables', async () => {
      const dump = join(bin, 'seen.txt')
      // A stand-in xdg-open that writes what it was given, then marks that it is done.
      writeFileSync(
        join(bin, 'xdg-open'),
        `#!/bin/sh\n{ echo "url=$1"; env; } > "${dump}.part" && mv "${dump}.part" "${dump}"\n`,
      )
      chmodSync(join(bin, 'xdg-open'), 0o755)
      const env = {
        ...process.env,
        PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`,
        PINLOAD_ACCESS_TOKEN: TOKEN,
        PINLOAD_ENVIRONMENT: 'sandbox',
      }
      openSystemBrowser('https://www.pinterest.com/oauth/?client_id=1&state=s', env, 'linux')
      await expect.poll(() => existsSync(dump), { timeout: 10_000 }).toBe(true)
      const seen = readFileSync(dump, 'utf8')
      expect(seen).toContain('url=https://www.pinterest.com/oauth/?client_id=1&state=s')
      expect(seen).toContain(`PATH=${bin}`)
      expect(seen).not.toContain(TOKEN)
      expect(seen).not.toMatch(/^PINLOAD_/m)
    })

    it('does not throw when there is no opener', () => {
      expect(() => openSystemBrowser('https://example.com/', { PATH: bin }, 'linux')).not.toThrow()
    })
  },
)
