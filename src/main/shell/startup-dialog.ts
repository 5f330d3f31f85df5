import { app, dialog, shell } from 'electron'

/**
 * A start that fails must never leave an invisible process holding the single-instance lock: say what happened
 * in a native dialog naming the data folder, offer the ways out, then quit (or start again on a fresh database).
 * Moving the database aside keeps it whole: nothing the user had is deleted.
 */
export async function showStartupFailure(
  failure: { title: string; message: string; canMoveAside: boolean },
  dataDir: string,
  moveAside: () => string,
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
      let kept: string
      try {
        kept = moveAside()
      } catch (e) {
        // Nothing was lost (a failed move is undone): say so, and let the user try again or quit.
        await dialog.showMessageBox({
          type: 'error',
          title: 'Pinload',
          message: 'The database could not be moved aside',
          detail: `${e instanceof Error ? e.message : String(e)}. Close any program using it, then try again.`,
          buttons: ['OK'],
        })
        continue
      }
      await dialog.showMessageBox({
        type: 'info',
        title: 'Pinload',
        message: 'The database was moved aside',
        detail: `It is kept as ${kept}. Pinload starts again with a new one.`,
        buttons: ['Start Pinload'],
      })
      app.relaunch()
      code = 0
      return
    }
  } finally {
    // Whatever happened above (even a dialog that failed), the process ends: never a window-less Pinload holding
    // the single-instance lock.
    app.exit(code)
  }
}
