import type {
  EventChannel,
  EventPayload,
  InvokeInput,
  InvokeOutput,
  PageChannel,
  PathGrant,
} from '../../../shared/ipc/contract'
import { AppError } from '../../../shared/ipc/app-error'

/**
 * Calls main through the typed contract and unwraps the Result: the value, or a thrown `AppError`
 * rebuilt from `{kind, message, code}` so components branch on `kind` (an Error thrown in main would
 * lose everything but its message on the way).
 */
export async function invoke<C extends PageChannel>(
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

/**
 * Grants of dropped files and folders (the preload reads their paths; the page never sees or sends one). Files
 * that are not on disk are left out.
 */
export async function grantDroppedFiles(files: readonly File[]): Promise<PathGrant[]> {
  let result
  try {
    result = await window.api.grantDroppedFiles(files)
  } catch (e) {
    throw new AppError(
      'unavailable',
      e instanceof Error ? e.message : 'The app could not reach its background service.',
    )
  }
  if (result.ok) return result.value
  throw new AppError(result.error.kind, result.error.message, result.error.code)
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
