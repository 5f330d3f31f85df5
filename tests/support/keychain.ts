import { secretKeys, type SecretStore } from '../../src/main/secrets/secret-store'

/** Deletes the tokens and app secret of both environments, so the next test starts signed out. */
export async function clearAccountSecrets(secrets: SecretStore): Promise<void> {
  for (const env of ['production', 'sandbox']) {
    await secrets.delete(secretKeys.tokens(env))
    await secrets.delete(secretKeys.appSecret(env))
  }
}
