import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import type { WatchService } from '../../src/main/sources/watch-service'
import type { WatchRecord, WatchStore } from '../../src/main/db/watch-repository'
import type { QueueSink } from '../../src/main/pipeline/queue-sink'
import type { ItemDraft, WatchView } from '../../src/shared/domain'

/** Real in-memory stand-ins for what the sources talk to: a queue sink and watch stores. */

/** One enqueue call as the sink saw it. */
export interface RecordedBatch {
  batchId: number
  drafts: ItemDraft[]
  origin: { kind: string; label: string }
}

/** Records every enqueue; knows a file by path+size+mtime as the real queue does. */
export class MemorySink implements QueueSink {
  readonly batches: RecordedBatch[] = []
  readonly known = new Map<string, { size: number; mtimeMs: number }>()
  private listeners: ((b: RecordedBatch) => void)[] = []

  enqueue(drafts: ItemDraft[], origin: { kind: 'drop' | 'folder' | 'watch' | 'csv' | 'cli'; label: string }) {
    const batch = { batchId: this.batches.length + 1, drafts, origin }
    this.batches.push(batch)
    for (const d of drafts) {
      if (d.path) {
        const st = statSync(d.path)
        this.known.set(d.path, { size: st.size, mtimeMs: st.mtimeMs })
      }
    }
    for (const l of this.listeners) l(batch)
    return { batchId: batch.batchId, queued: drafts.length, duplicates: 0 }
  }

  isKnownFile(path: string, size: number, mtimeMs: number): boolean {
    const k = this.known.get(path)
    return k !== undefined && k.size === size && k.mtimeMs === mtimeMs
  }

  get paths(): string[] {
    return this.batches.flatMap((b) => b.drafts.map((d) => d.path ?? d.url ?? ''))
  }

  /** Resolves once `n` files in total have been queued. */
  waitForCount(n: number, timeoutMs = 15_000): Promise<void> {
    if (this.paths.length >= n) return Promise.resolve()
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timed out waiting for ${n} queued files (have ${this.paths.length})`)),
        timeoutMs,
      )
      const l = () => {
        if (this.paths.length >= n) {
          clearTimeout(timer)
          this.listeners = this.listeners.filter((x) => x !== l)
          resolve()
        }
      }
      this.listeners.push(l)
    })
  }
}

/** Keeps watches in memory, as the database store would. */
export class MemoryWatchStore implements WatchStore {
  protected records: WatchRecord[] = []
  protected nextId = 1
  list(): WatchRecord[] {
    return this.records.map((r) => ({ ...r }))
  }
  add(input: Omit<WatchRecord, 'id'>): WatchRecord {
    const r = { ...input, id: this.nextId++ }
    this.records.push(r)
    this.save()
    return { ...r }
  }
  remove(id: number): void {
    this.records = this.records.filter((r) => r.id !== id)
    this.save()
  }
  protected save(): void {}
}

/** Persists to a JSON file so a second WatchService (after a "restart") reads the same watches. */
export class JsonFileWatchStore extends MemoryWatchStore {
  constructor(private readonly file: string) {
    super()
    if (existsSync(file)) {
      const data = JSON.parse(readFileSync(file, 'utf8')) as { nextId: number; records: WatchRecord[] }
      this.records = data.records
      this.nextId = data.nextId
    }
  }
  protected override save(): void {
    writeFileSync(this.file, JSON.stringify({ nextId: this.nextId, records: this.records }))
  }
}

/** Resolves with the watch views once `pred` holds for them (at once if it holds now); rejects after `timeoutMs`. */
export function waitForViews(
  s: WatchService,
  pred: (v: WatchView[]) => boolean,
  timeoutMs = 10_000,
): Promise<WatchView[]> {
  if (pred(s.list())) return Promise.resolve(s.list())
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => (off(), reject(new Error(`timed out; views: ${JSON.stringify(s.list())}`))),
      timeoutMs,
    )
    const off = s.onChange((v) => {
      if (pred(v)) {
        clearTimeout(timer)
        off()
        resolve(v)
      }
    })
  })
}

/** The same for the first (only) watch's view. */
export async function waitForView(
  s: WatchService,
  pred: (v: WatchView) => boolean,
  timeoutMs = 10_000,
): Promise<WatchView> {
  return (await waitForViews(s, (v) => v[0] !== undefined && pred(v[0]), timeoutMs))[0]!
}
