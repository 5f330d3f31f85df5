import type { Database } from '../connection'

/** One numbered, append-only schema step. Never edit a released one: add the next number instead. */
export interface Migration {
  /** Becomes `user_version` once applied. */
  version: number
  name: string
  up(db: Database, context: MigrationContext): void
}

/** What a migration may need from outside the database. */
export interface MigrationContext {
  /** Each environment's current account key from account.json (issue 15), for re-keying the queue's rows. */
  accountKeys?: Partial<Record<'production' | 'sandbox', string>>
  /** The account in use (the current environment's current account, else that environment), for 0012. */
  currentKey?: string
}
