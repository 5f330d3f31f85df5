import type { Database } from '../connection'

/** One numbered, append-only schema step. Never edit a released one: add the next number instead. */
export interface Migration {
  /** Becomes `user_version` once applied. */
  version: number
  name: string
  up(db: Database): void
}
