import { z } from 'zod'
import { Environment } from '../../shared/domain'
import { DEFAULT_OAUTH_PORT } from '../../shared/limits'
import { userKeyOf } from '../../shared/account-key'
import { secretKeys, type SecretStore } from '../secrets/secret-store'

/**
 * A Pinterest app's settings, per environment. Nothing here is secret: the app secret and each user's tokens
 * live only in the keychain (docs/architecture.md, "Secrets").
 */
export const AppSettings = z.object({
  /** Pinterest App ID (client_id): public. */
  appId: z.string().optional(),
  /** Loopback port registered on the Pinterest app (redirect URI `http://localhost:PORT/`). */
  port: z.number().int().min(1).max(65535).default(DEFAULT_OAUTH_PORT),
  /** Ask for the `*_secret` scopes at sign-in. */
  secretBoards: z.boolean().default(false),
})
export type AppSettings = z.infer<typeof AppSettings>

/** What is known of a signed-in user, besides who and where. */
const UserFacts = z.object({
  accountType: z.string().optional(),
  tokenSource: z.enum(['oauth', 'pasted']).optional(),
  status: z.enum(['signed_out', 'connected', 'needs_sign_in']).default('signed_out'),
  /** Unix ms, copied from the keychain bundle so warnings need no keychain read. */
  accessExpiresAt: z.number().nullable().optional(),
  refreshExpiresAt: z.number().nullable().optional(),
  /** Granted scopes, comma-separated. */
  scope: z.string().nullable().optional(),
  /** Why the account needs a new sign-in (plain words, no secret). */
  reason: z.string().optional(),
})

/**
 * One environment's app and its signed-in user together: account.json version 1 stored one per environment, and
 * the account view still reads the current account in this shape (`profileOf` in account-file.ts).
 */
export const AccountProfile = z.object({
  ...AppSettings.shape,
  username: z.string().optional(),
  ...UserFacts.shape,
})
export type AccountProfile = z.infer<typeof AccountProfile>

/** account.json before issue 15: one profile per environment. Read only to upgrade it. */
export const AccountFileV1 = z.object({
  version: z.literal(1),
  environment: Environment,
  profiles: z.object({ production: AccountProfile.optional(), sandbox: AccountProfile.optional() }),
})
export type AccountFileV1 = z.infer<typeof AccountFileV1>

/**
 * A user of account.json version 2 (issue 15, "several accounts"): the Pinterest app is set per environment and
 * the users are keyed `<environment>:<username>`, so two accounts of one environment can sit side by side.
 */
export const UserProfile = z.object({
  environment: Environment,
  /** Absent only for a sign-in from before issue 15 whose user Pinterest never named (keyed by environment). */
  username: z.string().min(1).optional(),
  ...UserFacts.shape,
})
export type UserProfile = z.infer<typeof UserProfile>

export const AccountFile = z.object({
  version: z.literal(2),
  /** The environment the app works in now. */
  environment: Environment,
  apps: z.object({ production: AppSettings.optional(), sandbox: AppSettings.optional() }),
  /** Keyed by `userKeyOf(environment, username)`; the keychain holds each one's tokens under that key. */
  users: z.record(z.string(), UserProfile),
  /** The account new batches go to, per environment (a key of `users`). */
  current: z.object({ production: z.string().optional(), sandbox: z.string().optional() }),
})
export type AccountFile = z.infer<typeof AccountFile>

const ENVIRONMENTS: readonly Environment[] = ['production', 'sandbox']

/**
 * Version 1 (one profile per environment) as version 2: each environment's app settings become its app, and its
 * signed-in user becomes that environment's first and current account (keyed by the environment alone when
 * Pinterest never told us the name).
 * Nothing is lost: every version-1 field has its place in version 2.
 */
export function upgradeAccountFile(v1: AccountFileV1): AccountFile {
  const v2: AccountFile = { version: 2, environment: v1.environment, apps: {}, users: {}, current: {} }
  for (const environment of ENVIRONMENTS) {
    const profile = v1.profiles[environment]
    if (!profile) continue
    const { app, user } = splitProfile(environment, profile)
    v2.apps[environment] = app
    if (!user) continue
    v2.users[user.key] = user.profile
    v2.current[environment] = user.key
  }
  return v2
}

/**
 * A profile (app and user together) as version 2 keeps it: the environment's app settings, and its user under
 * its key; no user for a signed-out profile that names none.
 */
export function splitProfile(
  environment: Environment,
  profile: AccountProfile,
): { app: AppSettings; user?: { key: string; profile: UserProfile } } {
  const { appId, port, secretBoards, username, ...facts } = profile
  const app = AppSettings.parse({ ...(appId === undefined ? {} : { appId }), port, secretBoards })
  if ((username === undefined || username === '') && facts.status === 'signed_out') return { app }
  const user = UserProfile.parse({ ...facts, environment, ...(username ? { username } : {}) })
  return { app, user: { key: userKeyOf(environment, username), profile: user } }
}

/**
 * Moves each environment's legacy `<environment>:tokens` keychain entry to its first user's own entry, on first
 * start after the upgrade. Copy first, delete after: a crash in between leaves both, and the next start finds the
 * user's entry already there, keeps it and only deletes the legacy one, so running this twice changes nothing.
 * A legacy sign-in with no known username keeps its entry: its account key is the environment, so that entry is
 * already its own.
 * Returns the user keys whose tokens were moved; the token values never leave the keychain calls.
 */
export async function migrateLegacyTokens(secrets: SecretStore, file: AccountFile): Promise<string[]> {
  const moved: string[] = []
  for (const environment of ENVIRONMENTS) {
    const userKey = file.current[environment]
    if (userKey === undefined || userKey === environment) continue
    const legacyKey = secretKeys.tokens(environment)
    const legacy = await secrets.get(legacyKey)
    if (legacy === null) continue
    if ((await secrets.get(secretKeys.userTokens(userKey))) === null) {
      await secrets.set(secretKeys.userTokens(userKey), legacy)
      moved.push(userKey)
    }
    await secrets.delete(legacyKey)
  }
  return moved
}
