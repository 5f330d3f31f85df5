import type {
  EventChannel,
  EventPayload,
  InvokeChannel,
  InvokeInput,
  InvokeOutput,
} from '../../../shared/ipc/contract'
import { AppError } from '../../../shared/ipc/app-error'

/**
 * Calls main through the typed contract and unwraps the Result: the value, or a thrown `AppError`
 * rebuilt from `{kind, message, code}` so components branch on `kind` (an Error thrown in main would
 * lose everything but its message on the way).
 */
export async function invoke<C extends InvokeChannel>(
  channel: C,
  input: InvokeInput<C>,
): Promise<InvokeOutput<C>> {
  let result
  try {
    result = await window.api.invoke(channel, input)
  } catch (e) {
    // The transport itself failed (window closing, bridge gone): not something main decided.
    throw new AppError(
      'unavailable',
      e instanceof Error ? e.message : 'The app could not reach its background service.',
    )
  }
  if (result.ok) return result.value
  throw new AppError(result.error.kind, result.error.message, result.error.code)
}

/** Subscribes to a push event from main; returns the unsubscribe function. */
export function onEvent<E extends EventChannel>(
  event: E,
  listener: (payload: EventPayload<E>) => void,
): () => void {
  return window.api.on(event, listener)
}

/** Absolute path of a dropped File, or '' when the platform does not expose one. */
export function pathForFile(file: File): string {
  return window.api.getPathForFile(file)
}

/** A message fit for a toast from anything thrown by `invoke`. */
export function errorText(e: unknown): string {
  if (e instanceof AppError) return e.message
  if (e instanceof Error) return e.message
  return 'Something went wrong.'
}

/** The IPC kind of a thrown error, or undefined when it did not come from main. */
export function errorKind(e: unknown): AppError['kind'] | undefined {
  return e instanceof AppError ? e.kind : undefined
}
