import { useState } from 'react'
import { Button } from '../../components/button'
import { Banner } from '../../components/banner'
import { invoke } from '../../ipc/client'
import { formatCount, formatCountdown } from '../../lib/format'
import { useNow } from '../../lib/use-now'
import { useShallow } from 'zustand/react/shallow'
import { actions, useStore } from '../../store/store'
import { userKeyOf } from '../../../../shared/account-key'
import { accountWords } from './account-label'
import type { ItemState } from '../../../../shared/domain'
import { ACTIVE_STATES } from '../../../../shared/item-states'
import { switchAccount } from '../account/account-switcher'

/** The last finished batch, said once on the Queue screen (elsewhere a toast says it). */
function BatchDoneBanner() {
  const done = useStore((s) => s.batchDone)
  const clear = useStore((s) => s.setBatchDone)
  const setFilter = useStore((s) => s.setFilter)
  if (!done) return null
  return (
    <Banner
      tone={done.failed > 0 ? 'warning' : 'success'}
      action={
        <>
          {done.failed > 0 ? (
            <Button variant="quiet" onClick={() => setFilter('failed')}>
              Show failed
            </Button>
          ) : null}
          <Button variant="quiet" onClick={() => clear(null)}>
            Dismiss
          </Button>
        </>
      }
    >
      {done.name} finished: {formatCount(done.published)} published
      {done.failed > 0 ? `, ${formatCount(done.failed)} failed` : ''}.
    </Banner>
  )
}

/**
 * The countdown to main's `retryAt`, ticking each second while shown. A timer role (not read out as it
 * changes): inside the banner's live region, a second-by-second "in 58 s, in 57 s…" would be announced each time.
 */
function ResumeCountdown({ at }: { at: number }) {
  const now = useNow(1000)
  return (
    <>
      resuming <span role="timer">{formatCountdown(at, now)}</span>
    </>
  )
}

/**
 * Pinterest's rate limit, said as what it is, with when the first waiting item goes again (issue 18,
 * point 7): "Pinterest asked us to slow down — resuming in 4 min".
 */
function SlowDownBanner({ rateLimited, resumeAt }: { rateLimited: number; resumeAt: number | null }) {
  const paused = useStore((s) => s.totals.paused)
  if (rateLimited === 0 || paused) return null
  return (
    <Banner tone="info" testId="slow-down">
      Pinterest asked us to slow down —{' '}
      {resumeAt !== null ? <ResumeCountdown at={resumeAt} /> : 'resuming by itself'} (
      {formatCount(rateLimited)} {rateLimited === 1 ? 'item waits' : 'items wait'}).
    </Banner>
  )
}

/** A governor wait shorter than this (ms) is not shown: at a steady, budget-bound pace it would blink. */
const MIN_SHOWN_WAIT_MS = 5_000

/** The governor's wait, ticking each second while it lasts; gone once it has passed. */
function GovernorCountdown({
  until,
  by,
  accountKey,
}: {
  until: number
  by: 'pinterest' | 'budget' | undefined
  accountKey: string | undefined
}) {
  const now = useNow(1000)
  // The wait that was long enough when it was first seen; it then counts down to its end.
  // (React's "storing information from previous renders": set while rendering, when `until` changes.)
  const [seen, setSeen] = useState<{ until: number; long: boolean } | null>(null)
  if (seen?.until !== until) setSeen({ until, long: until - now >= MIN_SHOWN_WAIT_MS })
  if (until <= now || seen?.until !== until || !seen.long) return null
  const forWhom = accountKey === undefined ? '' : ` for ${accountWords(accountKey)}`
  return (
    <Banner tone="info" testId="rate-hold">
      {by === 'pinterest'
        ? `Pinterest asked us to slow down${forWhom} — resuming `
        : `Sending as fast as Pinterest's rate limit allows${forWhom} — the next request goes `}
      <span role="timer">{formatCountdown(until, now)}</span>.
    </Banner>
  )
}

/**
 * Requests waiting in main's rate governor while no item says so (they wait inside their step): why, and when
 * they go on. Pinterest's own hold, or this app using the whole budget of its rate profile for now.
 */
function GovernorBanner({ rateLimited }: { rateLimited: number }) {
  const { paused, slowedUntil, slowedBy, slowedAccountKey } = useStore(
    useShallow((s) => ({
      paused: s.totals.paused,
      slowedUntil: s.totals.slowedUntil,
      slowedBy: s.totals.slowedBy,
      slowedAccountKey: s.totals.slowedAccountKey,
    })),
  )
  if (paused || slowedUntil === undefined) return null
  // Items that failed with Pinterest's 429 already say it (SlowDownBanner): one message is enough.
  if (slowedBy === 'pinterest' && rateLimited > 0) return null
  return <GovernorCountdown until={slowedUntil} by={slowedBy} accountKey={slowedAccountKey} />
}

/** Items that go out by themselves once due (the count the waiting accounts' items are part of). */
const activeCount = (byState: Partial<Record<ItemState, number>>) =>
  ACTIVE_STATES.reduce((n, st) => n + (byState[st] ?? 0), 0)

/**
 * One note per account whose items wait for a sign-in (issue 15), with a way to sign it in: the queue itself
 * goes on for the other accounts, so it is said here and not as a pause of everything. The account in use is
 * left to the app's own sign-in banner when that shows.
 */
function WaitingAccountsBanners() {
  const { waiting, current, appAsks, active } = useStore(
    useShallow((s) => ({
      waiting: s.totals.waitingAccounts,
      current: s.account && userKeyOf(s.account.environment, s.account.username),
      appAsks: s.account?.status === 'needs_sign_in',
      active: activeCount(s.totals.byState),
    })),
  )
  const list = (waiting ?? []).filter((w) => !(appAsks && w.key === current))
  const othersGo = active > (waiting ?? []).reduce((n, w) => n + w.items, 0)
  // An account signed out is no longer known to switch to: the Account screen signs it in again from there.
  const signIn = async (key: string) => {
    const known = await invoke('accounts:list', {}).catch(() => [])
    if (key !== current && known.some((a) => a.key === key) && !(await switchAccount(key))) return
    actions().setScreen('account')
  }
  return (
    <>
      {list.map((w) => (
        <Banner
          key={w.key}
          tone="warning"
          live="status"
          testId="account-waits"
          action={
            w.account === undefined ? undefined : (
              <Button variant="quiet" onClick={() => void signIn(w.key)}>
                Sign in as @{w.account}…
              </Button>
            )
          }
        >
          {accountWords(w.key, true)}: {w.reason} —{' '}
          {w.items === 1 ? 'its Pin waits' : `its ${formatCount(w.items)} Pins wait`}
          {othersGo ? " while the other accounts' Pins go on" : ''}.
        </Banner>
      ))}
    </>
  )
}

export function QueueNotices({ rateLimited, resumeAt }: { rateLimited: number; resumeAt: number | null }) {
  return (
    <>
      <BatchDoneBanner />
      <WaitingAccountsBanners />
      <SlowDownBanner rateLimited={rateLimited} resumeAt={resumeAt} />
      <GovernorBanner rateLimited={rateLimited} />
    </>
  )
}
