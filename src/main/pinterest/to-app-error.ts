import { AppError, type IpcErrorKind } from '../../shared/ipc/result'
import { ApiError, type ApiErrorKind } from './api-error'

/** How each Pinterest API error kind crosses IPC: the renderer branches on these, never on ApiError. */
export const IPC_KIND_FOR_API: Readonly<Record<ApiErrorKind, IpcErrorKind>> = {
  auth: 'auth',
  permission: 'permission',
  rate_limited: 'rate_limited',
  spam_blocked: 'rate_limited',
  validation: 'validation',
  not_found: 'not_found',
  transient: 'network',
  media_failed: 'internal',
  cancelled: 'cancelled',
  certificate: 'certificate',
}

/**
 * An ApiError as the AppError that crosses IPC: its kind mapped, its fix appended to the message (the renderer
 * shows only the message), and Pinterest's numeric code, else the API kind, as the machine-readable code.
 */
export function toAppError(e: ApiError): AppError {
  const fix = e.details.fix ? ` ${e.details.fix}` : ''
  return new AppError(
    IPC_KIND_FOR_API[e.kind],
    e.message + fix,
    e.details.code === undefined ? e.kind : String(e.details.code),
  )
}

/** Rethrows an ApiError as an AppError (so it crosses IPC with its kind); anything else unchanged. */
export function asAppError(error: unknown): never {
  if (error instanceof ApiError) throw toAppError(error)
  throw error
}
