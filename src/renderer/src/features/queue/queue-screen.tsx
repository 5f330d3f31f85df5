import { Inspector } from './inspector'
import { NeedsYou } from './needs-you'
import { QueueList } from './queue-list'
import { QueueNotices } from './queue-notices'
import { QueueSummary } from './queue-summary'
import { SelectionBar } from './selection-bar'
import { useQueueView } from './use-queue-view'

export function QueueScreen() {
  const view = useQueueView()
  return (
    <section className="screen screen-queue" aria-labelledby="queue-title">
      <h1 id="queue-title">Queue</h1>
      <QueueNotices rateLimited={view.rateLimited} resumeAt={view.resumeAt} />
      <QueueSummary />
      <NeedsYou failures={view.failures} />
      <div className="queue-body">
        <div className="queue-main">
          <SelectionBar />
          <QueueList view={view} />
        </div>
        <Inspector />
      </div>
    </section>
  )
}
