import type { Migration } from './migration-types'

/**
 * A folder watched before 0011 kept no account, so it followed whichever account was in use: after a second
 * brand was added and chosen, the first brand's folder would queue its files as the second, onto a board of
 * the first (issue 15: "existing single-account data migrates without loss"). Its board was chosen under the
 * account that was current when Pinload still had one account per environment: that account keeps it.
 */
export const migration0012: Migration = {
  version: 12,
  name: 'watch-account-fill',
  up(db, context) {
    if (context.currentKey === undefined) return
    db.prepare('UPDATE watches SET account_key = ? WHERE account_key IS NULL').run(context.currentKey)
  },
}
