import { useEffect, useState } from 'react'
import type { InvokeOutput } from '../../../../shared/ipc/contract'
import { loadBoards } from '../../components/board-actions'
import { errorText, invoke } from '../../ipc/client'
import { actions, useStore } from '../../store/store'

type KnownAccounts = InvokeOutput<'accounts:list'>

/** Makes this account the one new batches go to; true when main took it. */
export async function switchAccount(key: string): Promise<boolean> {
  try {
    actions().setAccount(await invoke('accounts:use', { key }))
    // Each account has its own boards.
    void loadBoards(true)
    return true
  } catch (e) {
    actions().pushToast('error', `Could not switch the account: ${errorText(e)}`)
    return false
  }
}

/**
 * The account new batches go to (issue 15), in the sidebar once Pinload knows more than one. Queued items keep
 * the account they were queued for, so switching asks nothing.
 */
export function AccountSwitcher() {
  const username = useStore((s) => s.account?.username)
  const environment = useStore((s) => s.account?.environment)
  const [accounts, setAccounts] = useState<KnownAccounts>([])
  useEffect(() => {
    let live = true
    invoke('accounts:list', {})
      .then((list) => live && setAccounts(list))
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [username, environment])
  if (accounts.length < 2) return null
  const current = accounts.find((a) => a.current)?.key ?? ''
  return (
    <label className="nav-account">
      <span>Account for new batches</span>
      <select value={current} onChange={(e) => void switchAccount(e.target.value)}>
        {accounts.map((a) => (
          <option key={a.key} value={a.key}>
            @{a.username}
            {a.environment === 'sandbox' ? ' (sandbox)' : ''}
          </option>
        ))}
      </select>
    </label>
  )
}
