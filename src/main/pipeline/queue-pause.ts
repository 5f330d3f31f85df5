import type { Database } from '../db/connection'
import type { WaitingAccount } from '../../shared/domain'
import { usernameOfKey } from '../../shared/account-key'
import { loadQueuePause, saveQueuePause } from '../db/settings-store'
import { BatchPause } from './batch-pause'
import { SIGN_IN_AGAIN } from './errors'

/** Accounts and batches whose items may not start now (item-repository.ts filters them out). */
export interface Blocked {
  blockedAccounts: string[]
  blockedBatches: number[]
}

/**
 * What holds the queue back: the user's pause of everything, saved in the database so that it outlives the
 * process and the other process on the same data folder sees it (README.md, "The headless command"), and the
 * accounts paused until they sign in again (in memory only: a restart asks the keychain afresh), and the
 * batches the user paused one by one (batch-pause.ts).
 */
export class QueuePause {
  private all: { reason: string | undefined } | null
  private readonly accounts = new Map<string, string>()
  readonly batches: BatchPause

  constructor(
    private readonly db: Database,
    /** How many active items each account has (item-repository.ts), for the accounts that wait. */
    private readonly activeByAccount: (keys: readonly string[]) => ReadonlyMap<string, number>,
  ) {
    this.batches = new BatchPause(db)
    const saved = loadQueuePause(db)
    this.all = saved === null ? null : { reason: saved || undefined }
  }

  /** True while everything is paused. */
  get paused(): boolean {
    return this.all !== null
  }

  pauseAll(reason?: string): void {
    this.all = { reason }
    saveQueuePause(this.db, reason ?? '')
  }

  resumeAll(): void {
    this.all = null
    saveQueuePause(this.db, null)
  }

  /**
   * The pause as saved now, maybe by another process: null when not paused, else its reason ('' for none).
   * The paused batches are read again on the way, as another process may have changed them too.
   */
  saved(): string | null {
    this.batches.reload()
    return loadQueuePause(this.db)
  }

  pauseAccount(accountKey: string, reason: string): void {
    this.accounts.set(accountKey, reason)
  }

  resumeAccount(accountKey: string): void {
    this.accounts.delete(accountKey)
  }

  /** Accounts whose items wait for a sign-in. */
  pausedAccounts(): string[] {
    return [...this.accounts.keys()]
  }

  /** What may not start: items of these accounts (paused ones and `unavailable`) and of these batches. */
  blocked(unavailable: Iterable<string>): Blocked {
    return {
      blockedAccounts: [...this.pausedAccounts(), ...unavailable],
      blockedBatches: this.batches.list(),
    }
  }

  /**
   * For the totals: `paused` only while everything is (the user's or the spam guard's pause), with its reason;
   * the accounts whose items wait for a sign-in (paused after an auth error, or `unavailable`: no key) are
   * listed apart, as the other accounts' items go on (issue 15, docs/architecture.md "Several accounts").
   */
  summary(unavailable: ReadonlySet<string>): {
    paused: boolean
    reason: string | undefined
    pausedBatches: number[]
    waitingAccounts: WaitingAccount[]
  } {
    const waiting = new Map(this.accounts)
    for (const key of unavailable) if (!waiting.has(key)) waiting.set(key, SIGN_IN_AGAIN)
    // Only an account that still has items to send waits: one signed out, or whose items were all removed,
    // after its sign-in error has nothing held back, and its note would stay until a restart.
    const items = waiting.size === 0 ? new Map<string, number>() : this.activeByAccount([...waiting.keys()])
    return {
      paused: this.all !== null,
      reason: this.all?.reason,
      pausedBatches: this.batches.list(),
      waitingAccounts: [...waiting]
        .filter(([key]) => (items.get(key) ?? 0) > 0)
        .map(([key, reason]) => waitingAccount(key, reason, items.get(key) ?? 0)),
    }
  }
}

function waitingAccount(key: string, reason: string, items: number): WaitingAccount {
  const account = usernameOfKey(key)
  return { key, reason, items, ...(account !== undefined && { account }) }
}
