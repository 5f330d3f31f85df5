import {
  CalendarDays,
  FileSpreadsheet,
  FolderPlus,
  FolderSync,
  LayoutGrid,
  ListChecks,
  Pin,
  Settings,
  TriangleAlert,
  UserRound,
  type LucideIcon,
} from 'lucide-react'
import { useShallow } from 'zustand/react/shallow'
import { AccountSwitcher } from '../features/account/account-switcher'
import { formatBadgeCount } from '../lib/format'
import { countForFilter, shownTotals } from '../store/queue-filter'
import { useStore } from '../store/store'
import type { Screen } from '../store/types'

const SCREENS: readonly { id: Screen; label: string; icon: LucideIcon }[] = [
  { id: 'queue', label: 'Queue', icon: ListChecks },
  { id: 'review', label: 'Review', icon: LayoutGrid },
  { id: 'timeline', label: 'Timeline', icon: CalendarDays },
  { id: 'add', label: 'Add', icon: FolderPlus },
  { id: 'import', label: 'Import CSV', icon: FileSpreadsheet },
  { id: 'watch', label: 'Watched folders', icon: FolderSync },
  { id: 'account', label: 'Account', icon: UserRound },
  { id: 'settings', label: 'Settings', icon: Settings },
]

function AccountDot() {
  const status = useStore((s) => s.account?.status)
  if (status === undefined || status === 'connected') return null
  return (
    <span className="nav-dot">
      <TriangleAlert size={14} aria-hidden="true" />
      <span className="visually-hidden">
        {status === 'signed_out' ? '(not signed in)' : '(needs attention)'}
      </span>
    </span>
  )
}

/**
 * The Queue's badges, counted exactly as the queue's filters count (countForFilter over the shown totals):
 * what is still moving ("Active") and what needs the user ("Failed" + "Needs attention").
 */
function QueueBadges() {
  const { active, needs } = useStore(
    useShallow((s) => {
      const { byState, total } = shownTotals(s.totals, s.items, s.hiddenIds)
      return {
        active: countForFilter(byState, total, 'active'),
        needs: countForFilter(byState, total, 'failed') + countForFilter(byState, total, 'attention'),
      }
    }),
  )
  if (active === 0 && needs === 0) return null
  return (
    <span className="nav-badges">
      {active > 0 ? (
        <span className="nav-count">
          {formatBadgeCount(active)}
          <span className="visually-hidden"> active</span>
        </span>
      ) : null}
      {needs > 0 ? (
        <span className="nav-count nav-count-warn">
          <TriangleAlert size={12} aria-hidden="true" />
          {formatBadgeCount(needs)}
          <span className="visually-hidden"> {needs === 1 ? 'needs' : 'need'} you</span>
        </span>
      ) : null}
    </span>
  )
}

/** Left navigation; plain buttons so Tab/Enter/Space work everywhere. */
export function Nav() {
  const screen = useStore((s) => s.screen)
  const setScreen = useStore((s) => s.setScreen)
  return (
    <nav className="nav" aria-label="Screens">
      <p className="brand">
        <Pin size={18} aria-hidden="true" />
        Pinload
      </p>
      <AccountSwitcher />
      <ul>
        {SCREENS.map((s) => (
          <li key={s.id}>
            <button
              type="button"
              aria-current={screen === s.id ? 'page' : undefined}
              onClick={() => setScreen(s.id)}
            >
              <s.icon size={16} aria-hidden="true" />
              {s.label}
              {s.id === 'queue' ? <QueueBadges /> : null}
              {s.id === 'account' ? <AccountDot /> : null}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  )
}
