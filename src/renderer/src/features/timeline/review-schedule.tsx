import { useState } from 'react'
import { CalendarClock } from 'lucide-react'
import { Button } from '../../components/button'
import { SchedulePanel } from './schedule-panel'
import { scheduleBatch } from './timeline-actions'

/**
 * The review screen's way to schedule: "Schedule drafts…" opens the schedule panel for the batch's drafts,
 * which then go out at the planned times (schedule:apply with publish).
 */
export function ReviewSchedule({ batchId, drafts }: { batchId: number; drafts: number }) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <Button
        icon={CalendarClock}
        disabled={drafts === 0}
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        Schedule drafts…
      </Button>
      {open && drafts > 0 ? (
        <div className="review-schedule">
          <SchedulePanel
            count={drafts}
            onSchedule={(plan) => scheduleBatch(batchId, plan).then((ok) => ok && setOpen(false))}
          />
        </div>
      ) : null}
    </>
  )
}
