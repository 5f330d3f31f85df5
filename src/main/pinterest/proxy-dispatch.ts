import { Agent, EnvHttpProxyAgent, ProxyAgent, type Dispatcher } from 'undici'

/**
 * Asks where a request for `url` should go, in the answer format of a PAC script and of Electron's
 * `session.resolveProxy(url)`: entries separated by `;`, each `DIRECT`, `PROXY host:port`, `HTTPS host:port`
 * or `SOCKS… host:port` (e.g. `"PROXY proxy.corp:8080; DIRECT"`). The desktop shell feeds it from the system
 * proxy settings; the command leaves it out and follows `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY`.
 */
export type ProxyResolver = (url: string) => Promise<string>

/** Picks the dispatcher (direct, or through a proxy) for each request URL. */
export interface Routes {
  forUrl(url: string): Dispatcher | Promise<Dispatcher>
  close(): Promise<void>
}

export interface RouteOptions {
  /** Keep-alive sockets per origin. */
  connections: number
  /** Where the proxy variables are read (default: none, so a direct connection). */
  env?: NodeJS.ProcessEnv
  /** The system's proxy settings; wins over the variables. */
  resolveProxy?: ProxyResolver
  /** A dispatcher the caller owns (a test's, or one with its own TLS settings); used for every request. */
  dispatcher?: Dispatcher
}

/** How long a resolved route is reused before the resolver is asked again (a network change may alter it), ms. */
const ROUTE_TTL_MS = 5 * 60_000

const env1 = (env: NodeJS.ProcessEnv, name: string): string =>
  (env[name.toLowerCase()] ?? env[name] ?? '').trim()

/** True when the environment names a proxy for HTTP or HTTPS. */
function hasProxyEnv(env: NodeJS.ProcessEnv): boolean {
  return env1(env, 'HTTPS_PROXY') !== '' || env1(env, 'HTTP_PROXY') !== ''
}

/**
 * The first entry of a PAC answer that undici can use, as a proxy URL, or null for a direct connection. SOCKS
 * is skipped (undici has no SOCKS client): the next entry applies, and with none left the connection is direct.
 */
function proxyFromPac(answer: string): string | null {
  for (const entry of answer.split(';')) {
    const [scheme = '', hostPort] = entry.trim().split(/\s+/)
    const s = scheme.toUpperCase()
    if (s === 'DIRECT') return null
    if ((s === 'PROXY' || s === 'HTTPS') && hostPort)
      return `${s === 'HTTPS' ? 'https' : 'http'}://${hostPort}`
  }
  return null
}

/**
 * The client's routes: the caller's dispatcher; else the system's answer per origin (`resolveProxy`); else
 * undici's EnvHttpProxyAgent when the environment names a proxy (it honours `NO_PROXY`); else a plain Agent.
 */
export function createRoutes(opts: RouteOptions): Routes {
  const agentOpts = { connections: opts.connections, keepAliveTimeout: 30_000, pipelining: 1 }
  if (opts.dispatcher) {
    const d = opts.dispatcher
    return { forUrl: () => d, close: () => Promise.resolve() }
  }
  const resolve = opts.resolveProxy
  if (!resolve) {
    const env = opts.env ?? {}
    // Values passed explicitly (empty when unset): undici would otherwise read process.env itself.
    const d = hasProxyEnv(env)
      ? new EnvHttpProxyAgent({
          ...agentOpts,
          httpProxy: env1(env, 'HTTP_PROXY'),
          httpsProxy: env1(env, 'HTTPS_PROXY') || env1(env, 'HTTP_PROXY'),
          noProxy: env1(env, 'NO_PROXY'),
        })
      : new Agent(agentOpts)
    return { forUrl: () => d, close: () => d.close() }
  }
  const direct = new Agent(agentOpts)
  const proxies = new Map<string, ProxyAgent>()
  const byOrigin = new Map<string, { at: number; route: Promise<Dispatcher> }>()
  const pick = async (origin: string): Promise<Dispatcher> => {
    const proxy = proxyFromPac(await resolve(origin))
    if (proxy === null) return direct
    let agent = proxies.get(proxy)
    if (!agent) proxies.set(proxy, (agent = new ProxyAgent({ ...agentOpts, uri: proxy })))
    return agent
  }
  return {
    forUrl(url) {
      const origin = new URL(url).origin
      const now = Date.now()
      const hit = byOrigin.get(origin)
      if (hit && now - hit.at < ROUTE_TTL_MS) return hit.route
      const route = pick(`${origin}/`)
      byOrigin.set(origin, { at: now, route })
      // A failed resolution is asked again next time rather than remembered.
      route.catch(() => byOrigin.delete(origin))
      return route
    },
    async close() {
      await Promise.allSettled([direct.close(), ...[...proxies.values()].map((p) => p.close())])
    },
  }
}
