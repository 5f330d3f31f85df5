import type { BrowserWindowConstructorOptions } from 'electron'
import type { ThemeChoice } from '../../shared/domain'

/** The window's background before the page paints: tokens.css's `--color-bg` of each theme. */
const BACKGROUND = { light: '#f4f5f7', dark: '#15171a' } as const

/**
 * How the window looks on each platform (issue 18, point 8): macOS gets the inset title bar (the traffic
 * lights over the sidebar, which leaves room for them), Windows 11 the Mica material where Electron offers it
 * (older Windows ignores it), Linux the system frame.
 */
export function windowChrome(platform: NodeJS.Platform): BrowserWindowConstructorOptions {
  if (platform === 'darwin') return { titleBarStyle: 'hiddenInset' }
  if (platform === 'win32') return { backgroundMaterial: 'mica' }
  return {}
}

/** The background for a theme choice; `system` follows what the system shows now. */
export function backgroundFor(theme: ThemeChoice, systemDark: boolean): string {
  const dark = theme === 'dark' || (theme === 'system' && systemDark)
  return dark ? BACKGROUND.dark : BACKGROUND.light
}
