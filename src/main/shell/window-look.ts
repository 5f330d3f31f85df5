import type { BrowserWindowConstructorOptions } from 'electron'
import type { ThemeChoice } from '../../shared/domain'

/** The window's background before the page paints: tokens.css's `--color-bg` of each theme. */
const BACKGROUND = { light: '#f4f5f7', dark: '#15171a' } as const

/**
 * Whether Windows draws the Mica material Electron's `backgroundMaterial` asks for: Windows 11 22H2 (build
 * 22621) and later. Earlier Windows ignores it, and a see-through window there would show black.
 */
export function hasMica(platform: NodeJS.Platform, osRelease: string): boolean {
  return platform === 'win32' && Number(osRelease.split('.')[2] ?? 0) >= 22621
}

/**
 * How the window looks on each platform (issue 18, point 8): macOS gets the inset title bar (the traffic
 * lights over the sidebar, which leaves room for them), Windows 11 the Mica material, Linux the system frame.
 */
export function windowChrome(platform: NodeJS.Platform, osRelease = ''): BrowserWindowConstructorOptions {
  if (platform === 'darwin') return { titleBarStyle: 'hiddenInset' }
  if (hasMica(platform, osRelease)) return { backgroundMaterial: 'mica' }
  return {}
}

/**
 * The window's own background for a theme choice; `system` follows what the system shows now. Under Mica it
 * is see-through, so the material shows where the page leaves its background out (the sidebar: layout.css).
 */
export function backgroundFor(theme: ThemeChoice, systemDark: boolean, mica = false): string {
  if (mica) return '#00000000'
  const dark = theme === 'dark' || (theme === 'system' && systemDark)
  return dark ? BACKGROUND.dark : BACKGROUND.light
}

/** The page's address, telling it when Mica is under it (src/renderer/src/main.tsx reads `material`). */
export function pageUrl(rendererUrl: string, mica: boolean): string {
  if (!mica) return rendererUrl
  const url = new URL(rendererUrl)
  url.searchParams.set('material', 'mica')
  return url.toString()
}
