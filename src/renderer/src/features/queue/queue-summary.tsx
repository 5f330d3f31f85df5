import { useMemo } from 'react'
import { Download, Pause, Play } from 'lucide-react'
import { useShallow } from 'zustand/react/shallow'
import type { ItemState, QueueTotals } from '../../../../shared/domain'
import { MOVING_STATES, stalledOnSignIn } from '../../../../shared/item-states'
import { Button } from '../../components/button'
import { SegmentedBar } from '../../components/progress-bar'
import { STATE_ICONS } from '../../components/status-pill'
import { formatCount, formatTimeLeft, needYou, STATE_LABELS, STATE_ORDER } from '../../lib/format'
import { countForFilter, FILTERS, hasWorkToPause, shownTotals } from '../../store/queue-filter'
import { useStore } from '../../store/store'
import { pauseAll, resumeAll } from './queue-actions'
import { exportResults } from './results-actions'

const count = (t: QueueTotals, states: readonly ItemState[]) =>
  states.reduce((n, s) => n + (t.byState[s] ?? 0), 0)

const DONE: readonly ItemState[] = ['published', 'skipped', 'cancelled']
const NEEDS_YOU: readonly ItemState[] = ['failed', 'needs_attention']
const UNFINISHED: readonly ItemState[] = ['queued', ...MOVING_STATES]

/** "312 of 2,000 Pins published · 3 need you · about 1 h 20 min left", or why the queue is paused. */
function HeadLine({ totals }: { totals: QueueTotals }) {
  const published = totals.byState.published ?? 0
  const needs = count(totals, NEEDS_YOU)
  const working = count(totals, UNFINISHED) > 0
  return (
    <p className="summary-line">
      <strong>
        {formatCount(published)} of {formatCount(totals.total)}
      </strong>{' '}
      {totals.total === 1 ? 'Pin' : 'Pins'} published
      {needs > 0 ? <span className="summary-needs"> · {needYou(needs)}</span> : null}
      {working && !totals.paused && !stalledOnSignIn(totals) && totals.etaSeconds !== undefined
        ? ` · ${formatTimeLeft(totals.etaSeconds)} left`
        : ''}
    </p>
  )
}

/** Why nothing moves: a pause always says who or what paused it. */
function PausedNote({ reason }: { reason: string | undefined }) {
  const why = reason !== undefined && reason.trim() !== '' ? reason : 'you paused the queue. Resume to go on.'
  return (
    <p className="paused-note" role="status">
      <Pause size={14} aria-hidden="true" />
      Paused — {why}
    </p>
  )
}

/** Each state with items: icon, word and count, so the bar's colours are never the only account. */
function Legend({ totals }: { totals: QueueTotals }) {
  return (
    <ul className="legend" aria-label="Items by state">
      {STATE_ORDER.filter((st) => (totals.byState[st] ?? 0) > 0).map((st) => {
        const Icon = STATE_ICONS[st]
        return (
          <li key={st} data-state={st}>
            <Icon size={14} aria-hidden="true" />
            {STATE_LABELS[st]} {formatCount(totals.byState[st] ?? 0)}
          </li>
        )
      })}
    </ul>
  )
}

function PauseResume({ totals }: { totals: QueueTotals }) {
  // Hidden when there is nothing to hold: a Pause with nothing to pause only raises a question.
  if (totals.paused)
    return (
      <Button variant="primary" icon={Play} onClick={() => void resumeAll()}>
        Resume all
      </Button>
    )
  if (!hasWorkToPause(totals.byState)) return null
  return (
    <Button icon={Pause} onClick={() => void pauseAll()}>
      Pause all
    </Button>
  )
}

/** One segmented control; a filter with nothing to show is left out (All, and the current one, stay). */
function FilterBar() {
  const filter = useStore((s) => s.filter)
  const setFilter = useStore((s) => s.setFilter)
  const { byState, total } = useShownTotals()
  return (
    <div className="filters" role="group" aria-label="Show">
      {FILTERS.map((f) => {
        const n = countForFilter(byState, total, f.id)
        if (n === 0 && f.id !== 'all' && f.id !== filter) return null
        return (
          <button key={f.id} type="button" aria-pressed={filter === f.id} onClick={() => setFilter(f.id)}>
            {f.label} <span className="count">{formatCount(n)}</span>
          </button>
        )
      })}
    </div>
  )
}

/** Main's totals without the rows removed with Undo still possible, so every count agrees with the list. */
function useShownTotals(): QueueTotals {
  const { totals, items, hidden } = useStore(
    useShallow((s) => ({ totals: s.totals, items: s.items, hidden: s.hiddenIds })),
  )
  return useMemo(() => shownTotals(totals, items, hidden), [totals, items, hidden])
}

/** The queue at a glance: one line, one bar, one Pause/Resume, one filter. */
export function QueueSummary() {
  const totals = useShownTotals()
  if (totals.total === 0 && !totals.paused) return null
  return (
    <header className="summary">
      <div className="summary-top">
        <div className="summary-text" data-testid="queue-totals">
          {totals.paused ? <PausedNote reason={totals.pausedReason} /> : null}
          <HeadLine totals={totals} />
          <SegmentedBar
            label="Queue progress"
            total={totals.total}
            segments={[
              { kind: 'done', value: count(totals, DONE), label: 'done' },
              { kind: 'moving', value: count(totals, MOVING_STATES), label: 'in progress' },
              { kind: 'failed', value: count(totals, NEEDS_YOU), label: 'need you' },
            ]}
          />
          <Legend totals={totals} />
        </div>
        <PauseResume totals={totals} />
        <Button icon={Download} onClick={() => void exportResults({}, 'csv')}>
          Export
        </Button>
      </div>
      <FilterBar />
    </header>
  )
}
