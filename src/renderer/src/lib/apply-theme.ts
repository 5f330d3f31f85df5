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

/** Settings → Appearance → Density: how much room controls and cards take. */
export type Density = 'comfortable' | 'compact'
const DENSITY_KEY = 'pinload.density'

/** Sets the density (`data-density` on <html>, read by tokens.css) and remembers it in the page. */
export function applyDensity(density: Density): void {
  const root = document.documentElement
  if (density === 'compact') root.dataset.density = 'compact'
  else delete root.dataset.density
  try {
    localStorage.setItem(DENSITY_KEY, density)
  } catch {
    // Storage off: the choice lasts until the window closes.
  }
}

/** The density chosen last, or comfortable. */
export function rememberedDensity(): Density {
  try {
    return localStorage.getItem(DENSITY_KEY) === 'compact' ? 'compact' : 'comfortable'
  } catch {
    return 'comfortable'
  }
}
