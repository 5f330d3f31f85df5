import { useEffect, useState } from 'react'
import { Button } from '../../components/button'
import { Field } from '../../components/field'
import { loadPacing, savePacing, type PaceRules } from './timeline-actions'

const HOUR = 3_600_000

/** The account's pacing rules, in hours where they are times (0 = off). */
export function PacingForm() {
  const [rules, setRules] = useState<PaceRules | null>(null)
  useEffect(() => {
    void loadPacing().then(setRules)
  }, [])
  if (!rules) return null
  const hours = (ms: number) => String(ms / HOUR)
  const set = (k: keyof PaceRules, v: number) => setRules({ ...rules, [k]: v })
  return (
    <form
      className="pacing-form"
      aria-label="Pacing rules"
      onSubmit={(e) => {
        e.preventDefault()
        void savePacing(rules).then((saved) => saved && setRules(saved))
      }}
    >
      <h2>Pacing</h2>
      <Field label="Daily cap" hint="Most Pins a day, from midnight; 0 for no cap">
        {(c) => (
          <input
            {...c}
            type="number"
            min={0}
            value={rules.dailyCap}
            onChange={(e) => set('dailyCap', Math.max(0, Math.round(Number(e.target.value))))}
          />
        )}
      </Field>
      <Field label="Same link, hours apart" hint="0: off (http/https and a trailing slash count as one link)">
        {(c) => (
          <input
            {...c}
            type="number"
            min={0}
            step="any"
            value={hours(rules.linkSpacingMs)}
            onChange={(e) => set('linkSpacingMs', Math.round(Number(e.target.value) * HOUR))}
          />
        )}
      </Field>
      <Field label="Same file on other boards, hours apart" hint="For Pins given no time of their own">
        {(c) => (
          <input
            {...c}
            type="number"
            min={0}
            step="any"
            value={hours(rules.sameFileSpacingMs)}
            onChange={(e) => set('sameFileSpacingMs', Math.round(Number(e.target.value) * HOUR))}
          />
        )}
      </Field>
      <Field
        label="Ask when late by, hours"
        hint="A Pin this late after sleep or a closed app waits for Catch up"
      >
        {(c) => (
          <input
            {...c}
            type="number"
            min={0}
            step="any"
            value={hours(rules.lateAfterMs)}
            onChange={(e) => set('lateAfterMs', Math.round(Number(e.target.value) * HOUR))}
          />
        )}
      </Field>
      <Button type="submit">Save pacing</Button>
    </form>
  )
}
