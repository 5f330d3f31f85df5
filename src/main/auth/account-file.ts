import { environmentOfKey } from '../../shared/account-key'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Environment } from '../../shared/domain'
import { AppError } from '../../shared/ipc/result'
import { isKeychainUnavailable, type SecretStore } from '../secrets/secret-store'
import {
  AccountFile,
  AccountFileV1,
  AccountProfile,
  AppSettings,
  migrateLegacyTokens,
  splitProfile,
  upgradeAccountFile,
  UserProfile,
} from './account-model'

/**
 * `<dataDir>/account.json`: the non-secret account facts (schemas in account-model.ts). Secrets (app secret,
 * tokens) live only in the keychain; nothing in this file would let anyone act as the user.
 */
export const ACCOUNT_FILE_NAME = 'account.json'

function emptyAccountFile(): AccountFile {
  return { version: 2, environment: 'production', apps: {}, users: {}, current: {} }
}

/** Version 2 as stored, version 1 upgraded in memory (`migrateAccountFile` writes it), anything else empty. */
function parseAccountFile(raw: string): { file: AccountFile; legacy: boolean } {
  try {
    const json: unknown = JSON.parse(raw)
    const v2 = AccountFile.safeParse(json)
    if (v2.success) return { file: v2.data, legacy: false }
    const v1 = AccountFileV1.safeParse(json)
    if (v1.success) return { file: upgradeAccountFile(v1.data), legacy: true }
  } catch {
    // A damaged file holds nothing that cannot be re-entered: start empty.
  }
  return { file: emptyAccountFile(), legacy: false }
}

async function readParsed(dataDir: string): Promise<{ file: AccountFile; legacy: boolean }> {
  try {
    return parseAccountFile(await readFile(join(dataDir, ACCOUNT_FILE_NAME), 'utf8'))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { file: emptyAccountFile(), legacy: false }
    throw error
  }
}

/** Reads account.json; a missing file is an empty account, a damaged one too (it holds nothing that cannot be re-entered). */
export async function readAccountFile(dataDir: string): Promise<AccountFile> {
  return (await readParsed(dataDir)).file
}

/** `readAccountFile` for a constructor: same rules, synchronous. */
export function readAccountFileSync(dataDir: string): AccountFile {
  try {
    return parseAccountFile(readFileSync(join(dataDir, ACCOUNT_FILE_NAME), 'utf8')).file
  } catch {
    return emptyAccountFile()
  }
}

