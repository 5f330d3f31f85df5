import { lstat, opendir, realpath, stat } from 'node:fs/promises'
import { basename, dirname, extname, join, resolve as resolvePath, sep } from 'node:path'
import type { InputProblem } from '../../shared/domain'
import { AppError } from '../../shared/ipc/result'
import { checkLocalMedia } from '../media/local-media'
import { sidecarNames } from './sidecar'

/**
 * The walk of a scan: which paths under the dropped files and folders are worth checking, within caps on files
 * and folder entries, cancellable and reporting progress (folder-scan.ts checks and turns them into drafts).
 */

/** Files and folders that operating systems and NAS boxes leave behind; never media, never worth a message. */
const SYSTEM_NAMES = new Set([
  'thumbs.db',
  'ehthumbs.db',
  'desktop.ini',
  '.ds_store',
  '__macosx',
  '@eadir',
  '$recycle.bin',
  'system volume information',
])

/** Hidden (dot) and system entries are skipped without a word. */
export function isIgnoredName(name: string): boolean {
  return name.startsWith('.') || SYSTEM_NAMES.has(name.toLowerCase())
}

/** Names browsers and editors give files still being written. */
export function isPartialName(name: string): boolean {
  return name.startsWith('~$') || /\.(part|crdownload|tmp|download|partial)$/i.test(name)
}

/** Natural order ("img2" before "img10"), the order people number their files in. */
const naturalCompare = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' }).compare

/**
 * One add takes at most this many files (the window's `uploads:add-paths` takes as many paths, a CSV as many
 * rows): past it the scan stops and says so, so a dropped home folder never fills memory or the queue.
 */
export const MAX_SCAN_FILES = 10_000
/** Folder entries read in one scan (hidden ones, sub-folders and non-media count too): bounds a walk that finds few files. */
const MAX_SCAN_ENTRIES = 200_000

/** How far a scan has come, for a progress line; `stage` 'listing' walks the folders, 'checking' reads each file. */
export type ScanProgress =
  { stage: 'listing'; files: number; folders: number } | { stage: 'checking'; done: number; total: number }

export interface ScanOptions {
  /** Stops the scan: it rejects with an AppError of kind `cancelled`, and nothing is queued. */
  signal?: AbortSignal
  /** Called as the scan goes, at most every `progressEveryMs`, and once at the end of each stage. */
  onProgress?: (p: ScanProgress) => void
  /** ms between progress calls; default 100 (about the ten updates a second the window shows). */
  progressEveryMs?: number
  /** Default MAX_SCAN_FILES; lower in tests. */
  maxFiles?: number
  /** Default MAX_SCAN_ENTRIES; lower in tests. */
  maxEntries?: number
}

export interface Candidate {
  path: string
  /** Sidecar-like (`*.json`) names in the same folder; undefined for a file dropped on its own. */
  siblings?: Set<string>
}

interface Walk {
  files: Candidate[]
  problems: InputProblem[]
  /** Set when a cap was reached: the scan stopped there and nothing of it may be queued. */
  overflow?: InputProblem
}

export function throwIfCancelled(signal?: AbortSignal): void {
  if (signal?.aborted) throw new AppError('cancelled', 'Adding the files was cancelled; nothing was queued.')
}

/** Calls `onProgress` at most every `everyMs`, and always when `force`. */
export function throttled(opts: ScanOptions): (p: ScanProgress, force?: boolean) => void {
  const everyMs = opts.progressEveryMs ?? 100
  let last = -Infinity
  return (p, force = false) => {
    if (!opts.onProgress) return
    const now = performance.now()
    if (!force && now - last < everyMs) return
    last = now
    opts.onProgress(p)
  }
}

function code(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? String(e)
}

function isUnder(child: string, parent: string): boolean {
  return child === parent || child.startsWith(parent.endsWith(sep) ? parent : parent + sep)
}

