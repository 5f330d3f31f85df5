import { useEffect, useState } from 'react'
import type { InvokeOutput } from '../../../../shared/ipc/contract'
import type { ItemView } from '../../../../shared/domain'
import { Button } from '../../components/button'
import { invoke } from '../../ipc/client'
import { formatCount } from '../../lib/format'
import { checkOnPinterest } from './results-actions'

type Facts = InvokeOutput<'results:pin-facts'>

const count = (n: number | null) => (n === null ? '—' : formatCount(n))
const when = (ms: number) => new Date(ms).toLocaleString()

/**
 * What Pinload last read back of a published item's Pin (issue 15): whether Pinterest still has it and its
 * impressions, saves and clicks, with a button to read them again (one read in the API's budget).
 */
export function PinFacts({ item }: { item: ItemView }) {
  const [facts, setFacts] = useState<Facts>(null)
  const [reads, setReads] = useState(0)
  const { id, pinId, updatedAt } = item
  useEffect(() => {
    if (pinId === undefined) return
    let live = true
    invoke('results:pin-facts', { itemId: id }).then(
      (f) => live && setFacts(f),
      () => live && setFacts(null),
    )
    return () => {
      live = false
    }
  }, [id, pinId, updatedAt, reads])
  if (pinId === undefined) return null
  const current = facts !== null && facts.pinId === pinId ? facts : null
  return (
    <div className="inspector-pin-facts" data-testid="pin-facts">
      <dl className="inspector-facts">
        <dt>On Pinterest</dt>
        <dd>
          {current === null
            ? 'Not checked yet'
            : current.found
              ? `Yes, checked ${when(current.checkedAt)}`
              : `Removed on Pinterest (checked ${when(current.checkedAt)})`}
        </dd>
        {current?.metricsAt !== null && current?.metricsAt !== undefined ? (
          <>
            <dt>Impressions</dt>
            <dd data-testid="pin-impressions">{count(current.impressions)}</dd>
            <dt>Saves</dt>
            <dd data-testid="pin-saves">{count(current.saves)}</dd>
            <dt>Clicks</dt>
            <dd data-testid="pin-clicks">{count(current.clicks)}</dd>
          </>
        ) : null}
      </dl>
      <Button onClick={() => void checkOnPinterest({ ids: [id] }).then(() => setReads((n) => n + 1))}>
        Check on Pinterest
      </Button>
    </div>
  )
}
