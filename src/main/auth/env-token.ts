import type { Environment } from '../../shared/domain'
import { type TokenProvider } from '../pinterest/api-types'
import { ApiError } from '../pinterest/api-error'

/** A token handed in by `PINLOAD_ACCESS_TOKEN` for headless use; it wins over the keychain. */
export interface EnvToken {
  token: string
  environment: Environment
}

/** Reads `PINLOAD_ACCESS_TOKEN` and `PINLOAD_ENVIRONMENT` (`production` unless it says `sandbox`). */
export function envTokenFrom(env: NodeJS.ProcessEnv): EnvToken | null {
  const token = env.PINLOAD_ACCESS_TOKEN?.trim()
  if (!token) return null
  return {
    token,
    environment: env.PINLOAD_ENVIRONMENT?.trim().toLowerCase() === 'sandbox' ? 'sandbox' : 'production',
  }
}

const ENV_FIX = 'Set PINLOAD_ACCESS_TOKEN to a valid token, or unset it and run `pinload login`.'

/** The environment token as a TokenProvider: nothing to renew, so a 401 is final. */
export function envTokenProvider(envToken: EnvToken): TokenProvider {
  return {
    getAccessToken: () => Promise.resolve(envToken.token),
    refreshAccessToken: () =>
      Promise.reject(
        new ApiError('auth', `Pinterest refused the token in PINLOAD_ACCESS_TOKEN. ${ENV_FIX}`, {
          fix: ENV_FIX,
        }),
      ),
  }
}