/** Writes account.json atomically: a crash leaves either the old or the new file, never half of one. */
export async function writeAccountFile(dataDir: string, file: AccountFile | AccountFileV1): Promise<void> {
  await mkdir(dataDir, { recursive: true })
  const target = join(dataDir, ACCOUNT_FILE_NAME)
  const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`
  const v2 = file.version === 1 ? upgradeAccountFile(file) : file
  try {
    await writeFile(temp, JSON.stringify(AccountFile.parse(v2), null, 2) + '\n', { mode: 0o600 })
    await rename(temp, target)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}

const pending = new Map<string, Promise<unknown>>()

/** Runs `op` after every earlier account.json update of this data dir in this process. */
async function serialised<T>(dataDir: string, op: () => Promise<T>): Promise<T> {
  const previous = pending.get(dataDir) ?? Promise.resolve()
  const next = previous.catch(() => undefined).then(op)
  pending.set(dataDir, next)
  try {
    return await next
  } finally {
    if (pending.get(dataDir) === next) pending.delete(dataDir)
  }
}

/**
 * Read-modify-write of account.json, serialised per data dir within this process so that two updates
 * (a refresh finishing while the user saves settings) never lose one another's change.
 */
export async function updateAccountFile(
  dataDir: string,
  change: (file: AccountFile) => void,
): Promise<AccountFile> {
  return serialised(dataDir, async () => {
    const file = await readAccountFile(dataDir)
    change(file)
    await writeAccountFile(dataDir, file)
    return file
  })
}

/**
 * Upgrades a version-1 account.json on first start (issue 15): the legacy keychain sign-in moves to its user's
 * own entry first, then version 2 is written, so a crash in between only repeats the (idempotent) move.
 */
export async function migrateAccountFile(dataDir: string, secrets: SecretStore): Promise<AccountFile> {
  return serialised(dataDir, async () => {
    const { file, legacy } = await readParsed(dataDir)
    if (!legacy) return file
    try {
      await migrateLegacyTokens(secrets, file)
    } catch (error) {
      // No keychain now: the legacy entry cannot be read either; the move happens on a start that has one.
      if (isKeychainUnavailable(error)) return file
      throw error
    }
    await writeAccountFile(dataDir, file)
    return file
  })
}

/** The key of an environment's current account; with none, the environment (where a first sign-in goes). */
export function currentKeyOf(file: AccountFile, environment: Environment): string {
  return file.current[environment] ?? environment
}

/** An account's app and user facts in one profile (the shape the account view reads). */
export function profileOf(file: AccountFile, environment: Environment, key?: string): AccountProfile {
  const app = file.apps[environment] ?? AppSettings.parse({})
  const userKey = key ?? file.current[environment]
  const user = userKey === undefined ? undefined : file.users[userKey]
  if (!user) return AccountProfile.parse(app)
  const { environment: _environment, ...facts } = user
  return AccountProfile.parse({ ...app, ...facts })
}

/**
 * Applies `patch` to an environment's app and its current account (creating them), through `updateAccountFile`.
 * A patch that names another user adds that user as the current account (the others stay); one that drops the
 * username (a sign-out) forgets the current account, and another account of the environment, if any, is current.
 */
export async function updateProfile(
  dataDir: string,
  environment: Environment,
  patch: (profile: AccountProfile) => AccountProfile,
): Promise<AccountFile> {
  return updateAccountFile(dataDir, (file) => {
    const before = file.current[environment]
    const { app, user } = splitProfile(environment, AccountProfile.parse(patch(profileOf(file, environment))))
    file.apps[environment] = app
    if (!user) {
      if (before !== undefined) forgetUser(file, before)
      return
    }
    // The unnamed sign-in of an environment (from before issue 15) becomes the named one; other users stay.
    if (before === environment && user.key !== environment) delete file.users[before]
    file.users[user.key] = user.profile
    file.current[environment] = user.key
  })
}

/**
 * `updateProfile`, telling whether it named the environment's account: it had no user key before (an old sign-in
 * Pinterest never named, or nobody signed in) and has one now (issue 15).
 */
export async function updateNamingProfile(
  dataDir: string,
  environment: Environment,
  patch: (profile: AccountProfile) => AccountProfile,
): Promise<{ file: AccountFile; named: boolean }> {
  let unnamed = false
  const file = await updateProfile(dataDir, environment, (p) => {
    unnamed = p.username === undefined
    return patch(p)
  })
  const key = file.current[environment]
  return { file, named: unnamed && key !== undefined && key !== environment }
}

/** Applies `patch` to one account's facts (a refresh or a dead sign-in of that account), creating it when missing. */
export async function updateUser(
  dataDir: string,
  key: string,
  patch: (user: UserProfile) => UserProfile,
): Promise<AccountFile> {
  return updateAccountFile(dataDir, (file) => {
    const environment = environmentOfKey(key)
    const username = key.slice(environment.length + 1)
    const user = file.users[key] ?? UserProfile.parse({ environment, ...(username ? { username } : {}) })
    file.users[key] = UserProfile.parse(patch(user))
    file.current[environment] ??= key
  })
}

/** Takes one account out (a sign-out or `accounts remove`); another account of its environment, if any, is current. */
export function forgetUser(file: AccountFile, key: string): void {
  const environment = environmentOfKey(key)
  delete file.users[key]
  if (file.current[environment] !== key) return
  const next = Object.entries(file.users).find(([, u]) => u.environment === environment)?.[0]
  if (next === undefined) delete file.current[environment]
  else file.current[environment] = next
}

/** Makes `key` the account in use, switching to its environment; an unknown key is refused. */
export function chooseAccount(file: AccountFile, key: string): void {
  const user = file.users[key]
  if (!user) throw new AppError('validation', `Unknown account "${key}". See \`pinload accounts list\`.`)
  file.environment = user.environment
  file.current[user.environment] = key
}

/**
 * Stores an environment's app settings and makes it the environment in use. A new App ID asks every user of that
 * environment signed in through the old app to sign in again: tokens belong to the app that issued them, and
 * another app cannot renew them. A pasted token was never renewed by the app, so it stays as it is.
 */
export function saveAppSettings(file: AccountFile, environment: Environment, app: AppSettings): void {
  const before = file.apps[environment]?.appId
  file.apps[environment] = AppSettings.parse(app)
  file.environment = environment
  if (before === undefined || before === app.appId) return
  for (const user of Object.values(file.users)) {
    if (user.environment !== environment || user.tokenSource !== 'oauth' || user.status !== 'connected')
      continue
    user.status = 'needs_sign_in'
    user.reason = 'The App ID changed: sign in again with the new app.'
  }
}
