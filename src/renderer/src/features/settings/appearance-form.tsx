import type { Settings, ThemeChoice } from '../../../../shared/domain'
import { errorText, invoke } from '../../ipc/client'
import { useRef, useState } from 'react'
import { applyDensity, applyTheme, rememberedDensity, type Density } from '../../lib/apply-theme'
import { actions } from '../../store/store'

const CHOICES: readonly { id: ThemeChoice; label: string }[] = [
  { id: 'system', label: 'System' },
  { id: 'light', label: 'Light' },
  { id: 'dark', label: 'Dark' },
]

/** System / Light / Dark: applies at once (no Save), then is stored with the other settings. */
export function AppearanceForm({ settings }: { settings: Settings }) {
  // The choice shows at once; only the last click's answer counts, and a refused one goes back to what is stored.
  const [pending, setPending] = useState<ThemeChoice | null>(null)
  const asks = useRef(0)
  const current = pending ?? settings.theme ?? 'system'
  const choose = (theme: ThemeChoice) => {
    const mine = ++asks.current
    setPending(theme)
    applyTheme(theme)
    invoke('settings:set', { theme })
      .then((saved) => {
        actions().setSettings(saved)
        if (asks.current === mine) setPending(null)
      })
      .catch((err: unknown) => {
        if (asks.current !== mine) return
        setPending(null)
        applyTheme(actions().settings?.theme ?? 'system')
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
      <DensityChoice />
    </fieldset>
  )
}

const DENSITIES: readonly { id: Density; label: string }[] = [
  { id: 'comfortable', label: 'Comfortable' },
  { id: 'compact', label: 'Compact' },
]

/** Comfortable / Compact: applies at once, kept in this window's storage (a look, not a queue setting). */
function DensityChoice() {
  const [density, setDensity] = useState(rememberedDensity)
  return (
    <>
      <div className="segmented" role="radiogroup" aria-label="Density">
        {DENSITIES.map((d) => (
          <label key={d.id} className="segmented-option">
            <input
              type="radio"
              name="density"
              value={d.id}
              checked={density === d.id}
              onChange={() => {
                applyDensity(d.id)
                setDensity(d.id)
              }}
            />
            {d.label}
          </label>
        ))}
      </div>
      <p className="hint">Compact fits more on the screen: tighter forms, cards and sheets.</p>
    </>
  )
}
