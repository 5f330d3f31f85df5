import type { Settings, ThemeChoice } from '../../../../shared/domain'
import { errorText, invoke } from '../../ipc/client'
import { applyTheme } from '../../lib/apply-theme'
import { actions } from '../../store/store'

const CHOICES: readonly { id: ThemeChoice; label: string }[] = [
  { id: 'system', label: 'System' },
  { id: 'light', label: 'Light' },
  { id: 'dark', label: 'Dark' },
]

/** System / Light / Dark: applies at once (no Save), then is stored with the other settings. */
export function AppearanceForm({ settings }: { settings: Settings }) {
  const current = settings.theme ?? 'system'
  const choose = (theme: ThemeChoice) => {
    applyTheme(theme)
    invoke('settings:set', { theme })
      .then((saved) => actions().setSettings(saved))
      .catch((err: unknown) => {
        applyTheme(current)
        actions().pushToast('error', `Could not change the appearance: ${errorText(err)}`)
      })
  }
  return (
    <fieldset className="card appearance">
      <legend>Appearance</legend>
      <div className="segmented" role="radiogroup" aria-label="Appearance">
        {CHOICES.map((c) => (
          <label key={c.id} className="segmented-option">
            <input
              type="radio"
              name="theme"
              value={c.id}
              checked={current === c.id}
              onChange={() => choose(c.id)}
            />
            {c.label}
          </label>
        ))}
      </div>
      <p className="hint">System follows your computer&apos;s light or dark setting.</p>
    </fieldset>
  )
}
