import { environmentOfKey, userKeyOf } from '../../shared/account-key'
import type { AccountView, Environment } from '../../shared/domain'
import { AppError } from '../../shared/ipc/result'
import { asAppError } from '../pinterest/to-app-error'
import { type TokenProvider, type UserAccount } from '../pinterest/api-types'
import { ApiError } from '../pinterest/api-error'
import { secretKeys } from '../secrets/secret-store'
import {
  chooseAccount,
  currentKeyOf,
  forgetUser,
  migrateAccountFile,
  profileOf,
  readAccountFile,
  readAccountFileSync,
  saveAppSettings,
  updateAccountFile,
  updateNamingProfile,
} from './account-file'
import { type AccountFile, type AccountProfile, migrateLegacyTokens } from './account-model'
import { readAccountView } from './account-status'
import { envTokenFrom, type EnvToken } from './env-token'
import { authorizeInBrowser } from './browser-sign-in'
import { scopesFor } from './oauth-loopback'
import {
  SIGN_OUT_MESSAGE,
  type AccountListener,
  type AccountServiceOptions,
  type SaveAppInput,
} from './account-types'
import { connectedFacts, deleteTokenBundle, saveTokenBundle, type TokenBundle } from './token-bundle'
import { exchangeCode, fetchUserAccount } from './token-endpoint'
import { AccountRefreshers } from './account-refreshers'
import { AccountSenders } from './account-senders'

/**
 * The account as the IPC layer and the CLI see it: app settings, sign-in, pasted token, sign-out and a TokenProvider
 * for the API client. Secrets go only to the SecretStore; every view and error it produces is free of them.
 */
export class AccountService {
  private file: AccountFile
  private readonly refreshers: AccountRefreshers
  private readonly senders: AccountSenders
  private readonly listeners = new Set<AccountListener>()
  private connecting: AbortController | null = null
  private envUser: UserAccount | undefined
  private readonly now: () => number
  /** The first start after issue 15 moves the legacy sign-in to its user's keychain entry; all else waits on it. */
  private readonly migrated: Promise<void>

  constructor(private readonly opts: AccountServiceOptions) {
    this.now = opts.now ?? Date.now
    this.file = readAccountFileSync(opts.dataDir)
    this.migrated = migrateAccountFile(opts.dataDir, opts.secrets).then(
      (file) => void (this.file = file),
      () => undefined,
    )
    this.refreshers = new AccountRefreshers({ ...opts, now: this.now }, async () => {
      await this.changed()
    })
    const envToken = () => this.envToken()
    const refreshers = this.refreshers
    this.senders = new AccountSenders({ file: () => this.file, envToken, refreshers, ready: this.migrated })
  }

  /** Whether an account's items may be sent now (every signed-in account sends, issue 15). */
  sends(accountKey: string): boolean {
    return this.senders.sends(accountKey)
  }

  /** The accounts whose items may be sent now. */
  sendingAccounts(): string[] {
    return this.senders.sending()
  }

  /** One account's own tokens (its refresher, or the environment token), whichever account is in use. */
  tokensFor(accountKey: string): TokenProvider {
    return this.senders.tokensFor(accountKey)
  }

  /** The queue's account key: the current account `<environment>:<username>` (issue 15), else the environment. */
  accountKey(): string {
    return this.envToken() ? this.environment() : currentKeyOf(this.file, this.file.environment)
  }

  /** The environment in use (an environment token's, else the one chosen in account.json). */
  environment(): Environment {
    return this.envToken()?.environment ?? this.file.environment
  }

  async get(message?: string): Promise<AccountView> {
    await this.load()
    const environment = this.environment()
    return readAccountView({
      file: this.file,
      environment,
      secrets: this.opts.secrets,
      now: this.now(),
      refresherDead: this.refreshers.for(currentKeyOf(this.file, environment)).needsSignIn,
      envToken: this.envToken() ? { user: this.envUser } : null,
      message,
    })
  }

