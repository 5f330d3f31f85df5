import { Button } from '../../components/button'
import { Banner } from '../../components/banner'
import { formatCount } from '../../lib/format'
import { useStore } from '../../store/store'

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
 * Pinterest's rate limit, said as what it is. Main does not send when the wait ends (no time per item
 * in ItemView), so this says the queue resumes by itself rather than counting down.
 */
function SlowDownBanner({ rateLimited }: { rateLimited: number }) {
  const paused = useStore((s) => s.totals.paused)
  if (rateLimited === 0 || paused) return null
  return (
    <Banner tone="info" testId="slow-down">
      Pinterest asked us to slow down — {formatCount(rateLimited)}{' '}
      {rateLimited === 1 ? 'item waits' : 'items wait'} and resume by themselves.
    </Banner>
  )
}

export function QueueNotices({ rateLimited }: { rateLimited: number }) {
  return (
    <>
      <BatchDoneBanner />
      <SlowDownBanner rateLimited={rateLimited} />
    </>
  )
}
