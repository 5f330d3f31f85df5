/**
 * Switches meant for development and tests. A packaged app must not honour them silently: a renderer URL would
 * load someone else's page into the trusted window, and an API base would send the user's bearer token to any
 * host it names.
 */
const DEVELOPMENT_ONLY = ['ELECTRON_RENDERER_URL', 'PINLOAD_RATE_LIMITS', 'PINLOAD_CREATE_GRACE_MS'] as const
const API_BASES = ['PINLOAD_API_BASE', 'PINLOAD_OAUTH_BASE'] as const
/** The explicit opt-in a packaged app needs before it talks to another (https) Pinterest endpoint. */
const CUSTOM_API_FLAG = 'PINLOAD_ALLOW_CUSTOM_API'

export interface PackagedEnv {
  env: NodeJS.ProcessEnv
  /** Variables that were set and are ignored, with why: the shell logs them. */
  ignored: { name: string; why: string }[]
}

const isHttps = (raw: string | undefined) => {
  try {
    return raw !== undefined && new URL(raw).protocol === 'https:'
  } catch {
    return false
  }
}

/**
 * The environment the app's services see. Unpackaged (`npm start`, tests): as it is. Packaged: without the
 * development switches; the API bases only with `PINLOAD_ALLOW_CUSTOM_API=1` and an https address.
 */
export function environmentFor(env: NodeJS.ProcessEnv, packaged: boolean): PackagedEnv {
  if (!packaged) return { env, ignored: [] }
  const out: NodeJS.ProcessEnv = { ...env }
  const ignored: PackagedEnv['ignored'] = []
  for (const name of DEVELOPMENT_ONLY) {
    if (out[name] === undefined) continue
    delete out[name]
    ignored.push({ name, why: 'development only' })
  }
  const allowed = env[CUSTOM_API_FLAG] === '1'
  for (const name of API_BASES) {
    if (out[name] === undefined) continue
    if (allowed && isHttps(out[name])) continue
    delete out[name]
    ignored.push({ name, why: allowed ? 'not an https address' : `needs ${CUSTOM_API_FLAG}=1` })
  }
  return { env: out, ignored }
}
