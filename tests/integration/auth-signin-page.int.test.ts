/**
 * The page the browser shows at the end of sign-in (issue 11, item 9): "connected" only after the token
 * exchange succeeded, what went wrong when it failed, and never a page left waiting for ever.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { authorizeInBrowser } from '../../src/main/auth/browser-sign-in'
import { scopesFor, startLoopbackListener, type LoopbackListener } from '../../src/main/auth/oauth-loopback'
import { AppError } from '../../src/shared/ipc/result'

/** What the browser (played here by fetch) ended up showing, and whether it had shown it yet. */
interface Browser {
  page: Promise<string>
  shown: () => boolean
}

/** Plays Pinterest and the browser: bounces to the redirect URI with a code and the state, then reads the page. */
function approve(url: string): Browser {
  const u = new URL(url)
  const redirect = new URL(u.searchParams.get('redirect_uri')!)
  let done = false
  const page = fetch(`http://127.0.0.1:${redirect.port}/?code=c0de&state=${u.searchParams.get('state')}`)
    .then((res) => res.text())
    .finally(() => (done = true))
  return { page, shown: () => done }
}

function signIn<T>(exchange: (code: string) => Promise<T>): {
  result: Promise<T>
  browser: Promise<Browser>
} {
  let opened!: (b: Browser) => void
  const browser = new Promise<Browser>((resolve) => (opened = resolve))
  const result = authorizeInBrowser(
    {
      clientId: 'app',
      port: 0,
      scope: scopesFor(false),
      oauthBase: 'http://127.0.0.1:1/oauth/',
      timeoutMs: 10_000,
      openExternal: (url) => opened(approve(url)),
    },
    (code) => exchange(code),
  )
  return { result, browser }
}

describe('the sign-in page waits for the token exchange', () => {
  it('says "connected" only once the exchange has succeeded', async () => {
    let release!: () => void
    let browserAtExchange: Browser | undefined
    const { result, browser } = signIn(async (code) => {
      browserAtExchange = await browser
      await new Promise<void>((resolve) => (release = resolve))
      return code
    })
    const b = await browser
    await expect.poll(() => browserAtExchange).toBe(b)
    // The code is being exchanged: the browser has no page yet.
    expect(b.shown()).toBe(false)
    release()
    await expect(result).resolves.toBe('c0de')
    expect(await b.page).toContain('Pinload is connected')
  })

  it('says the sign-in did not finish, and why, when the exchange fails', async () => {
    const { result, browser } = signIn(() =>
      Promise.reject(new AppError('auth', 'Pinterest did not accept the app secret.')),
    )
    await expect(result).rejects.toThrow('Pinterest did not accept the app secret.')
    const page = await (await browser).page
    expect(page).not.toContain('connected')
    expect(page).toContain('Sign-in did not finish')
    expect(page).toContain('Pinterest did not accept the app secret. Go back to Pinload and try again.')
  })

  it('shows nothing of an unexpected error', async () => {
    const { result, browser } = signIn(() => Promise.reject(new Error('socket hang up at 10.0.0.7')))
    await expect(result).rejects.toThrow('socket hang up')
    const page = await (await browser).page
    expect(page).toContain('Pinload could not finish the sign-in.')
    expect(page).not.toContain('10.0.0.7')
  })
})

describe('a page waiting for the exchange is always answered', () => {
  const open: LoopbackListener[] = []
  afterEach(() => {
    for (const l of open.splice(0)) l.close()
  })

  it('says to look in Pinload when no answer comes in time, never "connected"', async () => {
    const l = await startLoopbackListener({ port: 0, state: 's', replyTimeoutMs: 50 })
    open.push(l)
    const page = fetch(`http://127.0.0.1:${l.port}/?code=c&state=s`).then((r) => r.text())
    await expect(l.code).resolves.toBe('c')
    const text = await page
    expect(text).toContain('Go back to Pinload to see whether it is connected.')
    expect(text).not.toContain('Pinload is connected')
  })

  it('says the sign-in was cancelled when Pinload cancels during the exchange', async () => {
    const l = await startLoopbackListener({ port: 0, state: 's' })
    const page = fetch(`http://127.0.0.1:${l.port}/?code=c&state=s`).then((r) => r.text())
    await expect(l.code).resolves.toBe('c')
    l.close()
    expect(await page).toContain('The sign-in was cancelled in Pinload.')
  })
})