/** The files under `paths` to check, in natural path order, and the entries left out with the reason. */
export async function walk(
  paths: string[],
  opts: ScanOptions,
  progress: (p: ScanProgress, force?: boolean) => void,
): Promise<Walk> {
  const { signal } = opts
  const maxFiles = opts.maxFiles ?? MAX_SCAN_FILES
  const maxEntries = opts.maxEntries ?? MAX_SCAN_ENTRIES
  let entriesRead = 0
  let foldersRead = 0
  const files: Candidate[] = []
  const problems: InputProblem[] = []
  const seenDirs = new Set<string>()
  const seenFiles = new Set<string>()
  // Each folder carries the real paths of the folders above it, so a link to one of them is a loop.
  const stack: { path: string; real: string; ancestors: string[] }[] = []

  const pushDir = (path: string, real: string, ancestors: string[]) => {
    if (ancestors.some((a) => isUnder(a, real))) {
      problems.push({
        where: path,
        message: `${basename(path)} links back to a folder that contains it (a symbolic link loop); skipped`,
      })
      return
    }
    if (seenDirs.has(real)) return
    seenDirs.add(real)
    stack.push({ path, real, ancestors })
  }
  const pushFile = (path: string, real: string, siblings?: Set<string>) => {
    if (seenFiles.has(real)) return
    seenFiles.add(real)
    // Its bytes are still arriving and its name is not the final one: posting it would publish half a file.
    if (isPartialName(basename(path))) {
      problems.push({
        where: path,
        message: `${basename(path)} is a download or copy still in progress (or a temporary file); skipped`,
        fix: 'Add the file again once it has finished.',
      })
      return
    }
    files.push(siblings ? { path, siblings } : { path })
  }
  const linkProblem = async (path: string) => {
    const check = await checkLocalMedia(path)
    problems.push({
      where: path,
      message: check.ok ? `${basename(path)} cannot be followed` : check.message,
      ...(check.ok || !check.fix ? {} : { fix: check.fix }),
    })
  }

  for (const raw of paths) {
    const path = resolvePath(raw)
    let real: string
    try {
      real = await realpath(path)
      const st = await stat(real)
      if (st.isDirectory()) pushDir(path, real, [])
      else pushFile(path, real)
    } catch {
      await linkProblem(path)
    }
  }

  const tooMany = (): InputProblem => ({
    where: paths.length === 1 ? resolvePath(paths[0]!) : `${paths.length} dropped files and folders`,
    message:
      files.length > maxFiles
        ? `There are more than ${maxFiles.toLocaleString('en-US')} files here; nothing was added`
        : `These folders hold more than ${maxEntries.toLocaleString('en-US')} entries; nothing was added`,
    fix: 'Add the files in smaller parts, one folder at a time.',
  })

  while (stack.length > 0) {
    throwIfCancelled(signal)
    const dir = stack.pop()!
    // Sidecars are looked up among these names only: a set of every name would hold a huge folder in memory.
    const siblings = new Set<string>()
    const ancestors = [...dir.ancestors, dir.real]
    try {
      // Read entry by entry (not readdir's whole list), so a folder of a million files stops at the caps.
      for await (const entry of await opendir(dir.path, { bufferSize: 128 })) {
        if (signal?.aborted || ++entriesRead > maxEntries || files.length > maxFiles) break
        const name = entry.name
        if (isIgnoredName(name)) continue
        const path = join(dir.path, name)
        const isJson = extname(name).toLowerCase() === '.json'
        if (isJson) siblings.add(name)
        if (entry.isDirectory()) {
          pushDir(path, join(dir.real, name), ancestors)
        } else if (entry.isSymbolicLink()) {
          try {
            const real = await realpath(path)
            const st = await stat(real)
            if (st.isDirectory()) pushDir(path, real, ancestors)
            else if (!isJson) pushFile(path, real, siblings)
          } catch {
            await linkProblem(path)
          }
        } else if (!isJson) {
          // Sidecars are metadata, not media; FIFOs and sockets go on to be reported by checkLocalMedia.
          pushFile(path, join(dir.real, name), siblings)
        }
      }
    } catch (e) {
      const c = code(e)
      const why = c === 'EACCES' || c === 'EPERM' ? 'permission denied' : c
      problems.push({
        where: dir.path,
        message: `Folder ${basename(dir.path)} cannot be opened (${why}); its files were skipped`,
        fix: 'Give yourself read access to the folder.',
      })
      continue
    }
    throwIfCancelled(signal)
    if (entriesRead > maxEntries || files.length > maxFiles)
      return { files: [], problems, overflow: tooMany() }
    foldersRead++
    progress({ stage: 'listing', files: files.length, folders: foldersRead })
  }
  if (files.length > maxFiles) return { files: [], problems, overflow: tooMany() }
  progress({ stage: 'listing', files: files.length, folders: foldersRead }, true)
  files.sort((a, b) => naturalCompare(a.path, b.path) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  return { files, problems }
}

export async function findSidecar(c: Candidate): Promise<string | undefined> {
  const names = sidecarNames(basename(c.path))
  if (c.siblings) return names.find((n) => c.siblings!.has(n))
  // A file dropped on its own: look for its sidecars by name rather than list a folder that may be huge.
  for (const n of names) if (await lstat(join(dirname(c.path), n)).catch(() => null)) return n
  return undefined
}
