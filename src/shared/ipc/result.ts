import { z } from 'zod'

/**
 * Closed set of error kinds that can cross IPC. The renderer branches on `kind`, never on `instanceof`
 * (only `message` would survive a thrown Error across `invoke`).
 */
export const IpcErrorKind = z.enum([
  'auth',
  'permission',
  'network',
  'rate_limited',
  'validation',
  'not_found',
  'conflict',
  'cancelled',
  'unavailable',
  'internal',
  /** A TLS certificate was refused (a proxy inspecting HTTPS): not retried; the message says what to do. */
  'certificate',
])
export type IpcErrorKind = z.infer<typeof IpcErrorKind>

const IpcError = z.object({
  kind: IpcErrorKind,
  message: z.string(),
  /** Optional machine-readable detail (e.g. Pinterest's error code, a zod issue path). */
  code: z.string().optional(),
})
type IpcError = z.infer<typeof IpcError>

export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError }

export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}

export function err(kind: IpcErrorKind, message: string, code?: string): Result<never> {
  return { ok: false, error: code === undefined ? { kind, message } : { kind, message, code } }
}

/** Schema of the envelope around an output schema, used to check what main sends in tests and dev. */
export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: IpcError }),
  ])
}

export { AppError } from './app-error'