  /** Stores the App ID, port and opt-ins in account.json and the secret (if given) in the keychain. */
  async saveApp(input: SaveAppInput): Promise<AccountView> {
    const appId = input.appId.trim()
    if (!appId) throw new AppError('validation', 'Enter the App ID of your Pinterest app.')
    if (!Number.isInteger(input.port) || input.port < 1 || input.port > 65535) {
      throw new AppError('validation', 'The port must be a whole number between 1 and 65535.')
    }
    if (input.appSecret !== undefined) {
      await this.opts.secrets.set(secretKeys.appSecret(input.environment), input.appSecret.trim())
    }
    const app = { appId, port: input.port, secretBoards: input.secretBoards }
    this.file = await updateAccountFile(this.opts.dataDir, (f) => saveAppSettings(f, input.environment, app))
    return this.changed()
  }

  /** Runs the browser sign-in for the current environment; resolves once connected. */
  async connect(signal?: AbortSignal): Promise<AccountView> {
    if (this.connecting) throw new AppError('conflict', 'A sign-in is already in progress.')
    const controller = new AbortController()
    const onAbort = (): void => controller.abort()
    signal?.addEventListener('abort', onAbort, { once: true })
    if (signal?.aborted) controller.abort()
    this.connecting = controller
    let named = false
    try {
      const file = await this.load()
      const environment = file.environment
      const profile = profileOf(file, environment)
      if (!profile.appId)
        throw new AppError('validation', 'Enter the App ID and secret of your Pinterest app first.')
      const clientSecret = await this.opts.secrets.get(secretKeys.appSecret(environment))
      if (clientSecret === null)
        throw new AppError('validation', 'Enter the app secret of your Pinterest app first.')
      await this.nameUnnamed().catch(() => undefined)
      const clientId = profile.appId
      const browser = {
        clientId,
        port: profile.port,
        scope: scopesFor(profile.secretBoards),
        oauthBase: this.opts.oauthBase,
        openExternal: this.opts.openExternal,
        signal: controller.signal,
        ...(this.opts.signInTimeoutMs === undefined ? {} : { timeoutMs: this.opts.signInTimeoutMs }),
      }
      // Inside the browser step, so its page says "connected" only once the tokens are stored.
      await authorizeInBrowser(browser, async (code, redirectUri) => {
        const http = this.http(environment, controller.signal)
        const grant = await exchangeCode({ ...http, clientId, clientSecret, code, redirectUri }).catch(
          asAppError,
        )
        const user = await fetchUserAccount({ ...http, accessToken: grant.accessToken }).catch(asAppError)
        const bundle: TokenBundle = { ...grant }
        await this.store(userKeyOf(environment, user.username), bundle, async () => {
          named = await this.updateNaming(environment, (p) => ({
            ...p,
            ...connectedFacts(user, bundle),
            tokenSource: 'oauth',
          }))
        })
      })
      await this.userNamed(environment, named)
      return await this.changed()
    } finally {
      signal?.removeEventListener('abort', onAbort)
      this.connecting = null
    }
  }

  /** Makes an account the one in use: `pinload accounts use`, the window's switcher (issue 15). */
  async use(accountKey: string): Promise<AccountView> {
    this.file = await updateAccountFile(this.opts.dataDir, (f) => chooseAccount(f, accountKey))
    return this.changed()
  }

  /** Stops a running `connect` (it rejects as cancelled). */
  cancelConnect(): void {
    this.connecting?.abort()
  }

