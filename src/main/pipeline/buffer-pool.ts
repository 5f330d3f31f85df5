/** A buffer on loan from a BufferPool: `bytes` is exactly the size asked for; give it back once. */
export interface Lease {
  readonly bytes: Buffer
  release(): void
}

/** Smallest slab handed out; sizes are rounded up to a power of two so slabs fit the next photo too. */
const MIN_SLAB = 64 * 1024

/**
 * Reused buffers for the photos the pipeline reads whole and sends as one base64 JSON body (two buffers a
 * Pin: the file, ~1.33× it as base64). Fresh ones are external memory to V8, which starts a full collection
 * of the whole heap every ~64 MB of them: at a few hundred photos that was more CPU than the upload itself.
 * Keeps at most `keepPerSize` free slabs of each size, and `clear()` drops them all (the queue does when
 * it goes idle), so an idle app holds nothing.
 */
export class BufferPool {
  private readonly free = new Map<number, Buffer[]>()

  constructor(
    /** Larger requests get a plain buffer, never kept. */
    private readonly maxBytes: number,
    private readonly keepPerSize = 4,
  ) {}

  take(size: number): Lease {
    if (size > this.maxBytes) return { bytes: Buffer.allocUnsafe(size), release: () => {} }
    const cap = Math.max(MIN_SLAB, 2 ** Math.ceil(Math.log2(Math.max(1, size))))
    const slab = this.free.get(cap)?.pop() ?? Buffer.allocUnsafeSlow(cap)
    let out = true
    return {
      bytes: slab.subarray(0, size),
      release: () => {
        // A double release would hand one slab to two borrowers at once.
        if (!out) return
        out = false
        const list = this.free.get(cap) ?? []
        if (list.length < this.keepPerSize) list.push(slab)
        this.free.set(cap, list)
      },
    }
  }

  /** Bytes held by free slabs (what an idle queue would keep; tests check it). */
  get heldBytes(): number {
    let n = 0
    for (const [cap, list] of this.free) n += cap * list.length
    return n
  }

  clear(): void {
    this.free.clear()
  }
}
