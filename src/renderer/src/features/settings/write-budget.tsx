import { useEffect, useState } from 'react'
import type { WriteBudget } from '../../../../shared/write-budget'
import { errorText, invoke } from '../../ipc/client'
import { formatCount } from '../../lib/format'

/** "258 of 300 writes left in the last 24 hours": what Pinterest's write limit leaves now (issue 14). */
function budgetText(b: WriteBudget): string {
  const span = b.windowMs >= 86_400_000 ? 'in the last 24 hours' : 'this minute'
  return `${formatCount(b.remaining)} of ${formatCount(b.limit)} writes left ${span}.`
}

/** The write budget of the account in use, read when the settings show (a save remounts the form, so again). */
export function WriteBudgetLine() {
  const [text, setText] = useState<string | null>(null)
  useEffect(() => {
    let shown = true
    invoke('rate:write-budget', {})
      .then((b) => shown && setText(budgetText(b)))
      .catch((e: unknown) => shown && setText(`Write budget unknown: ${errorText(e)}`))
    return () => {
      shown = false
    }
  }, [])
  return text === null ? null : (
    <span data-testid="write-budget" role="status">
      {text}
    </span>
  )
}
