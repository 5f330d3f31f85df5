import { useState } from 'react'
import { FolderOpen } from 'lucide-react'
import type { Settings } from '../../../../shared/domain'
import { Button } from '../../components/button'
import { Field } from '../../components/field'
import { errorText, invoke } from '../../ipc/client'
import { actions, useStore } from '../../store/store'
import { AppearanceForm } from './appearance-form'
import { WriteBudgetLine } from './write-budget'

const MB = 1024 * 1024

/** A number field that saves when it is left or Enter is pressed, if it changed and is in range. */
function NumberSetting({
  label,
  hint,
  value,
  min,
  max,
  step,
  onCommit,
}: {
  label: string
  hint: React.ReactNode
  value: number
  min: number
  max: number
  step?: number
  onCommit: (v: number) => void
}) {
  const [text, setText] = useState(String(value))
  const commit = () => {
    const v = Number(text)
    if (text.trim() === '' || !Number.isFinite(v) || v < min || v > max) {
      actions().pushToast('error', `${label}: give a number from ${min} to ${max}.`)
      setText(String(value))
    } else if (v !== value) onCommit(v)
  }
  return (
    <Field label={label} hint={hint}>
      {(c) => (
        <input
          {...c}
          className="input-number"
          type="number"
          min={min}
          max={max}
          step={step}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit()
          }}
        />
      )}
    </Field>
  )
}

/** Every setting applies at once (issue 18, point 9): a choice when made, a number when left or on Enter. */
function SettingsForm({ settings }: { settings: Settings }) {
  const save = (patch: Partial<Omit<Settings, 'dataDir'>>) => {
    invoke('settings:set', patch)
      .then((saved) => {
        actions().setSettings(saved)
        actions().pushToast('success', 'Settings saved.')
      })
      .catch((err: unknown) => actions().pushToast('error', `Could not save settings: ${errorText(err)}`))
  }

  return (
    <div className="card form settings-form">
      <NumberSetting
        key={`c${settings.concurrency}`}
        label="Files uploaded at once"
        hint="1 to 10. More is faster until Pinterest's limits slow it."
        value={settings.concurrency}
        min={1}
        max={10}
        onCommit={(concurrency) => save({ concurrency })}
      />
      <NumberSetting
        key={`v${settings.videoTransfers}`}
        label="Video transfers at once"
        hint="1 to 4. Videos are large: one at a time keeps the line free."
        value={settings.videoTransfers}
        min={1}
        max={4}
        onCommit={(videoTransfers) => save({ videoTransfers })}
      />
      <NumberSetting
        key={`b${settings.bandwidthBytesPerSec}`}
        label="Upload speed cap (MB/s)"
        hint="0 = as fast as your connection allows."
        // Shown in MB/s: users think in megabytes, main counts bytes.
        value={settings.bandwidthBytesPerSec / MB}
        min={0}
        max={10 * 1024}
        step={0.5}
        onCommit={(mb) => save({ bandwidthBytesPerSec: Math.max(0, Math.round(mb * MB)) })}
      />
      <Field
        label="Your Pinterest app’s access"
        hint="As shown on your app’s page at developers.pinterest.com. Pinload paces itself to it."
      >
        {(c) => (
          <select
            {...c}
            className="input-choice"
            value={settings.rateProfile}
            onChange={(e) => save({ rateProfile: e.target.value as Settings['rateProfile'] })}
          >
            <option value="standard">Standard: an approved app, Pins go out quickly</option>
            <option value="trial">Trial: a new app, only a few Pins a day</option>
          </select>
        )}
      </Field>
      <NumberSetting
        key={`w${settings.writesPerMinute ?? 100}`}
        label="Writes per minute"
        hint={
          <>
            Standard access allows 100; change it only if Pinterest gave your app another limit.{' '}
            <WriteBudgetLine />
          </>
        }
        value={settings.writesPerMinute ?? 100}
        min={1}
        max={1000}
        onCommit={(writesPerMinute) => save({ writesPerMinute })}
      />
      <Field
        label="Photo location and camera details"
        hint="Off: GPS position, camera serial and other EXIF/XMP details are removed from JPEGs before upload; the pixels are not touched."
      >
        {(c) => (
          <label className="check">
            <input
              {...c}
              type="checkbox"
              checked={settings.keepPhotoMetadata === true}
              onChange={(e) => save({ keepPhotoMetadata: e.target.checked })}
            />{' '}
            Keep them in uploaded photos
          </label>
        )}
      </Field>
      <div className="readonly-field">
        <span className="field-label">Data folder</span>
        <div className="copy-row">
          <code data-testid="data-dir">{settings.dataDir}</code>
          <Button icon={FolderOpen} onClick={revealDataFolder}>
            Reveal
          </Button>
        </div>
        <p className="hint">The queue, settings and logs; your sign-in is in the system keychain.</p>
      </div>
    </div>
  )
}

function revealDataFolder(): void {
  invoke('app:reveal-data-folder', {}).catch((e: unknown) =>
    actions().pushToast('error', `Could not open the folder: ${errorText(e)}`),
  )
}

export async function loadSettings(): Promise<void> {
  try {
    actions().setSettings(await invoke('settings:get', {}))
  } catch (e) {
    actions().pushToast('error', `Could not read settings: ${errorText(e)}`)
  }
}

export function SettingsScreen() {
  const settings = useStore((s) => s.settings)
  return (
    <section className="screen" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      {settings ? (
        <>
          <AppearanceForm settings={settings} />
          <SettingsForm settings={settings} />
        </>
      ) : (
        <p>Loading…</p>
      )}
    </section>
  )
}
