import type { IpcErrorKind } from '../../../shared/ipc/result'

/**
 * The renderer's copy of shared/ipc/result.ts's AppError, rebuilt from a Result's `{kind, message, code}`.
 * Not imported from there: that module (like domain.ts and contract.ts) loads zod, whose eval probe
 * (`Function('')`) trips the page's CSP (`script-src 'self'`, no 'unsafe-eval') and whose code the
 * renderer does not need. The renderer imports only types from those modules.
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
