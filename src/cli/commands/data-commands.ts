import type { Command } from 'commander'
import { moveDatabaseAside } from '../../main/db/startup-failure'
import type { CliContext } from '../cli-context'

/** The command that `pinload` names when the data folder's database cannot be opened. */
export const MOVE_ASIDE_COMMAND = 'pinload move-database-aside'

/** Adds `move-database-aside`: the way out of a damaged or too-new database that keeps every byte of it. */
export function registerDataCommands(program: Command, ctx: CliContext): void {
  program
    .command('move-database-aside')
    .description(
      'Move the database aside (kept as pinload.db.damaged-<time> in the data folder, never deleted) so the next run starts with a new one.',
    )
    .action(() => {
      const kept = moveDatabaseAside(ctx.dataDir)
      ctx.print(`Moved aside: ${kept}. The next command or app start begins with a new database.`)
    })
}
