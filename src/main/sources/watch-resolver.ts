import type { BoardResolver, NameLookup } from './source-types'

/**
 * Where a watch session gets its board resolver. `create` is called once per session, so one board
 * listing serves every file of the folder, and again when a name is not found (at most once a minute: the
 * user may just have created the board), when `key` changes (another environment), or after
 * WatchService.forgetBoards() (another user).
 */
interface WatchResolverSource {
  /** A resolver over the boards of `accountKey` (a watched folder's own account, issue 15), else of the account in use. */
  create(accountKey?: string): BoardResolver
  key?(accountKey?: string): string
}

/** Board names for "subfolder = board" and sidecars: a resolver source, a full resolver, or just a board-name function. */
export type WatchResolver = WatchResolverSource | BoardResolver | ((boardName: string) => Promise<NameLookup>)

/** A name not found lists the boards again at most this often (ms): a Trial app has 1,000 requests a day. */
const RESOLVER_REFRESH_MS = 60_000

/**
 * One board listing per watch session, made again when a name is not found (at most once a minute) or the
 * account changes: 300 files dropped into "Recipes/" cost one GET /boards, not 300.
 */
class SessionResolver implements BoardResolver {
  private current: BoardResolver
  private key: string | undefined
  private madeAt: number
  private generation: number

  constructor(
    private readonly source: WatchResolverSource,
    private readonly now: () => number,
    private readonly forgotten: { generation: number },
    private readonly accountKey: string | undefined,
  ) {
    this.key = source.key?.(accountKey)
    this.current = source.create(accountKey)
    this.madeAt = now()
    this.generation = forgotten.generation
  }

  resolve = (name: string) => this.ask((r) => r.resolve(name))
  lookup = (name: string) => this.ask((r) => r.lookup(name))
  resolveSection = (boardId: string, name: string) => this.ask((r) => r.resolveSection(boardId, name))
  lookupSection = (boardId: string, name: string) => this.ask((r) => r.lookupSection(boardId, name))

  private remake(key: string | undefined): void {
    this.key = key
    this.current = this.source.create(this.accountKey)
    this.madeAt = this.now()
    this.generation = this.forgotten.generation
  }

  private async ask(f: (r: BoardResolver) => Promise<NameLookup>): Promise<NameLookup> {
    const key = this.source.key?.(this.accountKey)
    if (key !== this.key || this.generation !== this.forgotten.generation) this.remake(key)
    const used = this.current
    const found = await f(used)
    // Forgotten while asking (another user signed in): the answer may be the old account's board.
    if (this.generation !== this.forgotten.generation) return this.ask(f)
    if (!('error' in found) || !found.missing) return found
    if (used === this.current) {
      if (this.now() - this.madeAt < RESOLVER_REFRESH_MS) return found
      this.remake(this.key)
    }
    return f(this.current)
  }
}

/** Makes the resolvers of new sessions, and drops the board listings of every one made. */
export interface SessionResolvers {
  /**
   * The resolver of a new session, over the boards of the folder's account (`accountKey`, issue 15) or of the
   * account in use: null when the watch cannot look names up (not connected).
   */
  make(accountKey?: string): BoardResolver | null
  /**
   * Every session lists the boards again before its next name: another user may have signed in to the same
   * environment, which `key` does not tell apart. Only a resolver source has listings to drop.
   */
  forget(): void
}

export function sessionResolverMaker(r: WatchResolver | undefined, now: () => number): SessionResolvers {
  const forgotten = { generation: 0 }
  const forget = () => void forgotten.generation++
  if (!r) return { make: () => null, forget }
  if (typeof r === 'function') {
    const noSections = (_boardId: string, name: string): Promise<NameLookup> =>
      Promise.resolve({ error: `Cannot look up section '${name}' here; use the section ID` })
    const plain: BoardResolver = {
      resolve: r,
      lookup: r,
      resolveSection: noSections,
      lookupSection: noSections,
    }
    return { make: () => plain, forget }
  }
  if ('create' in r) return { make: (key) => new SessionResolver(r, now, forgotten, key), forget }
  return { make: () => r, forget }
}
