import type { Database } from '../connection'
import { migration0001 } from './0001-initial'
import { migration0002 } from './0002-item-lookups'
import { migration0003 } from './0003-pending-index'
import { migration0004 } from './0004-state-counts'
import { migration0005 } from './0005-drafts-scheduled'
import { migration0006 } from './0006-pin-checks'
import { migration0007 } from './0007-item-media'
import { migration0008 } from './0008-pin-operations'
import { migration0009 } from './0009-draft-offsets'
import { migration0010 } from './0010-account-keys'
import { migration0011 } from './0011-watch-accounts'
import { migration0012 } from './0012-watch-account-fill'
import type { Migration, MigrationContext } from './migration-types'

/** Thrown by the migrations when the database was written by a newer Pinload. */
export class NewerDatabaseError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `The database is from a newer Pinload (schema ${found}, this build knows ${known}). Update Pinload.`,
    )
    this.name = 'NewerDatabaseError'
  }
}

/** Every migration, in order. Append only. */
export const MIGRATIONS: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
  migration0010,
  migration0011,
  migration0012,
]

export const LATEST_VERSION = MIGRATIONS.length

/**
 * Applies the migrations above `user_version` up to `target`, each in its own transaction together with
 * its `user_version` bump, so a kill between two leaves the DB at a clean version.
 */
export function migrate(
  db: Database,
  target: number = LATEST_VERSION,
  context: MigrationContext = {},
): number {
  const current = db.userVersion()
  if (current > LATEST_VERSION) throw new NewerDatabaseError(current, LATEST_VERSION)
  for (const m of MIGRATIONS) {
    if (m.version <= current || m.version > target) continue
    db.transaction(() => {
      m.up(db, context)
      db.setUserVersion(m.version)
    })
  }
  return db.userVersion()
}

export type { Migration }
