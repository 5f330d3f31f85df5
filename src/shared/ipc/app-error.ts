import type { IpcErrorKind } from './result'

/**
 * An error a service throws on purpose, carrying its IPC kind; the renderer rebuilds the same class from
 * a Result's `{kind, message, code}`. Anything else thrown in a handler becomes `internal` with a
 * generic message, so no stack or secret leaks to the renderer. This module has no run-time imports, so
 * the renderer can load it without zod (whose eval probe its CSP forbids).
 */
export class AppError extends Error {
  constructor(
    readonly kind: IpcErrorKind,
    message: string,
    readonly code?: string,
  ) {
    super(message)
    this.name = 'AppError'
  }
}
