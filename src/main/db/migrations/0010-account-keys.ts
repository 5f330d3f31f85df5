import type { Database } from '../connection'
import type { Migration } from './migration-types'

/** The settings rows named after an account (pacing rules, the write journal of its rate budget). */
const SETTING_PREFIXES = ['pacing:', 'rate.writes.'] as const

/**
 * Re-keys an environment's rows to its account (issue 15: accounts are keyed by the Pinterest user, not by
 * environment): `items.account_key` and the settings rows named after the account. Idempotent: a row already
 * under the user key is left alone, and a setting the user key has already keeps its value.
 */
export function rekeyAccount(db: Database, from: string, to: string): void {
  if (from === to) return
  db.prepare('UPDATE items SET account_key = ? WHERE account_key = ?').run(to, from)
  for (const prefix of SETTING_PREFIXES) {
    db.prepare('INSERT OR IGNORE INTO settings(key, value) SELECT ?, value FROM settings WHERE key = ?').run(
      prefix + to,
      prefix + from,
    )
    db.prepare('DELETE FROM settings WHERE key = ?').run(prefix + from)
  }
}

/**
 * The queue's rows were keyed by environment (`production`, `sandbox`); they move to each environment's
 * current account as account.json names it (`MigrationContext.accountKeys`). An environment whose user was never
 * named keeps the environment as its key (that is then its account key, see docs/architecture.md "Secrets").
 */
export const migration0010: Migration = {
  version: 10,
  name: 'account-keys',
  up(db, context) {
    for (const [environment, key] of Object.entries(context.accountKeys ?? {})) {
      if (key !== undefined) rekeyAccount(db, environment, key)
    }
  },
}
