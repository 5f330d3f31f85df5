import type { Board, Environment } from '../../shared/domain'
import type { PinterestApi, TokenProvider } from './api-types'
import { createPinterestClient, resolveApiBase, type PinterestClient } from './pinterest-client'
import type { ProxyResolver } from './proxy-dispatch'
import { RateGovernor, type Slowdown } from './rate-governor'

/** Pinterest's hold before the app's own budget; the longest hold; the earliest next budget slot. */
function outranks(a: Slowdown, b: Slowdown | null): boolean {
  if (b === null) return true
  if (a.by !== b.by) return a.by === 'pinterest'
  return a.by === 'pinterest' ? a.until > b.until : a.until < b.until
}

/**
 * One Pinterest client per account (issue 15: `<environment>:<username>`), each with its own rate governor, so every caller for one
 * account (queue, board picker, CSV import) draws from the same rate windows. A change of rate profile or
 * writes-per-minute limit in the settings retunes the governors in place (`RateGovernor.retune`).
 */
export class ApiRegistry {
  // Per account key (issue 15): each Pinterest user has its own client and rate budget.
  private readonly clients = new Map<string, PinterestClient>()
  private readonly governors = new Map<string, RateGovernor>()
  private profile: 'standard' | 'trial'
  private rateKey: string
  private boardsCache: { accountKey: string; boards: Board[] } | null = null

  constructor(
    private readonly opts: {
      env: NodeJS.ProcessEnv
      /** The tokens of one account, asked at each request: a new sign-in of that account is used at once. */
      tokensFor: (accountKey: string) => TokenProvider
      /**
       * Whether an account's items may be sent now (signed in, no new sign-in needed). Every such account has a
       * client, not only the one in use (issue 15): items queued under one account go on after a switch.
       */
      sends: (accountKey: string) => boolean
      /** The account key in use now (`<environment>:<username>`, or the environment alone): new batches, boards. */
      current: () => string
      /** The environment an account key belongs to. */
      environmentOf: (accountKey: string) => Environment
      profile: () => 'standard' | 'trial'
      /** Whatever else the governors are built from (the writes-per-minute limit): a change replaces them too. */
      rateKey?: () => string
      /** The governor of a new client (default: the profile's documented limits). */
      governor?: (profile: 'standard' | 'trial', accountKey: string) => RateGovernor
      /**
       * The system's proxy answer per URL (the desktop shell feeds it from Electron's `session.resolveProxy`).
       * Without it the clients follow `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY` from `env`.
       */
      resolveProxy?: ProxyResolver
    },
  ) {
    this.profile = opts.profile()
    this.rateKey = opts.rateKey?.() ?? ''
  }

  /** The client of an account key, or null when that account cannot send now (signed out, needs a sign-in). */
  apiFor(accountKey: string): PinterestApi | null {
    return this.opts.sends(accountKey) ? this.client(accountKey) : null
  }

  /** The client of an account whether or not it may send now: a watched folder's board names (issue 15). */
  forAccount(accountKey: string): PinterestApi {
    return this.client(accountKey)
  }

  current(): PinterestApi {
    return this.client(this.opts.current())
  }

  private client(accountKey: string): PinterestClient {
    const profile = this.opts.profile()
    const rateKey = this.opts.rateKey?.() ?? ''
    if (profile !== this.profile || rateKey !== this.rateKey) {
      this.profile = profile
      this.rateKey = rateKey
      // The clients stay (items mid-way hold them); their governors take the new limits with what they counted.
      for (const [key, g] of this.governors) g.retune(this.newGovernor(profile, key))
    }
    let c = this.clients.get(accountKey)
    if (!c) {
      const governor = this.newGovernor(profile, accountKey)
      const tokens = (): TokenProvider => this.opts.tokensFor(accountKey)
      c = createPinterestClient({
        apiBase: resolveApiBase(this.opts.environmentOf(accountKey), this.opts.env),
        // This account's own tokens (its own refresher), never those of the account in use.
        tokens: {
          getAccessToken: async () => tokens().getAccessToken(),
          refreshAccessToken: async () => tokens().refreshAccessToken(),
        },
        governor,
        env: this.opts.env,
        ...(this.opts.resolveProxy && { resolveProxy: this.opts.resolveProxy }),
      })
      this.clients.set(accountKey, c)
      this.governors.set(accountKey, governor)
    }
    return c
  }

  private newGovernor(profile: 'standard' | 'trial', accountKey: string): RateGovernor {
    return this.opts.governor?.(profile, accountKey) ?? new RateGovernor({ profile })
  }

  /**
   * Why requests wait now in some account's governor (rate-governor.ts), null when none waits. Every account
   * sends (issue 15), so a hold of an account other than the one in use holds its items too: unless it is the
   * only account sending and the one in use, the key of the one that waits comes with it.
   */
  slowdown(): (Slowdown & { accountKey?: string }) | null {
    let worst: (Slowdown & { accountKey: string }) | null = null
    for (const [accountKey, g] of this.governors) {
      const s = g.slowdown()
      if (s && outranks(s, worst)) worst = { ...s, accountKey }
    }
    if (worst === null) return null
    const named = this.governors.size > 1 || worst.accountKey !== this.opts.current()
    return named ? worst : { until: worst.until, by: worst.by }
  }

  /** The user's boards, listed once per session unless a refresh is asked for. */
  async boards(refresh = false): Promise<Board[]> {
    const accountKey = this.opts.current()
    if (!refresh && this.boardsCache?.accountKey === accountKey) return this.boardsCache.boards
    const boards = await this.current().listBoards()
    this.boardsCache = { accountKey, boards }
    return boards
  }

  rememberBoard(board: Board): void {
    if (this.boardsCache) this.boardsCache.boards = [...this.boardsCache.boards, board]
  }

  forgetBoards(): void {
    this.boardsCache = null
  }

  async closeAll(): Promise<void> {
    const all = [...this.clients.values()]
    this.clients.clear()
    this.governors.clear()
    await Promise.allSettled(all.map((c) => c.close()))
  }
}
