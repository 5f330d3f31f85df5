import { randomUUID } from 'node:crypto'
import { Settings } from '../../shared/domain'
import type { Database } from './connection'

/** Defaults for a fresh install; `dataDir` is where this database lives. */
export function defaultSettings(dataDir: string): Settings {
  return {
    concurrency: 3,
    videoTransfers: 1,
    bandwidthBytesPerSec: 0,
    rateProfile: 'standard',
    writesPerMinute: 100,
    stableMs: 2000,
    theme: 'system',
    keepPhotoMetadata: false,
    dataDir,
  }
}

/**
 * Settings as key → JSON rows. A stored value that no longer fits the schema (older build, hand edit)
 * falls back to its default instead of breaking startup.
 */
export class SettingsStore {
  private cached: Settings | null = null

  constructor(
    private readonly db: Database,
    private readonly dataDir: string,
  ) {}

  get(): Settings {
    if (this.cached) return this.cached
    const merged: Record<string, unknown> = { ...defaultSettings(this.dataDir) }
    for (const row of this.db.prepare('SELECT key, value FROM settings').all() as {
      key: string
      value: string
    }[]) {
      if (row.key === 'dataDir' || !(row.key in merged)) continue
      try {
        const candidate = { ...merged, [row.key]: JSON.parse(row.value) as unknown }
        if (Settings.safeParse(candidate).success) merged[row.key] = candidate[row.key]
      } catch {
        // unreadable JSON: keep the default
      }
    }
    this.cached = Settings.parse(merged)
    return this.cached
  }

  /** Validates the whole result before writing anything; throws a ZodError on a bad value. */
  set(patch: Partial<Settings>): Settings {
    const next = Settings.parse({ ...this.get(), ...patch, dataDir: this.dataDir })
    const put = this.db.prepare(
      'INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    )
    this.db.transaction(() => {
      for (const key of Object.keys(patch) as (keyof Settings)[]) {
        if (key === 'dataDir') continue
        put.run(key, JSON.stringify(next[key]))
      }
    })
    this.cached = next
    return next
  }
}

/** Settings-table key of the user's "pause everything", kept so a pause survives a restart (app or CLI). */
const PAUSE_KEY = 'queue.paused'

/** The persisted pause: null when running, else the reason (empty string when none was given). */
export function loadQueuePause(db: Database): string | null {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(PAUSE_KEY) as
    { value: string } | undefined
  if (!row) return null
  try {
    const v = JSON.parse(row.value) as { reason?: unknown }
    return typeof v.reason === 'string' ? v.reason : ''
  } catch {
    return ''
  }
}

export function saveQueuePause(db: Database, reason: string | null): void {
  if (reason === null) db.prepare('DELETE FROM settings WHERE key = ?').run(PAUSE_KEY)
  else
    db.prepare(
      'INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    ).run(PAUSE_KEY, JSON.stringify({ reason }))
}

/**
 * One write kept: its time and which journal (process) made it; `sending` marks one granted and not answered yet,
 * timed by its grant. A bare time is an entry of an older build.
 */
type JournalEntry = number | [number, string] | [number, string, 'sending']

const isEntry = (e: unknown): e is JournalEntry =>
  typeof e === 'number' ||
  (Array.isArray(e) &&
    typeof e[0] === 'number' &&
    typeof e[1] === 'string' &&
    (e.length === 2 || (e.length === 3 && e[2] === 'sending')))

const timeOf = (e: JournalEntry): number => (typeof e === 'number' ? e : e[0])

/**
 * The answer times of one account's writes (`org_write`), kept in the settings table so a new process (the next
 * `pinload` command, the app after a restart) starts with the window the last one left and `pinload status` can
 * tell what is left: Trial's budget is per day (docs/architecture.md, "Rate limits"). Only what is still inside
 * the window is kept. Reads are not: their limit is far higher, and keeping them would cost a write per read.
 * Each entry names the journal that wrote it, so a governor counts what other processes (the app and a command
 * at once) send while it runs (`others`), their writes in flight included (`begin`); each change is read,
 * made and written in one transaction, so two processes writing at once lose neither entry.
 */
export class WriteJournal {
  /** This journal's name in its entries: unique per process and governor. */
  private readonly source = `${process.pid}.${randomUUID()}`

  constructor(
    private readonly db: Database,
    private readonly accountKey: string,
    private readonly now: () => number = Date.now,
  ) {}

  private get key(): string {
    return `rate.writes.${this.accountKey}`
  }

  /**
   * The entries younger than `windowMs`. One still sending is dropped a window after its grant too: by then its
   * process died mid-request, or the request is so slow that only its answer, when it comes, counts again.
   */
  private entries(windowMs: number): JournalEntry[] {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(this.key) as
      { value: string } | undefined
    let parsed: unknown
    try {
      parsed = row ? JSON.parse(row.value) : []
    } catch {
      parsed = []
    }
    const edge = this.now() - windowMs
    return Array.isArray(parsed) ? parsed.filter(isEntry).filter((e) => timeOf(e) > edge) : []
  }

  /** A write still sending counts as answered now: it can leave the window no earlier than a window from now. */
  private times(entries: JournalEntry[]): number[] {
    const now = this.now()
    return entries.map((e) => (Array.isArray(e) && e.length === 3 ? now : timeOf(e)))
  }

  load(category: string, windowMs: number): number[] {
    if (category !== 'org_write') return []
    return this.times(this.entries(windowMs))
  }

  others(category: string, windowMs: number): number[] | undefined {
    if (category !== 'org_write') return undefined
    return this.times(this.entries(windowMs).filter((e) => typeof e === 'number' || e[1] !== this.source))
  }

  /** A write of this process was granted at `at` and is being sent. */
  begin(category: string, at: number, windowMs: number): void {
    if (category !== 'org_write') return
    this.change(windowMs, at, (kept) => [...kept, [at, this.source, 'sending']])
  }

  /** A write of this process was answered at `at`: one of its entries still sending becomes that answer. */
  record(category: string, at: number, windowMs: number): void {
    if (category !== 'org_write') return
    this.change(windowMs, at, (kept) => {
      const i = kept.findIndex((e) => Array.isArray(e) && e.length === 3 && e[1] === this.source)
      return [...kept.filter((_, j) => j !== i), [at, this.source]]
    })
  }

  private change(windowMs: number, at: number, edit: (kept: JournalEntry[]) => JournalEntry[]): void {
    this.db.transaction(() => {
      const kept = this.entries(windowMs).filter((e) => timeOf(e) > at - windowMs)
      this.db
        .prepare(
          'INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
        )
        .run(this.key, JSON.stringify(edit(kept)))
    })
  }
}
