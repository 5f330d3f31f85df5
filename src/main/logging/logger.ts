import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs'
import { join } from 'node:path'

/** Structured fields attached to a log line; values are JSON-serialised then redacted. */
export type LogFields = Record<string, unknown>

export interface Logger {
  debug(message: string, fields?: LogFields): void
  info(message: string, fields?: LogFields): void
  warn(message: string, fields?: LogFields): void
  error(message: string, fields?: LogFields): void
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 }

/**
 * Token shapes that must never reach a log (DESIGN-NOTES §7): Pinterest access/refresh tokens, HTTP auth
 * headers, and credentials in query strings or form bodies. Order matters: header schemes first, so
 * "Bearer pina…" collapses to one marker.
 */
const SECRET_PATTERNS: readonly [RegExp, string][] = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9_\-.~+/=]+/gi, '$1 [REDACTED]'],
  [
    /\b(access_token|refresh_token|client_secret|code_verifier)(["']?\s*[=:]\s*["']?)[^\s&"',}]+/gi,
    '$1$2[REDACTED]',
  ],
  [/\bpin[ar][A-Za-z0-9_\-.~+/=]+/g, '[REDACTED]'],
]

/** Replaces anything shaped like a token with a marker. */
export function redact(text: string): string {
  let out = text
  for (const [re, repl] of SECRET_PATTERNS) out = out.replace(re, repl)
  return out
}

export interface LoggerOptions {
  /** Writes `<dataDir>/logs/pinload.log`; omit for a stderr-only (or silent) logger. */
  dataDir?: string
  /** Also write each line to stderr. */
  stderr?: boolean
  level?: LogLevel
  now?: () => number
}

export interface FileLogger extends Logger {
  /** The log file, when there is one. */
  readonly file: string | undefined
  close(): void
}

function serialise(value: unknown): unknown {
  if (value instanceof Error)
    return {
      name: value.name,
      message: value.message,
      ...((value as { details?: unknown }).details !== undefined && {
        details: (value as { details?: unknown }).details,
      }),
    }
  return value
}

/**
 * One logger for main and the CLI: JSON lines, appended synchronously so a line written before a crash
 * or a kill is on disk, and redacted as a whole line so a token hidden in any field is caught.
 */
export function createLogger(opts: LoggerOptions = {}): FileLogger {
  const min = LEVELS[opts.level ?? 'info']
  const now = opts.now ?? Date.now
  let fd: number | undefined
  let file: string | undefined
  if (opts.dataDir) {
    const dir = join(opts.dataDir, 'logs')
    mkdirSync(dir, { recursive: true })
    file = join(dir, 'pinload.log')
    fd = openSync(file, 'a', 0o600)
  }
  const write = (level: LogLevel, message: string, fields?: LogFields) => {
    if (LEVELS[level] < min) return
    const entry: Record<string, unknown> = { t: new Date(now()).toISOString(), level, msg: message }
    if (fields) for (const [k, v] of Object.entries(fields)) entry[k] = serialise(v)
    let line: string
    try {
      line = redact(JSON.stringify(entry)) + '\n'
    } catch {
      line =
        redact(JSON.stringify({ t: entry.t, level, msg: message, note: 'fields not serialisable' })) + '\n'
    }
    if (fd !== undefined) writeSync(fd, line)
    if (opts.stderr) process.stderr.write(line)
  }
  return {
    file,
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    close: () => {
      if (fd !== undefined) closeSync(fd)
      fd = undefined
    },
  }
}

/** A logger that drops everything (default for services constructed without one). */
export const silentLogger: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} }
