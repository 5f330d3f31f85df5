import { app, dialog, shell } from 'electron'

/** The switch a relaunch carries when the user chose to move a damaged database aside. */
export const MOVE_ASIDE_SWITCH = '--move-database-aside'

/**
 * A start that fails must never leave an invisible process holding the single-instance lock: say what happened
 * in a native dialog naming the data folder, offer the ways out, then quit (or start again on a fresh database).
 * Moving the database aside keeps it whole: nothing the user had is deleted.
 */
export async function showStartupFailure(
  failure: { title: string; message: string; canMoveAside: boolean },
  dataDir: string,
): Promise<void> {
  const buttons = [
    'Quit',
    'Open the data folder',
    ...(failure.canMoveAside ? ['Move it aside and start fresh'] : []),
  ]
  let code = 1
  try {
    for (;;) {
      const { response } = await dialog.showMessageBox({
        type: 'error',
        title: 'Pinload',
        message: failure.title,
        detail: failure.message,
        buttons,
        defaultId: 0,
        cancelId: 0,
        noLink: true,
      })
      if (response === 1) {
        await shell.openPath(dataDir)
        continue
      }
      if (response !== 2) return
      // This process holds the damaged database open, and closing it could let SQLite rewrite its -wal: a fresh
      // process moves it aside before it opens anything (MOVE_ASIDE_SWITCH in src/main/index.ts).
      app.relaunch({
        args: [...process.argv.slice(1).filter((a) => a !== MOVE_ASIDE_SWITCH), MOVE_ASIDE_SWITCH],
      })
      code = 0
      return
    }
  } finally {
    // Whatever happened above (even a dialog that failed), the process ends: never a window-less Pinload holding
    // the single-instance lock.
    app.exit(code)
  }
}

/** Tells the user where the moved-aside database is kept (after a relaunch with MOVE_ASIDE_SWITCH). */
export function showMovedAside(kept: string): void {
  void dialog.showMessageBox({
    type: 'info',
    title: 'Pinload',
    message: 'The database was moved aside',
    detail: `It is kept as ${kept}. Pinload started with a new one.`,
    buttons: ['OK'],
  })
}
