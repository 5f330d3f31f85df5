import {
  closeSync,
  fchmodSync,
  fstatSync,
  mkdirSync,
  openSync,
  renameSync,
  statSync,
  writeSync,
} from 'node:fs'
import { join } from 'node:path'

/** Structured fields attached to a log line; values are JSON-serialised then redacted. */
type LogFields = Record<string, unknown>

export interface Logger {
  debug(message: string, fields?: LogFields): void
  info(message: string, fields?: LogFields): void
  warn(message: string, fields?: LogFields): void
  error(message: string, fields?: LogFields): void
}

type LogLevel = 'debug' | 'info' | 'warn' | 'error'
const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 }

/**
 * Token shapes that must never reach a log (docs/architecture.md, "Secrets"): Pinterest access/refresh tokens,
 * HTTP auth headers, and credentials in query strings or form bodies. Order matters: header schemes first, so
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
  /** The log file is rotated when a line would take it past this size (bytes). Default 5 MiB. */
  maxBytes?: number
  /** Rotated files kept beside it (`pinload.log.1` newest … `.N` oldest); older ones are replaced. Default 3. */
  keep?: number
}

const DEFAULT_MAX_BYTES = 5 * 1024 * 1024
const DEFAULT_KEEP = 3

export interface FileLogger extends Logger {
  /** The log file, when there is one. */
  readonly file: string | undefined
  /** Lines that could not be written (full disk, read-only folder, a broken file): counted, never thrown. */
  dropped(): number
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
 *
 * Logging must never stop work: a log on a full disk or in a read-only folder would otherwise throw into
 * whatever was logging (an upload, the queue). Lines that cannot be written are counted and dropped, and the
 * next line that can be written says how many were lost. The file is rotated by size so it cannot fill the disk.
 */
export function createLogger(opts: LoggerOptions = {}): FileLogger {
  const min = LEVELS[opts.level ?? 'info']
  const now = opts.now ?? Date.now
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES
  const keep = Math.max(1, opts.keep ?? DEFAULT_KEEP)
  const file = opts.dataDir ? join(opts.dataDir, 'logs', 'pinload.log') : undefined
  let fd: number | undefined
  let size = 0
  let dropped = 0
  let reported = 0

  const open = () => {
    if (!file || !opts.dataDir) return
    try {
      mkdirSync(join(opts.dataDir, 'logs'), { recursive: true, mode: 0o700 })
      fd = openSync(file, 'a', 0o600)
      const st = fstatSync(fd)
      // A log an earlier version left readable by others is narrowed (the mode above applies only to a new file).
      if (process.platform !== 'win32' && st.isFile() && (st.mode & 0o077) !== 0) fchmodSync(fd, 0o600)
      size = st.size
    } catch {
      fd = undefined
    }
  }
  const rotate = () => {
    if (!file) return
    if (fd !== undefined) closeQuietly(fd)
    fd = undefined
    try {
      for (let i = keep - 1; i >= 1; i--) renameQuietly(`${file}.${i}`, `${file}.${i + 1}`)
      renameSync(file, `${file}.1`)
    } catch {
      // Rotation is best effort: if the file cannot be moved, keep appending to it.
    }
    open()
  }
  const append = (line: string) => {
    if (fd === undefined) {
      dropped++
      return
    }
    try {
      // Another logger on the same file (the command next to the app, the app's start-up logger) may have rotated
      // it: follow the name, and take the size from the file, not from this logger's own writes.
      const current = fstatSync(fd)
      let named: { ino: number } | undefined
      try {
        named = statSync(file!)
      } catch {
        named = undefined
      }
      if (!named || named.ino !== current.ino) {
        closeQuietly(fd)
        open()
        if (fd === undefined) throw new Error('log file not open')
      } else size = current.size
      if (size > 0 && size + Buffer.byteLength(line) > maxBytes) rotate()
      if (fd === undefined) throw new Error('log file not open')
      if (dropped > reported) {
        const note = JSON.stringify({
          t: new Date(now()).toISOString(),
          level: 'warn',
          msg: 'log lines lost',
          count: dropped - reported,
        })
        size += writeSync(fd, note + '\n')
        reported = dropped
      }
      size += writeSync(fd, line)
    } catch {
      dropped++
    }
  }

  open()
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
    if (file) append(line)
    if (opts.stderr) {
      try {
        process.stderr.write(line)
      } catch {
        dropped++
      }
    }
  }
  return {
    file,
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    dropped: () => dropped,
    close: () => {
      try {
        if (fd !== undefined) closeSync(fd)
      } catch {
        // Already gone.
      }
      fd = undefined
    },
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd)
  } catch {
    // A descriptor the OS already dropped: nothing left to release.
  }
}

function renameQuietly(from: string, to: string): void {
  try {
    renameSync(from, to)
  } catch {
    // The older file does not exist yet.
  }
}

/** A logger that drops everything (default for services constructed without one). */
export const silentLogger: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} }
