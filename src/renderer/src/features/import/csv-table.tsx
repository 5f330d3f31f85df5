import { CircleCheck } from 'lucide-react'
import type { CsvPreview, CsvPreviewRow } from '../../../../shared/domain'

/** The CSV can be long; the table shows this many rows with errors first, then the valid ones. */
const MAX_ROWS = 500

function Row({ row }: { row: CsvPreviewRow }) {
  const bad = row.errors.length > 0
  const draft = row.draft
  return (
    <tr className={bad ? 'row-bad' : undefined} data-line={row.line} data-valid={!bad}>
      <th scope="row">{row.line}</th>
      <td>{draft?.meta.title ?? ''}</td>
      <td className="cell-path">{draft?.path ?? draft?.url ?? ''}</td>
      <td>{row.boardName ?? draft?.meta.boardId ?? ''}</td>
      <td>
        {bad ? (
          <ul className="row-errors">
            {row.errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        ) : (
          <span className="ok-mark">
            <CircleCheck size={14} aria-hidden="true" />
            Ready
            {/* A carousel's later rows carry no draft of their own: say which carousel took them (issue 13). */}
            {!draft && row.warnings?.[0] ? ` · ${row.warnings[0]}` : null}
          </span>
        )}
      </td>
    </tr>
  )
}

export function CsvTable({ preview }: { preview: CsvPreview }) {
  const ordered = [
    ...preview.rows.filter((r) => r.errors.length > 0),
    ...preview.rows.filter((r) => r.errors.length === 0),
  ]
  const shown = ordered.slice(0, MAX_ROWS)
  return (
    <div className="table-wrap">
      <table className="csv-table">
        <caption>
          {preview.validCount} valid, {preview.errorCount} with errors (
          {preview.format === 'pinterest_bulk' ? 'Pinterest bulk-upload' : 'Pinload'} format)
        </caption>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Title</th>
            <th scope="col">Media</th>
            <th scope="col">Board</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {/* A row to several boards (A|B in its board cell) is one preview row per board, on one line. */}
          {shown.map((row, i) => (
            <Row key={`${row.line}:${i}`} row={row} />
          ))}
        </tbody>
      </table>
      {ordered.length > MAX_ROWS ? (
        <p className="hint">
          Showing {MAX_ROWS} of {ordered.length} rows (rows with errors first).
        </p>
      ) : null}
    </div>
  )
}
