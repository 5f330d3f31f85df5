/** What main answered for one item's thumbnail, and for which version of the item it was asked. */
interface Entry {
  url: string | null
  version: number | undefined
  /** The file it was made from (its size and time): a file replaced in place gets a new thumbnail. */
  file?: string | undefined
}

/**
 * Thumbnails the window keeps, least recently used first out: at most `max` data: URLs of a few KB each, so memory
 * stays flat whatever the queue's length (issue 16). A "no thumbnail" answer holds only for the item version it
 * was asked for: an item not yet through pre-flight has none, and gets one once it changes. A thumbnail holds
 * while its file keeps its stamp (its `updatedAt` moves at every step, which would ask main again each time).
 */
export class ThumbnailCache {
  private readonly entries = new Map<number, Entry>()

  constructor(private readonly max: number) {}

  /** The entry when it still answers for `version` (and marks it recently used); undefined: ask main. */
  get(itemId: number, version: number | undefined, file?: string): Entry | undefined {
    const e = this.entries.get(itemId)
    if (!e || (e.url === null && e.version !== version)) return undefined
    if (e.url !== null && file !== undefined && e.file !== undefined && e.file !== file) return undefined
    this.entries.delete(itemId)
    this.entries.set(itemId, e)
    return e
  }

  put(itemId: number, url: string | null, version: number | undefined, file?: string): void {
    this.entries.delete(itemId)
    this.entries.set(itemId, { url, version, ...(file !== undefined && { file }) })
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.max) break
      this.entries.delete(oldest)
    }
  }

  get size(): number {
    return this.entries.size
  }
}
