import { useId } from 'react'
import type { WatchView } from '../../../../shared/domain'

type Problem = WatchView['problems'][number]

const SEPARATOR = /[\\/]/

/** The file as the user knows it inside the watched folder ("Recipes/soup.jpg"); just its name when elsewhere. */
function fileInFolder(folder: string, path: string): string {
  const root = folder.replace(/[\\/]+$/, '')
  if (path.length > root.length + 1 && path.startsWith(root) && SEPARATOR.test(path.charAt(root.length))) {
    return path.slice(root.length + 1)
  }
  return path.split(SEPARATOR).pop() || path
}

/** The message without a leading "name: ", which the list already shows next to it. */
function problemText(p: Problem): string {
  const name = p.path.split(SEPARATOR).pop() ?? ''
  return name !== '' && p.message.startsWith(`${name}: `) ? p.message.slice(name.length + 2) : p.message
}

const timeOf = (at: number) => new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' })

/** The files of a watched folder that were not queued (or not moved) this session, newest first, each with why. */
export function WatchProblems({ watch }: { watch: WatchView }) {
  const titleId = useId()
  const count = watch.problems.length
  if (count === 0) return null
  return (
    <div className="watch-problems">
      <p id={titleId} className="watch-problems-title">
        {count === 1 ? '1 file needs attention' : `${count} files need attention`}, newest first
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
