import { AppError } from '../../shared/ipc/result'

/**
 * The window's running folder scan, one per window, so its Cancel (`uploads:cancel-scan`) can stop it (issue 11,
 * finding 6: "make scans cancellable with progress"). The command stops its scan with Ctrl-C instead.
 */
export class ScanRuns {
  private readonly running = new Map<number, AbortController>()

  async run<T>(owner: number, scan: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.running.has(owner))
      throw new AppError('conflict', 'Files are already being added: wait for that scan, or cancel it.')
    const controller = new AbortController()
    this.running.set(owner, controller)
    try {
      return await scan(controller.signal)
    } finally {
      this.running.delete(owner)
    }
  }

  /** Stops window `owner`'s scan; false when none runs. */
  cancel(owner: number): boolean {
    const controller = this.running.get(owner)
    controller?.abort()
    return controller !== undefined
  }
}
