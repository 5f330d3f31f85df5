import { existsSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { DB_FILE_NAME } from './connection'
import { NewerDatabaseError } from './migrations/index'

/**
 * Why the data folder could not be opened at start, in words a user can act on. The window's error dialog and
 * `pinload` print the same text; neither ever deletes what the user had: a damaged database is moved aside.
 */
type StartupFailureKind = 'corrupt' | 'newer' | 'read-only' | 'full' | 'busy' | 'unknown'

export interface StartupFailure {
  kind: StartupFailureKind
  title: string
  /** What happened and what to do, naming the data folder. */
  message: string
  /** True when moving the database aside and starting with a new one would get the app going. */
  canMoveAside: boolean
}

const CODES: Readonly<Record<string, StartupFailureKind>> = {
  SQLITE_CORRUPT: 'corrupt',
  SQLITE_NOTADB: 'corrupt',
  SQLITE_READONLY: 'read-only',
  SQLITE_CANTOPEN: 'read-only',
  SQLITE_PERM: 'read-only',
  EACCES: 'read-only',
  EPERM: 'read-only',
  EROFS: 'read-only',
  SQLITE_FULL: 'full',
  ENOSPC: 'full',
  SQLITE_BUSY: 'busy',
  SQLITE_LOCKED: 'busy',
}

function kindOf(error: unknown): StartupFailureKind {
  if (error instanceof NewerDatabaseError) return 'newer'
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code === 'string') {
    const base = code.replace(/^(SQLITE_[A-Z]+)_.*$/, '$1')
    if (CODES[base]) return CODES[base]
  }
  return 'unknown'
}

export function describeStartupFailure(error: unknown, dataDir: string): StartupFailure {
  const kind = kindOf(error)
  const db = join(dataDir, DB_FILE_NAME)
  const detail = error instanceof Error ? error.message : String(error)
  switch (kind) {
    case 'corrupt':
      return {
        kind,
        title: 'Pinload’s database is damaged',
        message: `${db} cannot be read (${detail}). Move it aside and start with a new one (it is kept as ${DB_FILE_NAME}.damaged-<time> in ${dataDir}), or quit and restore it from a backup.`,
        canMoveAside: true,
      }
    case 'newer':
      return {
        kind,
        title: 'This database is from a newer Pinload',
        message: `${detail} The data folder is ${dataDir}. Install the newer Pinload, or move this database aside and start with a new one (it is kept).`,
        canMoveAside: true,
      }
    case 'read-only':
      return {
        kind,
        title: 'Pinload cannot write its data folder',
        message: `${dataDir} is read-only or not yours (${detail}). Give your user write access to it, or set PINLOAD_DATA_DIR to a folder you can write.`,
        canMoveAside: false,
      }
    case 'full':
      return {
        kind,
        title: 'The disk is full',
        message: `Pinload could not write to ${dataDir} because the disk is full. Free some space, then start Pinload again.`,
        canMoveAside: false,
      }
    case 'busy':
      return {
        kind,
        title: 'The database is locked',
        message: `Another program holds ${db} (${detail}). Close it (or wait for it), then start Pinload again.`,
        canMoveAside: false,
      }
    default:
      return {
        kind,
        title: 'Pinload could not start',
        message: `Opening the data folder ${dataDir} failed: ${detail}`,
        canMoveAside: false,
      }
  }
}

/** `pinload.db.damaged-20261204-201500`: sortable, and never the name of a file Pinload opens. */
function damagedName(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0')
  const stamp = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`
  return `${DB_FILE_NAME}.damaged-${stamp}`
}

/**
 * Moves the database and its WAL and shared-memory files aside under one damaged name, so the next start makes a
 * new one. Returns the new path of the database. Nothing is deleted.
 */
export function moveDatabaseAside(dataDir: string, now: Date = new Date()): string {
  let name = damagedName(now)
  for (let i = 2; existsSync(join(dataDir, name)); i++) name = `${damagedName(now)}-${i}`
  // The WAL and -shm go first: a database moved without its WAL would lose the last commits. A rename that fails
  // (a file held open on Windows) undoes the ones done, so the database never stays apart from its WAL.
  const done: [string, string][] = []
  try {
    for (const suffix of ['-wal', '-shm', '']) {
      const from = join(dataDir, DB_FILE_NAME + suffix)
      if (!existsSync(from)) continue
      const to = join(dataDir, name + suffix)
      renameSync(from, to)
      done.push([from, to])
    }
  } catch (e) {
    for (const [from, to] of done.reverse()) renameSync(to, from)
    throw e
  }
  return join(dataDir, name)
}
