import { connect, createServer, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { authorizeInBrowser } from '../../src/main/auth/browser-sign-in'
import {
  OAuthFlowError,
  buildAuthorizeUrl,
  newState,
  redirectUriFor,
  resolveOAuthBase,
  scopesFor,
  startLoopbackListener,
  type LoopbackListener,
} from '../../src/main/auth/oauth-loopback'

const open: LoopbackListener[] = []
afterEach(() => {
  for (const l of open.splice(0)) l.close()
})

async function listen(
  opts: { state?: string; timeoutMs?: number; signal?: AbortSignal; port?: number } = {},
) {
  const l = await startLoopbackListener({ port: opts.port ?? 0, state: opts.state ?? 'the-state', ...opts })
  open.push(l)
  return l
}

async function callback(port: number, query: string) {
  const res = await fetch(`http://127.0.0.1:${port}/?${query}`)
  return { status: res.status, headers: res.headers, text: await res.text() }
}

describe('authorize URL parts', () => {
  it('redirect URI is exactly http://localhost:PORT/', () => {
    expect(redirectUriFor(8085)).toBe('http://localhost:8085/')
    expect(redirectUriFor(49152)).toBe('http://localhost:49152/')
  })

  it('state carries at least 128 random bits, base64url', () => {
    const a = newState()
    const b = newState()
    expect(a).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(Buffer.from(a, 'base64url').length * 8).toBeGreaterThanOrEqual(128)
    expect(a).not.toBe(b)
  })

  it('scopes are comma-separated, secret scopes only on opt-in', () => {
    expect(scopesFor(false)).toBe('boards:read,boards:write,pins:read,pins:write,user_accounts:read')
    expect(scopesFor(true).split(',')).toEqual(
      expect.arrayContaining(['boards:read_secret', 'pins:write_secret']),
    )
    expect(scopesFor(false)).not.toContain('secret')
  })

  it('authorize URL has every parameter, base from PINLOAD_OAUTH_BASE or Pinterest', () => {
    expect(resolveOAuthBase({})).toBe('https://www.pinterest.com/oauth/')
    expect(resolveOAuthBase({ PINLOAD_OAUTH_BASE: 'http://127.0.0.1:9/oauth/' })).toBe(
      'http://127.0.0.1:9/oauth/',
    )
    const url = new URL(
      buildAuthorizeUrl({
        oauthBase: 'https://www.pinterest.com/oauth/',
        clientId: 'id1',
        redirectUri: 'http://localhost:8085/',
        scope: 'a,b',
        state: 's',
      }),
    )
    expect(url.origin + url.pathname).toBe('https://www.pinterest.com/oauth/')
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'id1',
      redirect_uri: 'http://localhost:8085/',
      response_type: 'code',
      scope: 'a,b',
      state: 's',
    })
  })
})

describe('loopback listener', () => {
  it('binds the loopback only and hands back the code on the right state', async () => {
    const l = await listen()
    expect((l.server.address() as AddressInfo).address).toBe('127.0.0.1')
    for (const server of l.servers)
      expect(['127.0.0.1', '::1']).toContain((server.address() as AddressInfo).address)
    const page = callback(l.port, 'code=abc&state=the-state')
    await expect(l.code).resolves.toBe('abc')
    l.reply({ ok: true })
    const res = await page
    expect(res.status).toBe(200)
    expect(res.text).toContain('Pinload is connected')
    expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'none'/)
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    expect(res.text).not.toContain('abc')
    await expect(l.code).resolves.toBe('abc')
  })

  it('refuses a wrong or missing state with 400 and keeps waiting for the right one', async () => {
    const l = await listen()
    expect((await callback(l.port, 'code=evil&state=other')).status).toBe(400)
    expect((await callback(l.port, 'code=evil')).status).toBe(400)
    expect((await callback(l.port, 'error=access_denied&state=forged')).status).toBe(400)
    expect((await fetch(`http://127.0.0.1:${l.port}/favicon.ico`)).status).toBe(404)
    const page = callback(l.port, 'code=good&state=the-state')
    await expect(l.code).resolves.toBe('good')
    l.reply({ ok: true })
    expect((await page).status).toBe(200)
  })

  it('ends with a clear message when the user denies access', async () => {
    const l = await listen()
    await callback(l.port, 'error=access_denied&state=the-state')
    const error = await l.code.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OAuthFlowError)
    expect((error as OAuthFlowError).reason).toBe('denied')
    expect((error as OAuthFlowError).message).toMatch(/did not allow Pinload/)
  })

  it('closes idle keep-alive connections and ignores a second callback', async () => {
    const l = await listen()
    // A browser keeps spare connections open; success must not leave them (or the port) hanging.
    const idle = await rawConnect(l.port)
    const idleClosed = new Promise<void>((resolve) => idle.once('close', () => resolve()))
    // Two callbacks pipelined on one connection: the first settles the flow, the second cannot change it.
    const exchange = rawExchange(
      l.port,
      'GET /?code=first&state=the-state HTTP/1.1\r\nHost: localhost\r\n\r\nGET /?code=second&state=the-state HTTP/1.1\r\nHost: localhost\r\n\r\n',
    )
    await expect(l.code).resolves.toBe('first')
    l.reply({ ok: true })
    expect(await exchange).toContain('Pinload is connected')
    await idleClosed
    await expect(rawConnect(l.port)).rejects.toThrow(/ECONNREFUSED/)
  })

  it('gives up after the timeout with a clear error and frees the port', async () => {
    const l = await listen({ timeoutMs: 80 })
    const error = (await l.code.catch((e: unknown) => e)) as OAuthFlowError
    expect(error.reason).toBe('timeout')
    expect(error.message).toMatch(/did not send the sign-in back within/)
    await expect(rawConnect(l.port)).rejects.toThrow(/ECONNREFUSED/)
  })

  it('is cancelled by an AbortSignal', async () => {
    const controller = new AbortController()
    const l = await listen({ signal: controller.signal })
    controller.abort()
    await expect(l.code).rejects.toMatchObject({ reason: 'cancelled', kind: 'cancelled' })
  })

  it('is cancelled by an abort that arrives while it is still binding, and frees the port', async () => {
    const probe = createServer()
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
    const port = (probe.address() as AddressInfo).port
    await new Promise((resolve) => probe.close(resolve))
    const controller = new AbortController()
    const starting = startLoopbackListener({ port, state: 's', signal: controller.signal })
    controller.abort()
    const outcome = await starting.then(
      (l) => (open.push(l), l),
      (e: unknown) => e,
    )
    expect(outcome).toMatchObject({ reason: 'cancelled', kind: 'cancelled' })
    await expect(rawConnect(port)).rejects.toThrow(/ECONNREFUSED/)
  })

  it('names the port when it is in use', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const port = (blocker.address() as AddressInfo).port
    try {
      const error = (await startLoopbackListener({ port, state: 's' }).catch(
        (e: unknown) => e,
      )) as OAuthFlowError
      expect(error.reason).toBe('port_in_use')
      expect(error.message).toContain(`Port ${port} is already in use`)
    } finally {
      await new Promise((resolve) => blocker.close(resolve))
    }
  })

  it('authorizeInBrowser opens the URL after the listener is up and hands code + redirect URI to the exchange', async () => {
    let opened = ''
    const result = await authorizeInBrowser(
      {
        clientId: 'app',
        port: 0,
        scope: scopesFor(false),
        oauthBase: 'http://127.0.0.1:1/oauth/',
        timeoutMs: 10_000,
        openExternal: async (url) => {
          opened = url
          const u = new URL(url)
          const redirect = new URL(u.searchParams.get('redirect_uri')!)
          // Play Pinterest: bounce to the redirect URI with a code and the same state.
          await fetch(`http://127.0.0.1:${redirect.port}/?code=xyz&state=${u.searchParams.get('state')}`)
        },
      },
      (code, redirectUri) => Promise.resolve({ code, redirectUri }),
    )
    expect(result.code).toBe('xyz')
    expect(new URL(opened).searchParams.get('redirect_uri')).toBe(result.redirectUri)
    expect(result.redirectUri).toMatch(/^http:\/\/localhost:\d+\/$/)
  })
})

