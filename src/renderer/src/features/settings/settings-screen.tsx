import { useState } from 'react'
import type { Settings } from '../../../../shared/domain'
import { Button } from '../../components/button'
import { Field } from '../../components/field'
import { errorText, invoke } from '../../ipc/client'
import { actions, useStore } from '../../store/store'
import { AppearanceForm } from './appearance-form'
import { WriteBudgetLine } from './write-budget'

const MB = 1024 * 1024

function SettingsForm({ settings }: { settings: Settings }) {
  const [concurrency, setConcurrency] = useState(settings.concurrency)
  const [videoTransfers, setVideoTransfers] = useState(settings.videoTransfers)
  // Shown in MB/s: users think in megabytes, main counts bytes.
  const [capMb, setCapMb] = useState(settings.bandwidthBytesPerSec / MB)
  const [rateProfile, setRateProfile] = useState(settings.rateProfile)
  const [writesPerMinute, setWritesPerMinute] = useState(settings.writesPerMinute ?? 100)
  const [keepMetadata, setKeepMetadata] = useState(settings.keepPhotoMetadata === true)
  const [busy, setBusy] = useState(false)

  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    setBusy(true)
    invoke('settings:set', {
      concurrency,
      videoTransfers,
      bandwidthBytesPerSec: Math.max(0, Math.round(capMb * MB)),
      rateProfile,
      writesPerMinute,
      keepPhotoMetadata: keepMetadata,
    })
      .then((saved) => {
        actions().setSettings(saved)
        actions().pushToast('success', 'Settings saved.')
      })
      .catch((err: unknown) => actions().pushToast('error', `Could not save settings: ${errorText(err)}`))
      .finally(() => setBusy(false))
  }

  return (
    <form className="card form" onSubmit={submit}>
      <Field label="Files uploaded at once" hint="1 to 10. More is faster until Pinterest's limits slow it.">
        {(c) => (
          <input
            {...c}
            type="number"
            min={1}
            max={10}
            value={concurrency}
            onChange={(e) => setConcurrency(Number(e.target.value))}
          />
        )}
      </Field>
      <Field
        label="Video transfers at once"
        hint="1 to 4. Videos are large: one at a time keeps the line free."
      >
        {(c) => (
          <input
            {...c}
            type="number"
            min={1}
            max={4}
            value={videoTransfers}
            onChange={(e) => setVideoTransfers(Number(e.target.value))}
          />
        )}
      </Field>
      <Field label="Upload speed cap (MB/s, 0 = unlimited)">
        {(c) => (
          <input
            {...c}
            type="number"
            min={0}
            step={0.5}
            value={capMb}
            onChange={(e) => setCapMb(Number(e.target.value))}
          />
        )}
      </Field>
      <Field label="Rate-limit profile" hint="Trial apps get far fewer requests a day than Standard ones.">
        {(c) => (
          <select
            {...c}
            value={rateProfile}
            onChange={(e) => setRateProfile(e.target.value as Settings['rateProfile'])}
          >
            <option value="standard">Standard access</option>
            <option value="trial">Trial access (much lower limits)</option>
          </select>
        )}
      </Field>
      <Field
        label="Writes per minute"
        hint={
          <>
            Standard access allows 100; change it only if Pinterest gave your app another limit.{' '}
            <WriteBudgetLine />
          </>
        }
      >
        {(c) => (
          <input
            {...c}
            type="number"
            min={1}
            max={1000}
            value={writesPerMinute}
            onChange={(e) => setWritesPerMinute(Number(e.target.value))}
          />
        )}
      </Field>
      <Field
        label="Photo location and camera details"
        hint="Off: GPS position, camera serial and other EXIF/XMP details are removed from JPEGs before upload; the pixels are not touched."
      >
        {(c) => (
          <label className="check">
            <input
              {...c}
              type="checkbox"
              checked={keepMetadata}
              onChange={(e) => setKeepMetadata(e.target.checked)}
            />{' '}
            Keep them in uploaded photos
          </label>
        )}
      </Field>
      <div className="readonly-field">
        <span className="field-label">Data folder</span>
        <code data-testid="data-dir">{settings.dataDir}</code>
      </div>
      <div className="form-actions">
        <Button type="submit" variant="primary" disabled={busy}>
          Save settings
        </Button>
      </div>
    </form>
  )
}

export async function loadSettings(): Promise<void> {
  try {
    actions().setSettings(await invoke('settings:get', {}))
  } catch (e) {
    actions().pushToast('error', `Could not read settings: ${errorText(e)}`)
  }
}

/** The upload form starts afresh when a saved upload setting changes, not when only the theme does. */
function settingsKey({ theme: _theme, ...rest }: Settings): string {
  return JSON.stringify(rest)
}

export function SettingsScreen() {
  const settings = useStore((s) => s.settings)
  return (
    <section className="screen" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      {settings ? (
        <>
          <AppearanceForm settings={settings} />
          <SettingsForm key={settingsKey(settings)} settings={settings} />
        </>
      ) : (
        <p>Loading…</p>
      )}
    </section>
  )
}
