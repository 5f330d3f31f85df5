import { useMemo, useState } from 'react'
import { CalendarDays } from 'lucide-react'
import { EmptyState } from '../../components/empty-state'
import { plural } from '../../lib/format'
import { useNow } from '../../lib/use-now'
import { batchName } from '../../store/queue-groups'
import { useStore } from '../../store/store'
import { LateBanner } from './late-banner'
import { PacingForm } from './pacing-form'
import { SchedulePanel } from './schedule-panel'
import { scheduleBatch } from './timeline-actions'
import { draftBatches, timelineDays } from './timeline-days'
import { TimelineRow } from './timeline-row'
import './timeline.css'

/** Plans a batch of drafts: which batch, then the schedule panel. */
function ScheduleDrafts() {
  const items = useStore((s) => s.items)
  const batches = useMemo(() => draftBatches(Object.values(items)), [items])
  const [picked, setPicked] = useState<number | null>(null)
  const batch = batches.find((b) => b.batchId === picked) ?? batches[0]
  if (!batch) return null
  return (
    <section className="timeline-plan" aria-labelledby="timeline-plan-title">
      <h2 id="timeline-plan-title">Schedule drafts</h2>
      <label className="timeline-batch">
        Batch
        <select value={batch.batchId} onChange={(e) => setPicked(Number(e.target.value))}>
          {batches.map((b) => (
            <option key={b.batchId} value={b.batchId}>
              {/* The queue's name for the batch (its folder or file), never "Batch 3" (issue 18, point 4). */}
              {batchName(items, b.batchId)} ({plural(b.drafts, 'draft', 'drafts')})
            </option>
          ))}
        </select>
      </label>
      <SchedulePanel count={batch.drafts} onSchedule={(plan) => scheduleBatch(batch.batchId, plan)} />
    </section>
  )
}

/**
 * Upcoming Pins by day (scheduled, queued with a time, drafts with a time), each movable or unscheduled;
 * drafts to plan; Pins that missed their time; and the account's pacing rules.
 */
export function TimelineScreen() {
  const items = useStore((s) => s.items)
  const loaded = useStore((s) => s.queueLoaded)
  const now = useNow(60_000)
  const days = useMemo(() => timelineDays(Object.values(items), now), [items, now])
  return (
    <section className="screen screen-timeline" aria-labelledby="timeline-title">
      <h1 id="timeline-title">Timeline</h1>
      <LateBanner onTimeline />
      <ScheduleDrafts />
      {days.length === 0 ? (
        loaded ? (
          <EmptyState icon={CalendarDays} title="Nothing scheduled">
            Schedule a batch of drafts here, or add files with a schedule, to see its Pins day by day.
          </EmptyState>
        ) : (
          <p className="hint" role="status">
            Loading the queue…
          </p>
        )
      ) : (
        days.map((d) => (
          <section key={d.key} className="timeline-day" aria-label={d.label} data-testid="timeline-day">
            <h2>{d.label}</h2>
            <ul>
              {d.items.map((v) => (
                <TimelineRow key={v.id} item={v} />
              ))}
            </ul>
          </section>
        ))
      )}
      <PacingForm />
    </section>
  )
}
