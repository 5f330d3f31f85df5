import type { UploadQueue } from '../main/pipeline/upload-queue'
import type { CliApi, CliContext } from './cli-context'

/**
 * Runs the queue until nothing more can happen now: unfinished items of earlier runs resume (and a create
 * left without an answer is reconciled), new ones run. Ctrl-C parks everything safely before exiting.
 */
export async function runToIdle(
  ctx: CliContext,
  cli: CliApi,
  opts: { concurrency?: number; prepare?: (q: UploadQueue) => void } = {},
): Promise<UploadQueue> {
  const queue = ctx.openQueue({
    api: cli.api,
    accountKey: cli.accountKey,
    ...(opts.concurrency !== undefined && { concurrency: opts.concurrency }),
  })
  opts.prepare?.(queue)
  const onSignal = () => {
    ctx.warn('Stopping: parking items so the next run resumes them…')
    void queue.shutdown().then(() => process.exit(130))
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  try {
    queue.start()
    await queue.whenIdle()
    await queue.shutdown()
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
  return queue
}

export const NOT_SIGNED_IN =
  'Not signed in to Pinterest. Set PINLOAD_ACCESS_TOKEN to an access token, or run `pinload login` first.'
