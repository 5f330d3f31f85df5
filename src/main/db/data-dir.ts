import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs'
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

/** Windows has no owner/group/other bits: its user profile folder is private already. */
const POSIX = process.platform !== 'win32'

/**
 * Creates the data folder readable by its owner only (0700), and tightens one an older version or another
 * module made with the umask's 0755: it holds the queue (paths, titles, links) and the logs.
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  if (POSIX && (statSync(dir).mode & 0o077) !== 0) chmodSync(dir, 0o700)
}

/**
 * Makes `file` 0600: creates it empty when `create` and it is missing (SQLite takes an empty file as a new
 * database), else narrows an existing one. A missing file with `create` false is left missing.
 */
export function ensurePrivateFile(file: string, create = true): void {
  if (!POSIX) return
  try {
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600)
  } catch (e) {
    if ((e as { code?: unknown }).code !== 'ENOENT' || !create) return
    closeSync(openSync(file, 'a', 0o600))
  }
}
