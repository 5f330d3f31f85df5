import type { Board, Environment } from '../../shared/domain'
import type { PinterestApi, TokenProvider } from './api-types'
import { createPinterestClient, resolveApiBase, type PinterestClient } from './pinterest-client'
import type { ProxyResolver } from './proxy-dispatch'
import { RateGovernor, type Slowdown } from './rate-governor'

/**
 * One Pinterest client per environment, each with its own rate governor, so every caller for one
 * account (queue, board picker, CSV import) draws from the same rate windows. A change of rate profile or
 * writes-per-minute limit in the settings retunes the governors in place (`RateGovernor.retune`).
 */
export class ApiRegistry {
  private readonly clients = new Map<Environment, PinterestClient>()
  private readonly governors = new Map<Environment, RateGovernor>()
  private profile: 'standard' | 'trial'
  private rateKey: string
  private boardsCache: { environment: Environment; boards: Board[] } | null = null

  constructor(
    private readonly opts: {
      env: NodeJS.ProcessEnv
      tokens: TokenProvider
      /** The environment signed in now: only its client is handed out. */
      current: () => Environment
      profile: () => 'standard' | 'trial'
      /** Whatever else the governors are built from (the writes-per-minute limit): a change replaces them too. */
      rateKey?: () => string
      /** The governor of a new client (default: the profile's documented limits). */
      governor?: (profile: 'standard' | 'trial', environment: Environment) => RateGovernor
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

  /** The client for an account key (= environment), or null when that account is not the one in use. */
  apiFor(accountKey: string): PinterestApi | null {
    const environment = this.opts.current()
    return accountKey === environment ? this.client(environment) : null
  }

  current(): PinterestApi {
    return this.client(this.opts.current())
  }

  private client(environment: Environment): PinterestClient {
    const profile = this.opts.profile()
    const rateKey = this.opts.rateKey?.() ?? ''
    if (profile !== this.profile || rateKey !== this.rateKey) {
      this.profile = profile
      this.rateKey = rateKey
      // The clients stay (items mid-way hold them); their governors take the new limits with what they counted.
      for (const [env, g] of this.governors) g.retune(this.newGovernor(profile, env))
    }
    let c = this.clients.get(environment)
    if (!c) {
      const governor = this.newGovernor(profile, environment)
      c = createPinterestClient({
        apiBase: resolveApiBase(environment, this.opts.env),
        tokens: this.opts.tokens,
        governor,
        env: this.opts.env,
        ...(this.opts.resolveProxy && { resolveProxy: this.opts.resolveProxy }),
      })
      this.clients.set(environment, c)
      this.governors.set(environment, governor)
    }
    return c
  }

  private newGovernor(profile: 'standard' | 'trial', environment: Environment): RateGovernor {
    return this.opts.governor?.(profile, environment) ?? new RateGovernor({ profile })
  }

  /** Why requests wait now in the governor of the account in use (rate-governor.ts); null when none waits. */
  slowdown(): Slowdown | null {
    return this.governors.get(this.opts.current())?.slowdown() ?? null
  }

  /** The user's boards, listed once per session unless a refresh is asked for. */
  async boards(refresh = false): Promise<Board[]> {
    const environment = this.opts.current()
    if (!refresh && this.boardsCache?.environment === environment) return this.boardsCache.boards
    const boards = await this.current().listBoards()
    this.boardsCache = { environment, boards }
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
