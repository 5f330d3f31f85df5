/**
 * Issue 11, finding 5: the client goes through the proxy the environment (or the system, through the resolver
 * hook) names, honours NO_PROXY, and a refused certificate is its own kind, not retried.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { FakePinterest } from '../../src/main/fake-pinterest/index'
import { ApiError } from '../../src/main/pinterest/api-error'
import { createPinterestClient, type PinterestClient } from '../../src/main/pinterest/pinterest-client'
import { RateGovernor } from '../../src/main/pinterest/rate-governor'
import { toAppError } from '../../src/main/pinterest/to-app-error'
import { classifyError } from '../../src/main/pipeline/errors'
import { makeMedia } from '../support/media-files'
import { cliEnv, runCli } from './cli-helpers'
import { FakeTokens, startFake } from './pinterest-test-kit'
import { startProxy, startUntrustedTls, type TestProxy } from './proxy-kit'

let fake: FakePinterest
let proxy: TestProxy
let client: PinterestClient | null = null
let root: string

beforeAll(async () => {
  fake = await startFake({ rateLimits: false })
  root = mkdtempSync(join(tmpdir(), 'pinload-proxy-'))
})
afterAll(async () => {
  await fake.close()
  rmSync(root, { recursive: true, force: true })
})
afterEach(async () => {
  await client?.close()
  client = null
  await proxy?.close()
})

const make = (extra: Partial<Parameters<typeof createPinterestClient>[0]>) =>
  (client = createPinterestClient({ apiBase: fake.apiBase, tokens: FakeTokens.issue(fake), ...extra }))

describe('proxies', () => {
  it('HTTP_PROXY from the environment carries every request', async () => {
    proxy = await startProxy()
    const c = make({ env: { HTTP_PROXY: proxy.url } })
    await c.getUserAccount()
    await c.listBoards()
    expect(proxy.connections).toBeGreaterThan(0)
    expect([...proxy.tunnels, ...proxy.forwarded].length).toBeGreaterThan(0)
    expect(fake.requests.some((r) => r.path === '/v5/user_account')).toBe(true)
  })

  it('lower-case https_proxy is read too, and NO_PROXY keeps a host direct', async () => {
    proxy = await startProxy()
    const direct = make({ env: { http_proxy: proxy.url, NO_PROXY: 'localhost,127.0.0.1' } })
    await direct.getUserAccount()
    expect(proxy.connections).toBe(0)
  })

  it('without proxy variables the connection is direct', async () => {
    proxy = await startProxy()
    await make({ env: {} }).getUserAccount()
    expect(proxy.connections).toBe(0)
  })

  it('the system resolver hook (session.resolveProxy) decides per origin', async () => {
    proxy = await startProxy()
    const asked: string[] = []
    const hostPort = proxy.url.replace('http://', '')
    const c = make({
      env: {},
      resolveProxy: (url) => {
        asked.push(url)
        return Promise.resolve(`SOCKS5 nowhere:1; PROXY ${hostPort}; DIRECT`)
      },
    })
    await c.getUserAccount()
    await c.getUserAccount()
    expect(proxy.connections).toBeGreaterThan(0)
    // One answer per origin is reused.
    expect(asked).toEqual([`${new URL(fake.apiBase).origin}/`])
    await c.close()
    proxy.connections = 0
    await make({ env: {}, resolveProxy: () => Promise.resolve('DIRECT') }).getUserAccount()
    expect(proxy.connections).toBe(0)
  })

  it('`pinload upload` with HTTP_PROXY set publishes through the proxy', async () => {
    proxy = await startProxy()
    fake.addBoard({ name: 'Proxied' })
    const data = join(root, 'data')
    makeMedia(join(root, 'media'), { images: 2, videos: 0, prefix: 'p' })
    const env = { ...cliEnv(fake, data, fake.issueToken().accessToken), HTTP_PROXY: proxy.url }
    const before = fake.pins.length
    const r = await runCli(
      ['upload', '--yes', join(root, 'media'), '--board', 'Proxied', '--title', '{name}'],
      env,
    )
    expect(r.code, r.stderr + r.stdout).toBe(0)
    expect(fake.pins.length - before).toBe(2)
    expect(proxy.connections).toBeGreaterThan(0)
    expect([...proxy.tunnels, ...proxy.forwarded].length).toBeGreaterThan(0)
  }, 120_000)
})

describe('certificates', () => {
  it('a self-signed certificate is the certificate kind: one connection, no retry, a fix', async () => {
    const tls = await startUntrustedTls()
    try {
      client = createPinterestClient({
        apiBase: `${tls.url}/v5`,
        tokens: { getAccessToken: async () => 'pina_x', refreshAccessToken: async () => 'pina_y' },
        governor: new RateGovernor({ random: () => 0 }),
      })
      const e = await client.getUserAccount().catch((x: unknown) => x)
      expect(e).toBeInstanceOf(ApiError)
      const err = e as ApiError
      expect(err.kind).toBe('certificate')
      expect(err.retryable).toBe(false)
      expect(err.message).toMatch(/DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED/)
      expect(err.details.fix).toMatch(/NODE_EXTRA_CA_CERTS/)
      expect(err.details.fix).not.toMatch(/internet connection/)
      expect(tls.connections).toBe(1)
      expect(tls.requests).toBe(0)
      // A create refused this way created nothing: it fails at once instead of waiting to reconcile.
      const create = await client
        .createImagePinFromUrl('https://example.com/a.jpg', { boardId: '1' })
        .catch((x: unknown) => x as ApiError)
      expect(create).toMatchObject({ kind: 'certificate', details: { outcomeUnknown: false } })
      expect(classifyError(err)).toMatchObject({ kind: 'fail', error: { kind: 'certificate' } })
      expect(toAppError(err)).toMatchObject({ kind: 'certificate' })
    } finally {
      await tls.close()
    }
  })
})
