import { RotateCcw, TriangleAlert } from 'lucide-react'
import type { ItemErrorKind } from '../../../../shared/domain'
import { Button } from '../../components/button'
import { describeItemError } from '../../lib/error-words'
import { queueActiveLine, refocusWhenGone, screenHeading } from '../../lib/focus'
import { formatCount, needYou } from '../../lib/format'
import { retryMany } from './queue-actions'

/** Failures grouped by what went wrong, each with its fix and one "Retry all". */
export function NeedsYou({ failures }: { failures: { kind: ItemErrorKind; ids: number[] }[] }) {
  if (failures.length === 0) return null
  const total = failures.reduce((n, f) => n + f.ids.length, 0)
  return (
    <details className="needs-you" open>
      <summary>
        <TriangleAlert size={16} aria-hidden="true" />
        {needYou(total)}, by reason
      </summary>
      <ul>
        {failures.map((f) => {
          const words = describeItemError({ kind: f.kind, message: '' })
          return (
            <li key={f.kind} data-kind={f.kind}>
              <span className="needs-you-count">{formatCount(f.ids.length)}</span>
              <span className="needs-you-text">
                <strong>{words.heading}</strong>
                {words.fix !== undefined ? <span className="hint"> — {words.fix}</span> : null}
              </span>
              <Button
                variant="quiet"
                icon={RotateCcw}
                onClick={(e) => {
                  // The group goes once its items are queued again, and the focus with it: the list's active
                  // line takes it, or the screen's heading when the list is empty (issue 18).
                  refocusWhenGone(e.currentTarget, () => queueActiveLine() ?? screenHeading())
                  void retryMany(f.ids)
                }}
              >
                Retry all
                <span className="visually-hidden"> {words.heading.toLowerCase()}</span>
              </Button>
            </li>
          )
        })}
      </ul>
    </details>
  )
}