/** Whether this machine can listen on ::1 (containers and some CI runners have no IPv6 loopback). */
async function hasIpv6Loopback(): Promise<boolean> {
  const probe = createServer()
  const ok = await new Promise<boolean>((resolve) => {
    probe.once('error', () => resolve(false))
    probe.listen(0, '::1', () => resolve(true))
  })
  if (ok) await new Promise((resolve) => probe.close(resolve))
  return ok
}

const IPV6 = await hasIpv6Loopback()

describe.skipIf(!IPV6)(
  IPV6
    ? 'loopback listener on ::1 too'
    : 'loopback listener on ::1 too (skipped: this machine has no IPv6 loopback)',
  () => {
    it('a browser that resolves localhost to ::1 reaches Pinload, not another program', async () => {
      const l = await listen()
      expect(l.servers.map((s) => (s.address() as AddressInfo).address)).toEqual(['127.0.0.1', '::1'])
      expect(l.servers.map((s) => (s.address() as AddressInfo).port)).toEqual([l.port, l.port])
      // The state check holds on ::1 as well.
      expect((await fetch(`http://[::1]:${l.port}/?code=evil&state=other`)).status).toBe(400)
      const res = fetch(`http://[::1]:${l.port}/?code=via-v6&state=the-state`)
      await expect(l.code).resolves.toBe('via-v6')
      l.reply({ ok: true })
      expect((await res).status).toBe(200)
    })

    it('127.0.0.1 still gets the callback, and the flow ends on both', async () => {
      const l = await listen()
      const page = callback(l.port, 'code=via-v4&state=the-state')
      await expect(l.code).resolves.toBe('via-v4')
      l.reply({ ok: true })
      expect((await page).status).toBe(200)
      await expect.poll(() => l.servers.every((s) => !s.listening)).toBe(true)
    })

    it('a port taken on ::1 by another program is the port-in-use error, and 127.0.0.1 is let go', async () => {
      const squatter = createServer()
      await new Promise<void>((resolve) => squatter.listen(0, '::1', resolve))
      const port = (squatter.address() as AddressInfo).port
      try {
        const error = (await startLoopbackListener({ port, state: 's' }).catch(
          (e: unknown) => e,
        )) as OAuthFlowError
        expect(error).toBeInstanceOf(OAuthFlowError)
        expect(error.reason).toBe('port_in_use')
        expect(error.message).toContain(`Port ${port} is already in use`)
        const again = createServer()
        await new Promise<void>((resolve, reject) =>
          again.once('error', reject).listen(port, '127.0.0.1', resolve),
        )
        await new Promise((resolve) => again.close(resolve))
      } finally {
        await new Promise((resolve) => squatter.close(resolve))
      }
    })
  },
)

function rawConnect(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port })
    socket.once('connect', () => resolve(socket))
    socket.once('error', reject)
  })
}

async function rawExchange(port: number, payload: string): Promise<string> {
  const socket = await rawConnect(port)
  return new Promise((resolve, reject) => {
    let data = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => (data += chunk))
    socket.once('close', () => resolve(data))
    socket.once('error', reject)
    socket.write(payload)
  })
}
