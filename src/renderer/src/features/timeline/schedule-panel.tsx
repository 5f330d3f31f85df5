import { useEffect, useMemo, useState } from 'react'
import { CalendarClock } from 'lucide-react'
import type { PlanInputValue } from '../../../../shared/ipc/contract'
import { MIN_EVERY_MS, parsePlan } from '../../../../shared/schedule/plan-spec'
import { planTimes } from '../../../../shared/schedule/planner'
import { systemTimeZone } from '../../../../shared/schedule/zoned-time'
import { Button } from '../../components/button'
import { Field } from '../../components/field'
import { plural } from '../../lib/format'
import { useNow } from '../../lib/use-now'

type Mode = 'every' | 'per-day'

/** The schedule as typed, ready for `schedule:apply` (main checks it again, naming a bad field). */
function planOf(f: {
  mode: Mode
  every: string
  perDay: string
  from: string
  to: string
  start: string
  tz: string
  jitter: string
}): PlanInputValue {
  return {
    ...(f.start !== '' && { start: f.start }),
    ...(f.mode === 'every' ? { every: f.every } : { perDay: f.perDay, window: `${f.from}-${f.to}` }),
    ...(f.tz.trim() !== '' && { tz: f.tz.trim() }),
    ...(f.jitter.trim() !== '' && { jitter: f.jitter.trim() }),
  }
}

/**
 * Spreads `count` Pins over time: every so often, or so many a day inside a daily window, from a start, in a
 * time zone. Shows the first times (the shared planner, as main will plan them) or what is wrong.
 */
export function SchedulePanel({
  count,
  boardsPerFile = 1,
  onSchedule,
  onPlanChange,
  disabled = false,
}: {
  /** How many Pins the plan is for; null when not known yet (folders not scanned). */
  count: number | null
  /**
   * Boards each file goes to (the New batch sheet's several boards): the plan then gives each file its time and
   * the file's other boards follow it by the interval (docs/architecture.md, "Drafts and scheduled items"), so
   * the fields and the preview speak of files.
   */
  boardsPerFile?: number
  onSchedule: (plan: PlanInputValue) => void | Promise<unknown>
  /** The plan as typed whenever it changes, null while it is wrong (a caller whose own buttons take it). */
  onPlanChange?: (plan: PlanInputValue | null) => void
  /** The caller cannot take a schedule now (no board chosen, an add running). */
  disabled?: boolean
}) {
  const [mode, setMode] = useState<Mode>('per-day')
  const [every, setEvery] = useState('1h')
  const [perDay, setPerDay] = useState('3')
  const [from, setFrom] = useState('09:00')
  const [to, setTo] = useState('17:00')
  const [start, setStart] = useState('')
  const [tz, setTz] = useState(systemTimeZone)
  const [jitter, setJitter] = useState('')
  const [busy, setBusy] = useState(false)
  // The preview's "now": a start that has just passed reads as now, as main will take it.
  const now = useNow(30_000)
  const plan = planOf({ mode, every, perDay, from, to, start, tz, jitter })
  const preview = useMemo(() => {
    try {
      const spec = parsePlan(plan, {
        now,
        systemTimeZone: systemTimeZone(),
        minEveryMs: MIN_EVERY_MS,
      })
      if (!spec) return { error: 'Choose a spacing.' }
      const fmt = new Intl.DateTimeFormat('en-GB', {
        timeZone: spec.timeZone,
        dateStyle: 'medium',
        timeStyle: 'short',
      })
      const timed = count === null ? 3 : Math.ceil(count / boardsPerFile)
      return { times: planTimes(spec, Math.min(timed, 3), () => 0).map((t) => fmt.format(t)) }
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) }
    }
    // plan is rebuilt each render from these fields.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mode, every, perDay, from, to, start, tz, jitter, count, boardsPerFile, now])

  const byFile = boardsPerFile > 1
  const valid = 'error' in preview ? null : plan
  const validKey = valid === null ? '' : JSON.stringify(valid)
  useEffect(() => {
    onPlanChange?.(validKey === '' ? null : (JSON.parse(validKey) as PlanInputValue))
  }, [validKey, onPlanChange])

  return (
    <div className="schedule-panel" role="group" aria-label="Schedule">
      <fieldset className="schedule-mode">
        <legend>{byFile ? 'Spread the files' : 'Spread the Pins'}</legend>
        <label>
          <input
            type="radio"
            name="schedule-mode"
            checked={mode === 'per-day'}
            onChange={() => setMode('per-day')}
          />{' '}
          So many a day
        </label>
        <label>
          <input
            type="radio"
            name="schedule-mode"
            checked={mode === 'every'}
            onChange={() => setMode('every')}
          />{' '}
          One every…
        </label>
      </fieldset>
      {mode === 'every' ? (
        <Field label="Every" hint="15m, 2h, 1d (a day keeps the time of day)">
          {(c) => <input {...c} value={every} onChange={(e) => setEvery(e.target.value)} />}
        </Field>
      ) : (
        <>
          <Field
            label={byFile ? 'Files a day' : 'Pins a day'}
            {...(byFile && {
              hint: `Each file goes to ${boardsPerFile} boards: the plan times the file, its boards follow it`,
            })}
          >
            {(c) => (
              <input
                {...c}
                type="number"
                min={1}
                value={perDay}
                onChange={(e) => setPerDay(e.target.value)}
              />
            )}
          </Field>
          <Field label="From">
            {(c) => <input {...c} type="time" value={from} onChange={(e) => setFrom(e.target.value)} />}
          </Field>
          <Field label="Until">
            {(c) => <input {...c} type="time" value={to} onChange={(e) => setTo(e.target.value)} />}
          </Field>
        </>
      )}
      <Field label="Start" hint="Empty: now">
        {(c) => (
          <input {...c} type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} />
        )}
      </Field>
      <Field label="Time zone">
        {(c) => <input {...c} value={tz} onChange={(e) => setTz(e.target.value)} />}
      </Field>
      <Field label="Jitter" hint="Optional: move each time later by up to this much, like 10m">
        {(c) => <input {...c} value={jitter} onChange={(e) => setJitter(e.target.value)} />}
      </Field>
      <p className="hint" role="status" data-testid="schedule-preview">
        {'error' in preview
          ? preview.error
          : `${byFile ? 'First files' : 'First'}: ${preview.times.join(', ')}`}
      </p>
      <Button
        variant="primary"
        icon={CalendarClock}
        disabled={disabled || busy || 'error' in preview || count === 0}
        onClick={() => {
          setBusy(true)
          void Promise.resolve(onSchedule(plan)).finally(() => setBusy(false))
        }}
      >
        {count === null ? 'Schedule them' : `Schedule ${plural(count, 'Pin', 'Pins')}`}
      </Button>
    </div>
  )
}