  /** Uses a pasted access token (e.g. a sandbox token from the app page), checked with `GET /v5/user_account`. */
  async useToken(input: { token: string; environment: Environment }): Promise<AccountView> {
    const token = input.token.trim()
    if (token.length < 8)
      throw new AppError('validation', 'That does not look like a Pinterest access token.')
    const user = await fetchUserAccount({ ...this.http(input.environment), accessToken: token }).catch(
      (error: unknown) => {
        if (error instanceof ApiError && error.kind === 'auth') {
          throw new AppError(
            'auth',
            `Pinterest did not accept this token for ${input.environment}. Copy it again from your app's page.`,
          )
        }
        return asAppError(error)
      },
    )
    const bundle: TokenBundle = {
      accessToken: token,
      refreshToken: null,
      accessExpiresAt: null,
      refreshExpiresAt: null,
      scope: null,
    }
    if ((await this.load()).environment === input.environment) await this.nameUnnamed().catch(() => undefined)
    let named = false
    await this.store(userKeyOf(input.environment, user.username), bundle, async () => {
      named = await this.updateNaming(input.environment, (p) => ({
        ...p,
        ...connectedFacts(user, bundle),
        tokenSource: 'pasted',
      }))
    })
    await this.userNamed(input.environment, named)
    this.file = await updateAccountFile(this.opts.dataDir, (f) => void (f.environment = input.environment))
    return this.changed()
  }

  /** Deletes the stored tokens (and the app secret when asked). Pinterest cannot revoke user tokens: the message says so. */
  async signOut(
    opts: { forgetAppSecret?: boolean; environment?: Environment; account?: string } = {},
  ): Promise<AccountView> {
    const file = await this.load()
    const key = opts.account ?? currentKeyOf(file, opts.environment ?? file.environment)
    const environment = environmentOfKey(key)
    // First, so that a refresh in flight (here) drops its answer and no token is handed out any more.
    this.refreshers.for(key).reset(null)
    // Under the refresh lock, so that a refresh in flight in another process stores before the delete, not after.
    await this.refreshers.underLock(key, async () => {
      await deleteTokenBundle(this.opts.secrets, key)
      if (opts.forgetAppSecret) await this.opts.secrets.delete(secretKeys.appSecret(environment))
      this.file = await updateAccountFile(this.opts.dataDir, (f) => forgetUser(f, key))
    })
    return this.changed(SIGN_OUT_MESSAGE)
  }

  /** Asks Pinterest who the token belongs to (one refresh after a 401) and records the answer. */
  async whoami(): Promise<AccountView> {
    const environment = this.environment()
    const provider = this.tokenProvider()
    const ask = async (token: string) => fetchUserAccount({ ...this.http(environment), accessToken: token })
    let user: UserAccount
    try {
      user = await ask(await provider.getAccessToken())
    } catch (error) {
      if (!(error instanceof ApiError && error.kind === 'auth' && error.details.status === 401))
        return asAppError(error)
      user = await ask(await provider.refreshAccessToken().catch(asAppError)).catch(asAppError)
    }
    if (this.envToken()) this.envUser = user
    else {
      const named = await this.updateNaming(environment, (p) => ({
        ...p,
        username: p.username ?? user.username,
        ...(user.accountType ? { accountType: user.accountType } : {}),
      }))
      // A sign-in from before issue 15 that had no name has one now: its tokens move to that user's entry.
      if (await migrateLegacyTokens(this.opts.secrets, this.file).then((moved) => moved.length > 0))
        this.refreshers.for(environment).reset(null)
      await this.userNamed(environment, named)
    }
    return this.get()
  }

  /**
   * Asks Pinterest who the account in use is when account.json does not name it (a sign-in from before issue 15):
   * the app does this at start, so its queue's rows move to that user's key; and so does a sign-in first, or the
   * next user to sign in would take the old one's rows.
   */
  async nameUnnamed(): Promise<void> {
    const file = await this.load()
    const key = currentKeyOf(file, file.environment)
    if (!this.envToken() && key === file.environment && file.users[key]?.status === 'connected')
      await this.whoami()
  }

