import type { Migration } from './migration-types'

/**
 * The account a watched folder was added under (issue 15: "a watched folder can name an account"): its files are
 * queued under that account even after the user switches to another. NULL for a folder watched before this
 * version: its files go to the account in use, as they did.
 */
export const migration0011: Migration = {
  version: 11,
  name: 'watch-accounts',
  up(db) {
    db.exec('ALTER TABLE watches ADD COLUMN account_key TEXT')
  },
}
