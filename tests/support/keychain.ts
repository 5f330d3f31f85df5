import { randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { saveTokenBundle } from '../../src/main/auth/token-bundle'
import { DEFAULT_USERNAME } from '../../src/main/fake-pinterest/index'
import { KeyringSecretStore, secretKeys, type SecretStore } from '../../src/main/secrets/secret-store'

/** The account key of the fake's default user: tokens are kept per Pinterest user (issue 15). */
export const USER_KEY = `production:${DEFAULT_USERNAME}`

/**
 * True inside scripts/with-keyring.sh, which runs the command in a private D-Bus session with an unlocked
 * gnome-keyring; elsewhere the tests that need the system keychain skip (`describe.skipIf(!realKeyring)`).
 */
export const realKeyring = process.env.PINLOAD_REAL_KEYRING === '1'

/** The system keychain under a service name of this run's own, so parallel files and runs never share entries. */
export function privateKeyring(label: string): KeyringSecretStore {
  return new KeyringSecretStore({
    service: `Pinload${label}-${process.pid}-${randomBytes(4).toString('hex')}`,
  })
}

/**
 * Deletes the tokens and app secret of both environments, and the tokens of the accounts named
 * (`<environment>:<username>`, issue 15), so the next test starts signed out.
 */
export async function clearAccountSecrets(
  secrets: SecretStore,
  accountKeys: readonly string[] = [],
): Promise<void> {
  for (const env of ['production', 'sandbox']) {
    await secrets.delete(secretKeys.tokens(env))
    await secrets.delete(secretKeys.appSecret(env))
  }
  for (const key of accountKeys) await secrets.delete(secretKeys.userTokens(key))
}

/**
 * A production sign-in as Pinload kept it before issue 15: account.json version 1 with one profile that names no
 * user, and its pasted token under the environment's own keychain entry.
 */
export async function writeUnnamedSignIn(
  dataDir: string,
  secrets: SecretStore,
  accessToken: string,
): Promise<void> {
  writeFileSync(
    join(dataDir, 'account.json'),
    JSON.stringify({
      version: 1,
      environment: 'production',
      profiles: { production: { status: 'connected', tokenSource: 'pasted' } },
    }),
  )
  await saveTokenBundle(secrets, 'production', {
    accessToken,
    refreshToken: null,
    accessExpiresAt: null,
    refreshExpiresAt: null,
    scope: null,
  })
}
