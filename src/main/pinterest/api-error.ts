/**
 * The one error the Pinterest client throws: a closed kind the pipeline and the window can act on, and the
 * facts of the answer (status, Pinterest's code, request id, advised wait). Mapped from HTTP in http-errors.ts
 * and to the IPC error in to-app-error.ts.
 */

/** Closed set of failure kinds the UI can explain (issue 3). */
export type ApiErrorKind =
  | 'auth'
  | 'permission'
  | 'rate_limited'
  | 'spam_blocked'
  | 'validation'
  | 'not_found'
  | 'transient'
  | 'media_failed'
  | 'cancelled'
  /** The server's TLS certificate was refused (a proxy inspecting HTTPS, a wrong clock): retrying cannot help. */
  | 'certificate'

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly details: {
      status?: number
      /** Pinterest's numeric error code from `{code, message}`. */
      code?: number
      /** x-pinterest-rid response header. */
      requestId?: string
      /** Field named by a 400, when it can be told. */
      field?: string
      /** Server-advised wait before retrying, in ms (Retry-After / X-RateLimit-Reset). */
      retryAfterMs?: number
      /** What the user can do. */
      fix?: string
      /** S3 refused the upload because the media's upload policy expired: register the media again. */
      policyExpired?: boolean
      /**
       * A non-idempotent create (`POST /v5/pins`, `POST /v5/media`) failed after its whole body was sent (reset,
       * timeout): the server may have acted. The client never retries it; the pipeline must reconcile first.
       */
      outcomeUnknown?: boolean
    } = {},
  ) {
    super(message)
    this.name = 'ApiError'
  }
  /** Worth retrying automatically (never for spam blocks, validation, permission). */
  get retryable(): boolean {
    return this.kind === 'transient' || this.kind === 'rate_limited'
  }
}
