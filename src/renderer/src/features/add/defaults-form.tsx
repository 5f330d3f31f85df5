import type { BatchDefaults } from '../../../../shared/domain'
import { PIN_LIMITS } from '../../../../shared/limits'

type TextKey = 'titleTemplate' | 'description' | 'link' | 'altText' | 'utmCampaign'

/** Batch defaults applied to every file (sidecar files and CSV columns override them). */
export function DefaultsForm({
  value,
  onChange,
}: {
  value: BatchDefaults
  onChange: (v: BatchDefaults) => void
}) {
  const field = (key: TextKey) => ({
    value: value[key] ?? '',
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      onChange({ ...value, [key]: e.target.value }),
  })
  return (
    <fieldset className="defaults">
      <legend>Pin details for this batch</legend>
      <label>
        Title template
        <input {...field('titleTemplate')} aria-describedby="title-hint" placeholder="{name}" />
      </label>
      <p id="title-hint" className="hint">
        Placeholders: <code>{'{name}'}</code> file name, <code>{'{folder}'}</code> folder name,{' '}
        <code>{'{index}'}</code> position in the batch, <code>{'{date}'}</code> file date,{' '}
        <code>{'{board}'}</code> board name; description, link and alt text take them too. Text longer than
        Pinterest allows (title {PIN_LIMITS.title} characters) is reported, not cut.
      </p>
      <label>
        Description
        <textarea {...field('description')} maxLength={PIN_LIMITS.description} rows={3} />
      </label>
      <label>
        Link
        <input {...field('link')} type="url" maxLength={PIN_LIMITS.link} placeholder="https://" />
      </label>
      <label>
        Alt text
        <input {...field('altText')} maxLength={PIN_LIMITS.altText} />
      </label>
      <label>
        UTM campaign
        <input {...field('utmCampaign')} aria-describedby="utm-hint" placeholder="spring-sale" />
      </label>
      <p id="utm-hint" className="hint">
        Adds utm_source=pinterest, utm_medium=social, this campaign and the file name to each link, keeping
        the link&apos;s own query and #fragment.
      </p>
    </fieldset>
  )
}
