import { useId } from 'react'
import type { WatchView } from '../../../../shared/domain'
import { fileInFolder, problemText } from '../../../../shared/watch-problem-text'
import { formatCount } from '../../lib/format'

const timeOf = (at: number) =>
  new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' })

/** The files of a watched folder that were not queued (or not moved) this session, newest first, each with why. */
export function WatchProblems({ watch }: { watch: WatchView }) {
  const titleId = useId()
  const count = watch.problems.length
  if (count === 0) return null
  return (
    <div className="watch-problems">
      <p id={titleId} className="watch-problems-title">
        {count === 1 ? '1 file needs attention' : `${formatCount(count)} files need attention`}, newest first
      </p>
      {/* Up to 50 rows scroll inside the card; focusable so the keyboard can scroll them too. */}
      <ul aria-labelledby={titleId} data-testid="watch-problems" tabIndex={0}>
        {watch.problems.map((p) => (
          <li key={p.path}>
            <span className="watch-problem-file">{fileInFolder(watch.folder, p.path)}</span>: {problemText(p)}{' '}
            <time className="hint" dateTime={new Date(p.at).toISOString()}>
              {timeOf(p.at)}
            </time>
          </li>
        ))}
      </ul>
    </div>
  )
}
