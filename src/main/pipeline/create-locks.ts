/**
 * Keeps two creates with the same visible fingerprint (board, title, description, link, alt text, section) from
 * being in `creating` at once in one queue: the board cannot tell their Pins apart, so after a lost answer or a
 * crash one could adopt the other's Pin and the other post again (docs/architecture.md, "Exactly one Pin per
 * file"). An item holds its key from its `creating` write until it leaves `creating`, across runs (a create
 * waiting out its grace period still holds it).
 */
export class CreateLocks {
  private readonly holders = new Map<string, Set<number>>()
  private readonly keyOf = new Map<number, string>()
  private readonly waiters = new Map<string, Set<() => void>>()

  /** Items other than `id` holding `key`. */
  others(key: string, id: number): number[] {
    return [...(this.holders.get(key) ?? [])].filter((h) => h !== id)
  }

  hold(key: string, id: number): void {
    const prev = this.keyOf.get(id)
    if (prev === key) return
    if (prev !== undefined) this.release(id)
    let set = this.holders.get(key)
    if (!set) this.holders.set(key, (set = new Set()))
    set.add(id)
    this.keyOf.set(id, key)
  }

  /** The item left `creating` (or is gone): its key is free for the next twin. */
  release(id: number): void {
    const key = this.keyOf.get(id)
    if (key === undefined) return
    this.keyOf.delete(id)
    const set = this.holders.get(key)
    set?.delete(id)
    if (set?.size === 0) this.holders.delete(key)
    this.notify(key)
  }

  /** A holder stopped running (it may now wait in `creating` for its grace period): waiters look again. */
  poke(id: number): void {
    const key = this.keyOf.get(id)
    if (key !== undefined) this.notify(key)
  }

  /** Resolves at the next release or poke of `key`; rejects with the abort reason. */
  changed(key: string, signal: AbortSignal): Promise<void> {
    signal.throwIfAborted()
    return new Promise<void>((resolve, reject) => {
      let set = this.waiters.get(key)
      if (!set) this.waiters.set(key, (set = new Set()))
      const done = () => {
        signal.removeEventListener('abort', onAbort)
        resolve()
      }
      const onAbort = () => {
        set.delete(done)
        reject(signal.reason as Error)
      }
      set.add(done)
      signal.addEventListener('abort', onAbort, { once: true })
    })
  }

  private notify(key: string): void {
    const set = this.waiters.get(key)
    if (!set) return
    this.waiters.delete(key)
    for (const w of set) w()
  }
}
