/** The abort reason as an Error (AbortSignal allows any value). */
function abortReason(signal: AbortSignal | undefined): Error {
  const r: unknown = signal?.reason
  return r instanceof Error ? r : new Error(typeof r === 'string' ? r : 'aborted')
}

/** A counting semaphore whose waiters are served FIFO and can give up through an AbortSignal. */
export class Semaphore {
  private used = 0
  private readonly waiters: { resolve: () => void; reject: (e: unknown) => void }[] = []

  constructor(private limit: number) {}

  setLimit(limit: number): void {
    this.limit = Math.max(1, limit)
    this.drain()
  }

  get inUse(): number {
    return this.used
  }

  /** Resolves with a release function once a slot is free. */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    signal?.throwIfAborted()
    if (this.used < this.limit && this.waiters.length === 0) {
      this.used++
      return this.releaser()
    }
    await new Promise<void>((resolve, reject) => {
      const w = {
        resolve: () => {
          signal?.removeEventListener('abort', onAbort)
          resolve()
        },
        reject,
      }
      const onAbort = () => {
        const i = this.waiters.indexOf(w)
        if (i >= 0) this.waiters.splice(i, 1)
        reject(abortReason(signal))
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      this.waiters.push(w)
    })
    return this.releaser()
  }

  private releaser(): () => void {
    let done = false
    return () => {
      if (done) return
      done = true
      this.used--
      this.drain()
    }
  }

  private drain(): void {
    while (this.used < this.limit && this.waiters.length > 0) {
      this.used++
      this.waiters.shift()?.resolve()
    }
  }
}
