import type { AddResult } from '../../../shared/domain'
import { formatCount } from '../lib/format'

/** Outcome of adding work: queued / duplicates / each problem with where, what and the fix. */
export function AddResultView({ result }: { result: AddResult }) {
  return (
    <div className="card add-result" role="status" data-testid="add-result">
      <p>
        <strong>{formatCount(result.queued)}</strong> {result.drafts === true ? 'added as drafts' : 'queued'}
        {result.duplicates > 0 ? (
          <>
            , <strong>{formatCount(result.duplicates)}</strong> already published or queued (skipped)
          </>
        ) : null}
        {result.problems.length > 0 ? (
          <>
            , <strong>{formatCount(result.problems.length)}</strong> with problems
          </>
        ) : null}
        .
      </p>
      {result.problems.length > 0 ? (
        <ul className="problems">
          {result.problems.map((p, i) => (
            <li key={`${p.where}-${i}`}>
              <code>{p.where}</code>: {p.message}
              {p.fix !== undefined ? <span className="fix"> Fix: {p.fix}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}
