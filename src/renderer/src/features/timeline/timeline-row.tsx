import { useState } from 'react'
import { CalendarX, Clock } from 'lucide-react'
import type { ItemView } from '../../../../shared/domain'
import { Button } from '../../components/button'
import { STATE_LABELS } from '../../lib/format'
import { movePin, unschedulePin } from './timeline-actions'
import { toLocalInput } from './timeline-days'

/** One upcoming Pin: its time, name and board, why it waits (a pacing hold), and Move / Unschedule. */
export function TimelineRow({ item }: { item: ItemView }) {
  const [moving, setMoving] = useState(false)
  const [when, setWhen] = useState(() => toLocalInput(item.publishAt!))
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' }).format(item.publishAt)
  return (
    <li className="timeline-row" data-testid="timeline-row" data-item-id={item.id}>
      <time className="timeline-time" dateTime={new Date(item.publishAt!).toISOString()}>
        {time}
      </time>
      <span className="timeline-name">{item.title || item.name}</span>
      <span className="timeline-board">{item.boardName ?? item.boardId ?? ''}</span>
      <span className="timeline-state">{STATE_LABELS[item.state]}</span>
      {item.error?.kind === 'rate_limited' ? (
        <span className="hint timeline-why">{item.error.message}</span>
      ) : null}
      {moving ? (
        <form
          className="timeline-move"
          onSubmit={(e) => {
            e.preventDefault()
            const at = new Date(when).getTime()
            if (Number.isNaN(at)) return
            void movePin(item.id, at).then((ok) => ok && setMoving(false))
          }}
        >
          <input
            type="datetime-local"
            aria-label={`New time for ${item.name}`}
            value={when}
            onChange={(e) => setWhen(e.target.value)}
          />
          <Button type="submit" variant="primary">
            Save time
          </Button>
          <Button onClick={() => setMoving(false)}>Keep</Button>
        </form>
      ) : (
        <span className="timeline-actions">
          <Button icon={Clock} onClick={() => setMoving(true)} aria-label={`Move ${item.name}`}>
            Move
          </Button>
          <Button
            icon={CalendarX}
            variant="quiet"
            onClick={() => void unschedulePin(item.id)}
            aria-label={`Unschedule ${item.name}`}
          >
            Unschedule
          </Button>
        </span>
      )}
    </li>
  )
}
