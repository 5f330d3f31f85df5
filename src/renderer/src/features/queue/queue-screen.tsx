import { useStore } from '../../store/store'
import { BatchHeader } from './batch-header'
import { QueueList } from './queue-list'

function BatchDoneBanner() {
  const done = useStore((s) => s.batchDone)
  const clear = useStore((s) => s.setBatchDone)
  if (!done) return null
  return (
    <div className={`banner ${done.failed > 0 ? 'banner-warn' : 'banner-ok'}`} role="status">
      <span>
        Batch {done.batchId} finished: {done.published} published
        {done.failed > 0 ? `, ${done.failed} failed (filter “Failed” to see why)` : ''}.
      </span>
      <button type="button" onClick={() => clear(null)}>
        Dismiss
      </button>
    </div>
  )
}

export function QueueScreen() {
  return (
    <section className="screen screen-queue" aria-labelledby="queue-title">
      <h1 id="queue-title">Queue</h1>
      <BatchDoneBanner />
      <BatchHeader />
      <QueueList />
    </section>
  )
}
