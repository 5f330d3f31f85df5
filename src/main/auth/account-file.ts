import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { Environment } from '../../shared/domain'
import { DEFAULT_OAUTH_PORT } from '../../shared/limits'

/**
 * Non-secret account facts in `<dataDir>/account.json`. Secrets (app secret, tokens) live only in the keychain;
 * nothing in this file would let anyone act as the user.
 */
export const AccountProfile = z.object({
  /** Pinterest App ID (client_id): public. */
  appId: z.string().optional(),
  /** Loopback port registered on the Pinterest app (redirect URI `http://localhost:PORT/`). */
  port: z.number().int().min(1).max(65535).default(DEFAULT_OAUTH_PORT),
  /** Ask for the `*_secret` scopes at sign-in. */
  secretBoards: z.boolean().default(false),
  username: z.string().optional(),
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
export type AccountProfile = z.infer<typeof AccountProfile>

export const AccountFile = z.object({
  version: z.literal(1),
  /** The environment the app works in now. */
  environment: Environment,
  profiles: z.object({ production: AccountProfile.optional(), sandbox: AccountProfile.optional() }),
})
export type AccountFile = z.infer<typeof AccountFile>

export const ACCOUNT_FILE_NAME = 'account.json'

function emptyAccountFile(): AccountFile {
  return { version: 1, environment: 'production', profiles: {} }
}

export function profileOf(file: AccountFile, environment: Environment): AccountProfile {
  return file.profiles[environment] ?? AccountProfile.parse({})
}

/** Reads account.json; a missing file is an empty account, a damaged one too (it holds nothing that cannot be re-entered). */
export async function readAccountFile(dataDir: string): Promise<AccountFile> {
  let raw: string
  try {
    raw = await readFile(join(dataDir, ACCOUNT_FILE_NAME), 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyAccountFile()
    throw error
  }
  try {
    const parsed = AccountFile.safeParse(JSON.parse(raw))
    return parsed.success ? parsed.data : emptyAccountFile()
  } catch {
    return emptyAccountFile()
  }
}

/** `readAccountFile` for a constructor: same rules, synchronous. */
export function readAccountFileSync(dataDir: string): AccountFile {
  try {
    const parsed = AccountFile.safeParse(JSON.parse(readFileSync(join(dataDir, ACCOUNT_FILE_NAME), 'utf8')))
    return parsed.success ? parsed.data : emptyAccountFile()
  } catch {
    return emptyAccountFile()
  }
}

/** Writes account.json atomically: a crash leaves either the old or the new file, never half of one. */
export async function writeAccountFile(dataDir: string, file: AccountFile): Promise<void> {
  await mkdir(dataDir, { recursive: true })
  const target = join(dataDir, ACCOUNT_FILE_NAME)
  const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`
  try {
    await writeFile(temp, JSON.stringify(AccountFile.parse(file), null, 2) + '\n', { mode: 0o600 })
    await rename(temp, target)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}

const pending = new Map<string, Promise<unknown>>()

/**
 * Read-modify-write of account.json, serialised per data dir within this process so that two updates
 * (a refresh finishing while the user saves settings) never lose one another's change.
 */
export async function updateAccountFile(
  dataDir: string,
  change: (file: AccountFile) => void,
): Promise<AccountFile> {
  const previous = pending.get(dataDir) ?? Promise.resolve()
  const next = previous
    .catch(() => undefined)
    .then(async () => {
      const file = await readAccountFile(dataDir)
      change(file)
      await writeAccountFile(dataDir, file)
      return file
    })
  pending.set(dataDir, next)
  try {
    return await next
  } finally {
    if (pending.get(dataDir) === next) pending.delete(dataDir)
  }
}

/** Applies `patch` to one environment's profile (creating it), through `updateAccountFile`. */
export async function updateProfile(
  dataDir: string,
  environment: Environment,
  patch: (profile: AccountProfile) => AccountProfile,
): Promise<AccountFile> {
  return updateAccountFile(dataDir, (file) => {
    file.profiles[environment] = AccountProfile.parse(patch(profileOf(file, environment)))
  })
}
