import { sep } from 'node:path'
import { Command, CommanderError } from 'commander'
import { AppError } from '../shared/ipc/result'
import { describeStartupFailure } from '../main/db/startup-failure'
import { registerAccountsCommands } from './commands/accounts-commands'
import { registerAuthCommands } from './commands/auth-commands'
import { MOVE_ASIDE_COMMAND, registerDataCommands } from './commands/data-commands'
import { registerSourceCommands } from './commands/source-commands'
import { registerQueueCommands } from './commands/queue-commands'
import { registerScheduleCommands } from './commands/schedule-commands'
import { registerPlanCommands } from './commands/plan-commands'
import { registerResultsCommands } from './commands/results-commands'
import { createCliContext, type CliIo } from './cli-context'
import { EXIT_ITEMS, EXIT_OK, EXIT_SETUP } from './exit-codes'
import { printable } from './printable'

/**
 * Builds and runs the `pinload` command on `args` (without node and script). Resolves with the exit code
 * rather than exiting, so tests can run it in-process.
 */
export async function runCli(
  args: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const ctx = createCliContext({ env, io, json: args.includes('--json') })
  let code = EXIT_OK
  const program = new Command()
    .name('pinload')
    .description(
      'Publish folders of images and videos to Pinterest as Pins (same queue and database as the app).',
    )
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError()
  registerQueueCommands(program, ctx, (c) => (code = c))
  registerScheduleCommands(program, ctx)
  registerAuthCommands(program, ctx)
  registerAccountsCommands(program, ctx)
  registerSourceCommands(program, ctx, { setExit: (c) => (code = c) })
  registerDataCommands(program, ctx)
  registerPlanCommands(program, ctx, (c) => (code = c))
  registerResultsCommands(program, ctx, (c) => (code = c))
  try {
    await program.parseAsync(args, { from: 'user' })
  } catch (e) {
    code = exitCodeFor(e, ctx.dataDir, (line) => ctx.warn(printable(line)))
    if (!(e instanceof CommanderError) && !(e instanceof AppError))
      ctx.logger().error('command failed', { error: e })
  } finally {
    await ctx.close()
  }
  return code
}

function exitCodeFor(e: unknown, dataDir: string, warn: (line: string) => void): number {
  if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT_OK : EXIT_SETUP
  if (e instanceof AppError) {
    warn(`pinload: ${e.message}`)
    return EXIT_SETUP
  }
  // The data folder itself cannot be opened: say so as the app's start-up dialog does, with the way out.
  const failure = describeStartupFailure(e, dataDir)
  if (failure.kind !== 'unknown' && aboutDataFolder(e, dataDir)) {
    warn(`pinload: ${failure.title}. ${failure.message}`)
    if (failure.canMoveAside) warn(`To move it aside and start fresh: ${MOVE_ASIDE_COMMAND}`)
    return EXIT_SETUP
  }
  const err = e as { message?: unknown; details?: { fix?: unknown } }
  const fix = typeof err?.details?.fix === 'string' ? ` ${err.details.fix}` : ''
  warn(`pinload: ${typeof err?.message === 'string' ? err.message : String(e)}${fix}`)
  return EXIT_ITEMS
}

/** SQLite's own errors and the newer-schema refusal concern the database; a file-system error only if its path does. */
function aboutDataFolder(e: unknown, dataDir: string): boolean {
  const { code, path } = (e ?? {}) as { code?: unknown; path?: unknown }
  if (typeof code === 'string' && !code.startsWith('SQLITE_'))
    return typeof path === 'string' && (path === dataDir || path.startsWith(dataDir + sep))
  return true
}
