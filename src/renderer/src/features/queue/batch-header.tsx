import { useShallow } from 'zustand/react/shallow'
import { formatBytes, formatDuration, STATE_LABELS, STATE_ORDER } from '../../lib/format'
import { countForFilter, FILTERS } from '../../store/queue-filter'
import { useStore } from '../../store/store'
import { pauseAll, resumeAll } from './queue-actions'

function Totals() {
  const totals = useStore((s) => s.totals)
  const parts = STATE_ORDER.filter((st) => (totals.byState[st] ?? 0) > 0)
  return (
    <div className="totals" data-testid="queue-totals">
      <p className="totals-line">
        <strong>{totals.total}</strong> {totals.total === 1 ? 'file' : 'files'}
        {parts.map((st) => (
          <span key={st} className={`total-chip badge-${st}`} data-state={st}>
            {STATE_LABELS[st]} {totals.byState[st]}
          </span>
        ))}
      </p>
      {totals.bytesTotal > 0 ? (
        <div className="overall">
          <progress max={totals.bytesTotal} value={totals.bytesSent} aria-label="Overall upload progress" />
          <span>
            {formatBytes(totals.bytesSent)} of {formatBytes(totals.bytesTotal)}
            {totals.etaSeconds !== undefined && !totals.paused
              ? ` · about ${formatDuration(totals.etaSeconds)} left`
              : ''}
          </span>
        </div>
      ) : null}
    </div>
  )
}

function PauseControls() {
  const { paused, reason } = useStore(
    useShallow((s) => ({ paused: s.totals.paused, reason: s.totals.pausedReason })),
  )
  return (
    <div className="pause-controls">
      {paused ? (
        <>
          <p className="paused-note" role="status">
            Paused{reason !== undefined ? `: ${reason}` : ''}
          </p>
          <button type="button" className="primary" onClick={() => void resumeAll()}>
            Resume all
          </button>
        </>
      ) : (
        <button type="button" onClick={() => void pauseAll()}>
          Pause all
        </button>
      )}
    </div>
  )
}

function FilterBar() {
  const filter = useStore((s) => s.filter)
  const setFilter = useStore((s) => s.setFilter)
  const { byState, total } = useStore(
    useShallow((s) => ({ byState: s.totals.byState, total: s.totals.total })),
  )
  return (
    <div className="filters" role="group" aria-label="Show">
      {FILTERS.map((f) => (
        <button key={f.id} type="button" aria-pressed={filter === f.id} onClick={() => setFilter(f.id)}>
          {f.label} <span className="count">{countForFilter(byState, total, f.id)}</span>
        </button>
      ))}
    </div>
  )
}

/** Totals per state, overall progress with ETA, pause/resume and the filters. */
export function BatchHeader() {
  return (
    <header className="batch-header">
      <div className="batch-header-top">
        <Totals />
        <PauseControls />
      </div>
      <FilterBar />
    </header>
  )
}
