import { environmentOfKey } from '../../shared/account-key'
import type { AccountServiceOptions } from './account-types'

import { DEFAULT_REFRESH_CHECK_MS } from './refresh-settings'
import type { TokenRefresher } from './token-refresher'
import { createAccountRefresher, refreshLock } from './token-source'

/**
 * The accounts' keychain sign-ins: one TokenRefresher per account key (`<environment>:<username>`, issue 15; made
 * on first use), the timer that renews the signed-in ones before they end, and the refresh lock that sign-in and
 * sign-out take too.
 */
export class AccountRefreshers {
  private readonly refreshers = new Map<string, TokenRefresher>()
  private timer: NodeJS.Timeout | undefined

  constructor(
    private readonly opts: Pick<
      AccountServiceOptions,
      'dataDir' | 'secrets' | 'apiBaseFor' | 'fetchTimeoutMs' | 'refreshBeforeMs' | 'adoptWaitMs' | 'logger'
    > & { now: () => number },
    /** Called after a refresher stored a rotation or found the sign-in dead. */
    private readonly afterChange: () => Promise<void>,
  ) {}

  for(accountKey: string): TokenRefresher {
    let refresher = this.refreshers.get(accountKey)
    if (!refresher) {
      const o = this.opts
      const environment = environmentOfKey(accountKey)
      refresher = createAccountRefresher({
        dataDir: o.dataDir,
        secrets: o.secrets,
        environment,
        accountKey,
        apiBase: o.apiBaseFor(environment),
        now: o.now,
        ...(o.fetchTimeoutMs === undefined ? {} : { fetchTimeoutMs: o.fetchTimeoutMs }),
        ...(o.refreshBeforeMs === undefined ? {} : { refreshBeforeMs: o.refreshBeforeMs }),
        ...(o.adoptWaitMs === undefined ? {} : { adoptWaitMs: o.adoptWaitMs }),
        ...(o.logger ? { logger: o.logger } : {}),
        afterChange: this.afterChange,
      })
      this.refreshers.set(accountKey, refresher)
    }
    return refresher
  }

  /** True when this account's refresher found its sign-in dead (none made yet: not known dead). */
  isDead(accountKey: string): boolean {
    return this.refreshers.get(accountKey)?.needsSignIn ?? false
  }

  /** The refreshers made so far, by account key. */
  made(): [string, TokenRefresher][] {
    return [...this.refreshers]
  }

  /** Every refresher reads the keychain again (see TokenRefresher.reload). */
  async reload(): Promise<void> {
    for (const refresher of this.refreshers.values()) await refresher.reload()
  }

  /**
   * Checks the sign-ins `accounts()` names every interval (every signed-in account sends, issue 15; none while an
   * environment token is in use); unref'd.
   */
  startTimer(accounts: () => string[], intervalMs = DEFAULT_REFRESH_CHECK_MS): void {
    this.stopTimer()
    this.timer = setInterval(() => {
      for (const accountKey of accounts()) void this.for(accountKey).checkNow()
    }, intervalMs)
    this.timer.unref()
  }

  stopTimer(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = undefined
  }

  /** Runs `op` holding the account's refresh lock; past the bounded wait it runs anyway (the user asked for it). */
  async underLock(accountKey: string, op: () => Promise<void>): Promise<void> {
    const release = await refreshLock(this.opts.dataDir, accountKey).acquire()
    try {
      await op()
    } finally {
      await release?.()
    }
  }

  dispose(): void {
    this.stopTimer()
    for (const refresher of this.refreshers.values()) refresher.dispose()
  }
}
