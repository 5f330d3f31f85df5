import {
  Ban,
  CircleCheck,
  CircleSlash,
  CircleX,
  FilePen,
  CalendarClock,
  Clock,
  LoaderCircle,
  Pin,
  ScanSearch,
  TriangleAlert,
  Upload,
  type LucideIcon,
} from 'lucide-react'
import type { ItemState } from '../../../shared/domain'
import { STATE_LABELS } from '../lib/format'

/** A tone per state: the colour only repeats what the icon and the word already say. */
type Tone = 'neutral' | 'progress' | 'success' | 'warning' | 'danger'

const STATE_TONES: Record<ItemState, Tone> = {
  draft: 'neutral',
  scheduled: 'neutral',
  queued: 'neutral',
  validating: 'progress',
  uploading: 'progress',
  processing: 'progress',
  creating: 'progress',
  published: 'success',
  skipped: 'neutral',
  failed: 'danger',
  needs_attention: 'warning',
  cancelled: 'neutral',
}

export const STATE_ICONS: Record<ItemState, LucideIcon> = {
  draft: FilePen,
  scheduled: CalendarClock,
  queued: Clock,
  validating: ScanSearch,
  uploading: Upload,
  processing: LoaderCircle,
  creating: Pin,
  published: CircleCheck,
  skipped: CircleSlash,
  failed: CircleX,
  needs_attention: TriangleAlert,
  cancelled: Ban,
}

/** An item's state as icon + word (never colour alone), e.g. for a row or the inspector. */
export function StatusPill({ state, testId }: { state: ItemState; testId?: string }) {
  const Icon = STATE_ICONS[state]
  return (
    <span className={`pill pill-${STATE_TONES[state]}`} data-testid={testId}>
      <Icon size={14} aria-hidden="true" />
      {STATE_LABELS[state]}
    </span>
  )
}
