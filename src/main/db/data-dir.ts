import { homedir } from 'node:os'
import { join, win32 } from 'node:path'

/** Folder name under the OS's app-data folder. */
const APP_DIR_NAME = 'Pinload'

/**
 * The app's data folder: `PINLOAD_DATA_DIR` when set, else the OS's per-user app-data folder + `/Pinload`
 * (what Electron's `app.getPath('userData')` gives for this app name, so CLI and app share one database).
 */
export function resolveDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (env.PINLOAD_DATA_DIR) return env.PINLOAD_DATA_DIR
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_DIR_NAME)
  if (platform === 'win32')
    return win32.join(env.APPDATA ?? win32.join(home, 'AppData', 'Roaming'), APP_DIR_NAME)
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_DIR_NAME)
}
