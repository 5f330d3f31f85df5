import { formatCount } from '../lib/format'

/** A thin determinate bar; `value` and `max` in the same unit (bytes, items). */
export function ProgressBar({ value, max, label }: { value: number; max: number; label: string }) {
  const pct = max > 0 ? Math.min(100, (value / max) * 100) : 0
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={value}
    >
      <div className="progress-fill" style={{ width: `${pct}%` }} />
    </div>
  )
}

export interface Segment {
  /** Which part of the work: the tone of the segment. */
  kind: 'done' | 'moving' | 'failed'
  value: number
  label: string
}

/** One bar in parts (done / in progress / failed) over `total`; the rest of the track is what waits. */
export function SegmentedBar({
  segments,
  total,
  label,
}: {
  segments: Segment[]
  total: number
  label: string
}) {
  const text = segments
    .filter((s) => s.value > 0)
    .map((s) => `${formatCount(s.value)} ${s.label}`)
    .join(', ')
  return (
    <div
      className="segbar"
      role="img"
      aria-label={`${label}: ${text || 'nothing yet'} of ${formatCount(total)}`}
    >
      {segments.map((s) =>
        s.value > 0 && total > 0 ? (
          <div
            key={s.kind}
            className={`segbar-part segbar-${s.kind}`}
            style={{ width: `${Math.min(100, (s.value / total) * 100)}%` }}
          />
        ) : null,
      )}
    </div>
  )
}
