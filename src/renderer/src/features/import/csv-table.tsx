import { useId, useState, type KeyboardEvent } from 'react'
import { CircleCheck, CircleX } from 'lucide-react'
import type { CsvPreview, CsvPreviewRow } from '../../../../shared/domain'
import { formatCount } from '../../lib/format'

/** The CSV can be long; each tab shows at most this many rows. */
const MAX_ROWS = 500

type Tab = 'errors' | 'ready'

/** A row with errors shows its own cells as written (`raw`), so what to fix is in front of the user. */
function ErrorRow({ row }: { row: CsvPreviewRow }) {
  return (
    <tr className="row-bad" data-line={row.line} data-valid="false">
      <th scope="row">{row.line}</th>
      <td>{row.raw?.title ?? ''}</td>
      <td className="cell-path">{row.raw?.media ?? ''}</td>
      <td>{row.raw?.board ?? row.boardName ?? ''}</td>
      <td>
        <ul className="row-errors">
          {row.errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      </td>
    </tr>
  )
}

function ReadyRow({ row }: { row: CsvPreviewRow }) {
  const draft = row.draft
  return (
    <tr data-line={row.line} data-valid="true">
      <th scope="row">{row.line}</th>
      <td>{draft?.meta.title ?? ''}</td>
      <td className="cell-path">{draft?.path ?? draft?.url ?? ''}</td>
      <td>{row.boardName ?? draft?.meta.boardId ?? ''}</td>
      <td>
        <span className="ok-mark">
          <CircleCheck size={14} aria-hidden="true" />
          Ready
          {/* A carousel's later rows carry no draft of their own: say which carousel took them (issue 13). */}
          {!draft && row.warnings?.[0] ? ` · ${row.warnings[0]}` : null}
        </span>
      </td>
    </tr>
  )
}

function RowsTable({ preview, tab, rows }: { preview: CsvPreview; tab: Tab; rows: CsvPreviewRow[] }) {
  return (
    <>
      <table className="csv-table">
        <caption>
          {tab === 'errors' ? 'Rows that will not be queued, as written in the file' : 'Rows to queue'} (
          {preview.format === 'pinterest_bulk' ? 'Pinterest bulk-upload' : 'Pinload'} format)
        </caption>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Title</th>
            <th scope="col">Media</th>
            <th scope="col">Board</th>
            <th scope="col">{tab === 'errors' ? 'Problems' : 'Status'}</th>
          </tr>
        </thead>
        <tbody>
          {/* A row to several boards (A|B in its board cell) is one preview row per board, on one line. */}
          {rows
            .slice(0, MAX_ROWS)
            .map((row, i) =>
              tab === 'errors' ? (
                <ErrorRow key={`${row.line}:${i}`} row={row} />
              ) : (
                <ReadyRow key={`${row.line}:${i}`} row={row} />
              ),
            )}
        </tbody>
      </table>
      {rows.length === 0 ? (
        <p className="hint">{tab === 'errors' ? 'No row has a problem.' : 'No row is ready yet.'}</p>
      ) : null}
      {rows.length > MAX_ROWS ? (
        <p className="hint">
          Showing {MAX_ROWS} of {formatCount(rows.length)} rows.
        </p>
      ) : null}
    </>
  )
}

/**
 * The preview in two tabs (issue 18, point 9): Errors (each row with its cells as written and every problem)
 * and Ready (what will be queued). Errors opens first when there are any.
 */
export function CsvTable({ preview }: { preview: CsvPreview }) {
  const errors = preview.rows.filter((r) => r.errors.length > 0)
  const ready = preview.rows.filter((r) => r.errors.length === 0)
  const [chosen, setChosen] = useState<Tab | null>(null)
  const tab: Tab = chosen ?? (errors.length > 0 ? 'errors' : 'ready')
  const id = useId()
  const tabs: { id: Tab; label: string; count: number; icon: typeof CircleX }[] = [
    { id: 'errors', label: 'Errors', count: errors.length, icon: CircleX },
    { id: 'ready', label: 'Ready', count: ready.length, icon: CircleCheck },
  ]
  // Arrow keys move between the two tabs (the ARIA tabs pattern); Tab goes on into the table.
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return
    e.preventDefault()
    const next: Tab = tab === 'errors' ? 'ready' : 'errors'
    setChosen(next)
    document.getElementById(`${id}-${next}`)?.focus()
  }
  return (
    <div className="csv-tabs">
      <div role="tablist" aria-label="Rows" className="segmented" onKeyDown={onKey}>
        {tabs.map((t) => (
          <button
            key={t.id}
            id={`${id}-${t.id}`}
            type="button"
            role="tab"
            className={`segmented-option${tab === t.id ? ' is-current' : ''}`}
            aria-selected={tab === t.id}
            aria-controls={`${id}-${t.id}-panel`}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => setChosen(t.id)}
          >
            <t.icon size={14} aria-hidden="true" />
            {t.label} ({formatCount(t.count)})
          </button>
        ))}
      </div>
      {/* Both panels stay in the page (one hidden), so a row is found by its line whichever tab is open. */}
      {tabs.map((t) => (
        <div
          key={t.id}
          className="table-wrap"
          role="tabpanel"
          id={`${id}-${t.id}-panel`}
          aria-labelledby={`${id}-${t.id}`}
          hidden={tab !== t.id}
        >
          <RowsTable preview={preview} tab={t.id} rows={t.id === 'errors' ? errors : ready} />
        </div>
      ))}
    </div>
  )
}
