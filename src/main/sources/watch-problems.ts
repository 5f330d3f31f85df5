import { basename } from 'node:path'

/** A file of a watch that is not queued (or was not moved to done/ or failed/), and why. */
export interface WatchProblem {
  path: string
  /** Names the file and says why; ends with "trying again in …" while a retry is due. */
  message: string
  /** When it was reported (ms since the epoch). */
  at: number
}

/** Problems kept per watch; older ones give way. WatchView.problems allows at most this many. */
const MAX_PROBLEMS = 50
/** Problems the summary spells out; the others are named by file. */
const PROBLEMS_SHOWN = 3
const NAMES_SHOWN = 5

/**
 * The problems of one watch session, one per file: a file reported again takes its new message and
 * becomes the newest; past 50, the oldest gives way.
 */
export class ProblemLog {
  /** By path, oldest first. */
  private readonly byPath = new Map<string, WatchProblem>()

  constructor(private readonly now: () => number) {}

  report(path: string, message: string): void {
    this.byPath.delete(path)
    this.byPath.set(path, { path, message, at: this.now() })
    if (this.byPath.size > MAX_PROBLEMS) this.byPath.delete(this.byPath.keys().next().value!)
  }

  /** True when the file had a problem. */
  delete(path: string): boolean {
    return this.byPath.delete(path)
  }

  clear(): void {
    this.byPath.clear()
  }

  /** Copies, newest first. */
  newest(): WatchProblem[] {
    return [...this.byPath.values()].reverse().map((p) => ({ ...p }))
  }

  /** The view's one message: every problem of the session counts, newest first, so a later success hides none. */
  summary(): string | undefined {
    const newest = [...this.byPath.values()].reverse()
    if (newest.length <= 1) return newest[0]?.message
    const rest = newest.slice(PROBLEMS_SHOWN).map((p) => basename(p.path))
    const names =
      rest.slice(0, NAMES_SHOWN).join(', ') +
      (rest.length > NAMES_SHOWN ? ` and ${rest.length - NAMES_SHOWN} more` : '')
    const shown = newest.slice(0, PROBLEMS_SHOWN).map((p) => p.message)
    return `${newest.length} files need attention: ${shown.join('; ')}${rest.length > 0 ? `; also ${names}` : ''}`
  }
}
