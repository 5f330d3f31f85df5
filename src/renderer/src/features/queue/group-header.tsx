import { memo } from 'react'
import {
  ChevronDown,
  ChevronRight,
  Download,
  Eraser,
  Folder,
  Pause,
  Play,
  RotateCcw,
  SearchCheck,
  Send,
  X,
} from 'lucide-react'
import { Button } from '../../components/button'
import { Menu } from '../../components/menu'
import { ProgressBar } from '../../components/progress-bar'
import { formatCount, needYou } from '../../lib/format'
import type { GroupInfo } from '../../store/queue-groups'
import { actions, useStore } from '../../store/store'
import { cancelMany, clearPublished, pauseBatch, publishDrafts, retryMany } from './queue-actions'
import { keepFocusInLine } from '../../lib/focus'
import { checkOnPinterest, exportResults } from './results-actions'

/** Fixed height of a group's header line in px (the virtualizer relies on it). */
export const GROUP_HEIGHT = 48

const LEFT: readonly (keyof GroupInfo['byState'])[] = [
  'scheduled',
  'queued',
  'validating',
  'uploading',
  'processing',
]

const ofBatch = (batchId: number, states: readonly string[]) => {
  const { items, ids } = actions()
  return ids.filter((id) => {
    const it = items[id]
    return it?.batchId === batchId && states.includes(it.state)
  })
}

/** Retries what needs the user in one batch: its failed and needs-attention items. */
const retryGroup = (batchId: number) => void retryMany(ofBatch(batchId, ['failed', 'needs_attention']))

/** A batch's header: fold, name (its folder or file), progress, and the batch's own actions. */
export const GroupHeader = memo(function GroupHeader({
  group,
  top,
  active,
  onActivate,
}: {
  group: GroupInfo
  top: number
  /** The list's one tab stop is on this header (queue-list.tsx); Enter folds it, Tab reaches its actions. */
  active: boolean
  onActivate: (key: string) => void
}) {
  const key = `g${group.batchId}`
  const tab = active ? 0 : -1
  const folded = useStore((s) => s.collapsed[group.batchId] === true)
  const toggle = useStore((s) => s.toggleCollapsed)
  const published = group.byState.published ?? 0
  const left = LEFT.reduce((n, s) => n + (group.byState[s] ?? 0), 0)
  const drafts = group.byState.draft ?? 0
  const paused = useStore((s) => s.totals.pausedBatches?.includes(group.batchId) === true)
  const Chevron = folded ? ChevronRight : ChevronDown
  return (
    <div
      className="group-header"
      style={{ transform: `translateY(${top}px)`, height: GROUP_HEIGHT }}
      role="listitem"
      tabIndex={tab}
      data-key={key}
      data-batch-id={group.batchId}
      onFocus={() => onActivate(key)}
    >
      <button
        type="button"
        tabIndex={-1}
        className="group-toggle"
        aria-expanded={!folded}
        onClick={() => toggle(group.batchId)}
        title={folded ? 'Show the items' : 'Fold the group'}
      >
        <Chevron size={16} aria-hidden="true" />
        <Folder size={16} aria-hidden="true" />
        <span className="group-name">{group.name}</span>
      </button>
      <span className="group-counts">
        {formatCount(published)} of {formatCount(group.total)} published
        {group.needsYou > 0 ? <span className="group-needs"> · {needYou(group.needsYou)}</span> : null}
        {paused ? (
          <span className="group-paused">
            {' · '}
            <Pause size={12} aria-hidden="true" /> Paused
          </span>
        ) : null}
      </span>
      <div className="group-bar">
        <ProgressBar value={published} max={group.total} label={`${group.name}: published`} />
      </div>
      <div className="group-actions">
        {drafts > 0 ? (
          <Button
            tabIndex={tab}
            variant="quiet"
            icon={Send}
            onClick={() => void publishDrafts({ batchId: group.batchId })}
          >
            Publish {formatCount(drafts)} {drafts === 1 ? 'draft' : 'drafts'}
          </Button>
        ) : null}
        {paused || left > 0 ? (
          <Button
            tabIndex={tab}
            variant="quiet"
            icon={paused ? Play : Pause}
            aria-label={`${paused ? 'Resume' : 'Pause'} ${group.name}`}
            onClick={() => void pauseBatch(group.batchId, !paused)}
          >
            {paused ? 'Resume' : 'Pause'}
          </Button>
        ) : null}
        {group.needsYou > 0 ? (
          <Button
            tabIndex={tab}
            variant="quiet"
            icon={RotateCcw}
            onClick={(e) => {
              // The button goes once nothing in the group needs the user: the focus goes to the group's line.
              keepFocusInLine(e.currentTarget)
              retryGroup(group.batchId)
            }}
          >
            Retry failed
          </Button>
        ) : null}
        <Menu
          tabIndex={tab}
          label={`More actions for ${group.name}`}
          items={[
            {
              label: 'Retry failed',
              icon: RotateCcw,
              disabled: group.needsYou === 0,
              onSelect: () => retryGroup(group.batchId),
            },
            {
              label: 'Export as CSV…',
              icon: Download,
              onSelect: () => void exportResults({ batchId: group.batchId }, 'csv'),
            },
            {
              label: 'Export as JSON…',
              icon: Download,
              onSelect: () => void exportResults({ batchId: group.batchId }, 'json'),
            },
            {
              label: 'Check on Pinterest',
              icon: SearchCheck,
              disabled: published === 0,
              onSelect: () => void checkOnPinterest({ batchId: group.batchId }),
            },
            {
              label: 'Clear published',
              icon: Eraser,
              disabled: published === 0,
              onSelect: () => clearPublished(group.batchId),
            },
            {
              label: `Cancel ${formatCount(left)} not yet published`,
              icon: X,
              disabled: left === 0,
              danger: true,
              onSelect: () => void cancelMany(ofBatch(group.batchId, LEFT)),
            },
          ]}
        />
      </div>
    </div>
  )
})
