import { spawn } from 'node:child_process'

/**
 * Opening the sign-in page from `pinload login`. The browser is a long-lived program that starts other programs
 * (helpers, extensions, crash reporters) and keeps the environment it was given: it must not inherit the
 * command's `PINLOAD_*` variables, the access token first among them (README, "Environment variables").
 */

/** The command's environment minus every `PINLOAD_*` variable (any case: Windows names are case-insensitive). */
export function browserEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(env))
    if (value !== undefined && !key.toUpperCase().startsWith('PINLOAD_')) out[key] = value
  return out
}

/** The system's opener for a URL on this platform: `open`, `start` (a cmd built-in) or `xdg-open`. */
function openerFor(url: string, platform: NodeJS.Platform): [string, string[]] {
  if (platform === 'darwin') return ['open', [url]]
  // The quotes keep cmd from splitting the URL at `&`.
  if (platform === 'win32') return ['cmd', ['/d', '/s', '/c', `start "" "${url}"`]]
  return ['xdg-open', [url]]
}

/**
 * Starts the system browser on `url` with `browserEnvironment(env)`, detached; never throws (the command prints
 * the address too, so a missing opener only means the user opens it by hand).
 */
export function openSystemBrowser(
  url: string,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): void {
  const [cmd, args] = openerFor(url, platform)
  try {
    const child = spawn(cmd, args, {
      stdio: 'ignore',
      detached: true,
      windowsVerbatimArguments: true,
      env: browserEnvironment(env),
    })
    child.on('error', () => undefined)
    child.unref()
  } catch {
    // No opener: the printed address is enough.
  }
}
