import type { z } from 'zod'
import { invokeContract, type InvokeChannel, type InvokeOutput } from '../../shared/ipc/contract'
import { AppError, err, ok, resultSchema, type Result } from '../../shared/ipc/result'
import { ApiError } from '../pinterest/api-error'
import { toAppError } from '../pinterest/to-app-error'

/** Who sent a request: enough for the shell (or a test bridge) to decide whether to trust it. */
export interface IpcSender {
  /** webContents id in Electron; any stable id in the test bridge. */
  id: number
  /** URL of the frame that sent it. */
  frameUrl: string
  /** Requests from sub-frames are never trusted. */
  isMainFrame: boolean
}

/** One handler per channel, receiving the validated input. */
export type IpcHandlers = {
  [C in InvokeChannel]: (
    input: z.output<(typeof invokeContract)[C]['input']>,
    sender: IpcSender,
  ) => Promise<InvokeOutput<C>> | InvokeOutput<C>
}

export interface IpcRouterOptions {
  handlers: IpcHandlers
  isTrustedSender(sender: IpcSender): boolean
  /** Check every output against its schema too (tests and development): contract drift becomes an error. */
  checkOutputs?: boolean
  onError?(channel: string, error: unknown): void
}

export interface IpcRouter {
  /** Validates and dispatches one request. Never throws: every outcome is a Result. */
  dispatch(channel: string, input: unknown, sender: IpcSender): Promise<Result<unknown>>
}

function isChannel(channel: string): channel is InvokeChannel {
  return Object.hasOwn(invokeContract, channel)
}

/** "title: Too big: expected string to have <=100 characters; boardId: Required" */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ')
}

export function createIpcRouter(opts: IpcRouterOptions): IpcRouter {
  return {
    async dispatch(channel, input, sender) {
      if (!isChannel(channel)) return err('validation', `Unknown channel: ${String(channel).slice(0, 80)}`)
      if (!sender.isMainFrame || !opts.isTrustedSender(sender)) {
        return err('permission', 'Request refused: it did not come from a Pinload window.')
      }
      const spec = invokeContract[channel]
      const parsed = spec.input.safeParse(input)
      if (!parsed.success)
        return err('validation', `Invalid request for ${channel}: ${describeIssues(parsed.error)}`)
      try {
        const handler = opts.handlers[channel] as (input: unknown, sender: IpcSender) => unknown
        const value = await handler(parsed.data, sender)
        if (opts.checkOutputs) {
          const checked = resultSchema(spec.output).safeParse({ ok: true, value })
          if (!checked.success) {
            opts.onError?.(channel, checked.error)
            return err(
              'internal',
              `Pinload sent a malformed answer for ${channel}: ${describeIssues(checked.error)}`,
            )
          }
        }
        return ok(value)
      } catch (e) {
        opts.onError?.(channel, e)
        return toErrorResult(e)
      }
    },
  }
}

/** Errors meant for the user keep their message; anything else becomes a generic internal error. */
function toErrorResult(e: unknown): Result<never> {
  if (e instanceof AppError) return err(e.kind, e.message, e.code)
  if (e instanceof ApiError) {
    const a = toAppError(e)
    return err(a.kind, a.message, a.code)
  }
  return err('internal', 'Something went wrong inside Pinload; the details are in the log.')
}
