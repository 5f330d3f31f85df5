import { useStore } from '../store/store'
import type { Screen } from '../store/types'

const SCREENS: readonly { id: Screen; label: string }[] = [
  { id: 'queue', label: 'Queue' },
  { id: 'add', label: 'Add' },
  { id: 'import', label: 'Import CSV' },
  { id: 'watch', label: 'Watched folders' },
  { id: 'account', label: 'Account' },
  { id: 'settings', label: 'Settings' },
]

function AccountDot() {
  const status = useStore((s) => s.account?.status)
  if (status === undefined || status === 'connected') return null
  return (
    <span
      className="nav-dot"
      aria-label={status === 'signed_out' ? '(not signed in)' : '(needs attention)'}
    />
  )
}

/** Left navigation; plain buttons so Tab/Enter/Space work everywhere. */
export function Nav() {
  const screen = useStore((s) => s.screen)
  const setScreen = useStore((s) => s.setScreen)
  const active = useStore(
    (s) =>
      s.totals.total -
      (s.totals.byState.published ?? 0) -
      (s.totals.byState.failed ?? 0) -
      (s.totals.byState.skipped ?? 0) -
      (s.totals.byState.cancelled ?? 0),
  )
  return (
    <nav className="nav" aria-label="Screens">
      <p className="brand">Pinload</p>
      <ul>
        {SCREENS.map((s) => (
          <li key={s.id}>
            <button
              type="button"
              aria-current={screen === s.id ? 'page' : undefined}
              onClick={() => setScreen(s.id)}
            >
              {s.label}
              {s.id === 'queue' && active > 0 ? <span className="nav-count">{active}</span> : null}
              {s.id === 'account' ? <AccountDot /> : null}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  )
}