  /** A stable TokenProvider that always follows the account in use (environment token first). */
  tokenProvider(): TokenProvider {
    return {
      getAccessToken: async () => this.tokensFor(this.accountKey()).getAccessToken(),
      refreshAccessToken: async () => this.tokensFor(this.accountKey()).refreshAccessToken(),
    }
  }

  /**
   * Reads account.json and the keychain afresh and tells the listeners: another process (the `pinload`
   * command) signed in or out. Cached tokens are dropped, so the next request uses what is stored now; a renewed
   * token the keychain has not taken yet is kept (it is the only live one).
   */
  async reload(): Promise<AccountView> {
    await this.refreshers.reload()
    return this.changed()
  }

  /** Subscribes to account changes (sign-in, refresh, needs-sign-in, sign-out); returns the unsubscribe function. */
  onChange(listener: AccountListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Starts the proactive refresh timer (the shell calls this once); unref'd. */
  startRefreshTimer(intervalMs?: number): void {
    this.refreshers.startTimer(() => (this.envToken() ? [] : this.senders.sending()), intervalMs)
  }

  stopRefreshTimer(): void {
    this.refreshers.stopTimer()
  }

  /** Stops timers and any sign-in in progress. */
  dispose(): void {
    this.cancelConnect()
    this.listeners.clear()
    this.refreshers.dispose()
  }

  /** Re-reads account.json: another Pinload process (the CLI) may have changed it. */
  private async load(): Promise<AccountFile> {
    await this.migrated
    this.file = await readAccountFile(this.opts.dataDir)
    // A dead sign-in is written to account.json before anyone hears of it, so "connected" there with a dead
    // refresher here means another process (the CLI) signed in again since: read the keychain afresh.
    for (const [key, refresher] of this.refreshers.made()) {
      if (refresher.needsSignIn && this.file.users[key]?.status === 'connected') await refresher.reload()
    }
    return this.file
  }

  private envToken(): EnvToken | null {
    return envTokenFrom(this.opts.env)
  }

  /**
   * Stores a new sign-in. The refresher takes it first, so a refresh of the old sign-in in flight drops its answer;
   * the keychain write waits for a refresh in another process, which would otherwise overwrite it.
   */
  private async store(accountKey: string, bundle: TokenBundle, facts: () => Promise<void>): Promise<void> {
    const refresher = this.refreshers.for(accountKey)
    refresher.reset(bundle)
    await this.refreshers.underLock(accountKey, async () => {
      try {
        await saveTokenBundle(this.opts.secrets, accountKey, bundle)
      } catch (error) {
        // Not stored, so not signed in: go back to what the keychain holds.
        refresher.reset()
        throw error
      }
      await facts()
    })
  }

  /** updateProfile; true when it named the environment's account, which had no user key before (issue 15). */
  private async updateNaming(environment: Environment, patch: (p: AccountProfile) => AccountProfile) {
    const { file, named } = await updateNamingProfile(this.opts.dataDir, environment, patch)
    this.file = file
    return named
  }

  /**
   * The rows kept under the environment alone (an old sign-in's, or queued while nobody was signed in) belong to
   * the user just named: the app's hook moves them to that user's key. Called once the tokens are in place.
   */
  private async userNamed(environment: Environment, named: boolean): Promise<void> {
    const key = this.file.current[environment]
    if (named && key !== undefined) await this.opts.onUserNamed?.(environment, key)
  }

  private http(environment: Environment, signal?: AbortSignal) {
    return {
      apiBase: this.opts.apiBaseFor(environment),
      now: this.now,
      ...(this.opts.fetchTimeoutMs === undefined ? {} : { timeoutMs: this.opts.fetchTimeoutMs }),
      ...(signal ? { signal } : {}),
    }
  }

  private async changed(message?: string): Promise<AccountView> {
    const view = await this.get(message)
    for (const listener of this.listeners) {
      try {
        listener(view)
      } catch {
        // A failing listener must not undo a sign-in that already happened.
      }
    }
    return view
  }
}
