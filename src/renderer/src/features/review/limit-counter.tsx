import { PIN_LIMITS } from '../../../../shared/limits'
import { formatCount } from '../../lib/format'
import { lengthOf, type TextField } from './review-fields'

/** "12 / 100" under a field, in the danger colour with how far over once it passes Pinterest's limit. */
export function LimitCounter({ field, value }: { field: TextField; value: string }) {
  const max = PIN_LIMITS[field]
  const n = lengthOf(value)
  const over = n - max
  return (
    <span className={over > 0 ? 'limit-counter limit-over' : 'limit-counter'} data-testid="limit-counter">
      {formatCount(n)} / {formatCount(max)}
      {over > 0 ? ` · ${formatCount(over)} over the limit` : ''}
    </span>
  )
}
