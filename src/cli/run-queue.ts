import type { UploadQueue } from '../main/pipeline/upload-queue'
import type { CliContext } from './cli-context'

/** Exit code after Ctrl-C or SIGTERM stopped a run (128 + SIGINT), as shells expect. */
const EXIT_INTERRUPTED = 130

/**
 * Runs the queue until nothing more can happen now, or until `until` resolves: unfinished items of earlier
 * runs resume (and a create left without an answer is reconciled), new ones run. Ctrl-C and SIGTERM park
 * every item safely first; with `exitOnSignal` the process then exits with 130, else this returns. The
 * queue is shut down before this returns.
 */
export async function runQueue(
  ctx: CliContext,
  queue: UploadQueue,
  opts: { until?: Promise<void>; exitOnSignal?: boolean } = {},
): Promise<void> {
  let interrupted = false
  let stop!: () => void
  const stopped = new Promise<void>((r) => (stop = r))
  const onSignal = () => {
    ctx.warn('Stopping: parking items so the next run resumes them…')
    interrupted = true
    stop()
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  try {
    queue.start()
    await Promise.race([opts.until ?? queue.whenIdle(), stopped])
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
    await queue.shutdown()
  }
  if (interrupted && opts.exitOnSignal) process.exit(EXIT_INTERRUPTED)
}
