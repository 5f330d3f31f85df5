import { AsyncEntry, type EntryOptions } from '@napi-rs/keyring'
import { AppError } from '../../shared/ipc/result'

/**
 * Where secrets live: the OS keychain (macOS Keychain, Windows Credential Manager, Secret Service on Linux).
 * This file is the only one that imports the keychain library, so the rest of main depends on `SecretStore`.
 * Values are opaque strings; nothing here ever logs or echoes them.
 */
export interface SecretStore {
  /** The stored value, or null when there is none. Throws KeychainUnavailableError when the keychain cannot be used. */
  get(key: string): Promise<string | null>
  /** Replaces the value in one write (a token rotation is never half-stored). */
  set(key: string, value: string): Promise<void>
  /** Removes the value; removing a missing key is not an error. */
  delete(key: string): Promise<void>
}

/** Keychain service name every entry is filed under. */
const KEYCHAIN_SERVICE = 'Pinload'

/** Account names inside the keychain service, per environment (`production:app-secret`, `sandbox:tokens`). */
export const secretKeys = {
  appSecret: (environment: string): string => `${environment}:app-secret`,
  /** The single sign-in of an environment before accounts were keyed by user; read only to migrate it (issue 15). */
  tokens: (environment: string): string => `${environment}:tokens`,
  /** One Pinterest user's sign-in, `userKey` being `<environment>:<username>` (issue 15). */
  userTokens: (userKey: string): string => `${userKey}:tokens`,
}

export const NO_KEYCHAIN_MESSAGE =
  'No system keychain is available (no D-Bus session, no Secret Service, or the keychain is locked), so Pinload ' +
  'cannot store your Pinterest sign-in safely and will not write it to a plain file. Unlock or install a keychain ' +
  '(for example gnome-keyring or KWallet), or for headless use set the PINLOAD_ACCESS_TOKEN environment variable.'

/**
 * The keychain could not be reached. `reason` is the platform's own text (it never contains a secret: the library
 * reports transport failures, not values) and stays out of `message` so the user sees one plain sentence.
 */
export class KeychainUnavailableError extends AppError {
  constructor(readonly reason: string) {
    super('unavailable', NO_KEYCHAIN_MESSAGE, 'no_keychain')
    this.name = 'KeychainUnavailableError'
  }
}

/**
 * True for a KeychainUnavailableError, also when it comes from another copy of this module (a bundler or a loader
 * can load a file twice, and then `instanceof` fails).
 */
export function isKeychainUnavailable(error: unknown): error is KeychainUnavailableError {
  return (
    error instanceof KeychainUnavailableError ||
    (error instanceof Error && error.name === 'KeychainUnavailableError')
  )
}

export interface KeyringSecretStoreOptions {
  /** Keychain service name; tests pass a unique one per run so runs never collide. Default `Pinload`. */
  service?: string
  /** Prefix added to every account name (e.g. a test run id). Default none. */
  prefix?: string
}

/*
 * On Linux the library's default silently falls back to the kernel keyring (keyutils) when Secret Service is missing;
 * that store is wiped at reboot and per-session, so a sign-in would vanish unexplained. Pinning Secret Service makes a
 * missing keychain an error we can explain instead. Other platforms ignore the option.
 */
const ENTRY_OPTIONS: EntryOptions = { linux: { store: 'secret-service' } }

export class KeyringSecretStore implements SecretStore {
  private readonly service: string
  private readonly prefix: string

  constructor(opts: KeyringSecretStoreOptions = {}) {
    this.service = opts.service ?? KEYCHAIN_SERVICE
    this.prefix = opts.prefix ?? ''
  }

  async get(key: string): Promise<string | null> {
    return (await this.run(key, (entry) => entry.getPassword())) ?? null
  }

  async set(key: string, value: string): Promise<void> {
    await this.run(key, (entry) => entry.setPassword(value))
  }

  async delete(key: string): Promise<void> {
    await this.run(key, (entry) => entry.deletePassword())
  }

  private async run<T>(key: string, op: (entry: AsyncEntry) => Promise<T>): Promise<T> {
    let entry: AsyncEntry
    try {
      entry = new AsyncEntry(this.service, this.prefix + key, ENTRY_OPTIONS)
      return await op(entry)
    } catch (error) {
      throw new KeychainUnavailableError(error instanceof Error ? error.message : String(error))
    }
  }
}

/** In-memory store for unit tests only: it forgets everything when the process ends. */
export class MemorySecretStore implements SecretStore {
  readonly values = new Map<string, string>()
  /** When set, every call throws KeychainUnavailableError (simulates a missing keychain). */
  unavailable = false
  /** Number of `set` calls, to check a rotation is written in one write. */
  writes = 0

  get(key: string): Promise<string | null> {
    return this.guard(() => this.values.get(key) ?? null)
  }

  set(key: string, value: string): Promise<void> {
    return this.guard(() => {
      this.writes += 1
      this.values.set(key, value)
    })
  }

  delete(key: string): Promise<void> {
    return this.guard(() => {
      this.values.delete(key)
    })
  }

  private guard<T>(op: () => T): Promise<T> {
    if (this.unavailable) return Promise.reject(new KeychainUnavailableError('memory store set unavailable'))
    return Promise.resolve(op())
  }
}
