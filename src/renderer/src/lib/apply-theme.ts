import type { ThemeChoice } from '../../../shared/domain'

/** Remembered in the page too, so the next start paints in the right theme before settings arrive. */
const STORAGE_KEY = 'pinload.theme'

/**
 * Pins the window to light or dark (`data-theme` on <html>, which tokens.css turns into `color-scheme`),
 * or lets it follow the system (no attribute: `color-scheme: light dark`).
 */
export function applyTheme(choice: ThemeChoice): void {
  const root = document.documentElement
  if (choice === 'system') delete root.dataset.theme
  else root.dataset.theme = choice
  try {
    localStorage.setItem(STORAGE_KEY, choice)
  } catch {
    // Storage off (private profile): the settings still apply it once loaded.
  }
}

/** The choice remembered by the last run, or `system`. */
export function rememberedTheme(): ThemeChoice {
  try {
    const v = localStorage.getItem(STORAGE_KEY)
    return v === 'light' || v === 'dark' ? v : 'system'
  } catch {
    return 'system'
  }
}
