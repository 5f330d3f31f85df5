import { useRef, useState } from 'react'
import { Banner } from '../../components/banner'
import { AddResultView } from '../../components/problem-list'
import { formatCount } from '../../lib/format'
import { refocusWhenGone, screenHeading } from '../../lib/focus'
import { useStore } from '../../store/store'
import { csvConfirmation } from '../../../../shared/confirm-rules'
import { draftsFirst } from '../add/batch-plan'
import { Button } from '../../components/button'
import { BoardMatches } from './board-matches'
import { confirmCsv, pickAndPreviewCsv, previewCsv, saveCsvTemplate, type BoardMatch } from './import-actions'
import { CsvTable } from './csv-table'

export function ImportScreen() {
  const preview = useStore((s) => s.csvPreview)
  const result = useStore((s) => s.csvResult)
  const [createMissing, setCreateMissing] = useState(false)
  const [matches, setMatches] = useState<BoardMatch[]>([])
  // Requests in flight: previews may overlap (a board matched while another preview reads), and Queue must
  // wait until the last one has answered, or it would confirm a preview the screen is about to replace.
  const [pending, setPending] = useState(0)
  const busy = pending > 0
  const draftFirst = preview !== null && draftsFirst(preview.validCount)
  // Publishing more than the threshold at once asks first, as a large drop does (src/shared/confirm-rules.ts).
  const [asking, setAsking] = useState(false)
  const queueButton = useRef<HTMLButtonElement>(null)

  const during = (p: Promise<void>) => {
    setPending((n) => n + 1)
    void p.finally(() => setPending((n) => n - 1))
  }
  /**
   * The question goes with its answer: the focus then goes to the heading, or, for "Don't add", back to the
   * button that asked. `drafts` null adds nothing.
   */
  const answer = (button: HTMLElement, drafts: boolean | null) => {
    refocusWhenGone(button, drafts === null ? () => queueButton.current : screenHeading)
    setAsking(false)
    if (drafts !== null && preview) during(confirmCsv(preview.previewId, drafts))
  }
  const toggleCreate = (checked: boolean) => {
    setCreateMissing(checked)
    // Board names resolve differently with the option on: preview again so the table tells the truth.
    if (preview) during(previewCsv(checked, matches))
  }

  return (
    <section className="screen" aria-labelledby="import-title">
      <h1 id="import-title">Import CSV</h1>
      <p className="hint">
        One row per Pin: a media file path or URL, title, description, link, board (name or id) and an
        optional publish time. Pinterest&apos;s bulk-upload CSV works too.{' '}
        <button type="button" className="link-button" onClick={() => void saveCsvTemplate()}>
          Download template
        </button>
      </p>
      <div className="form-actions">
        <button
          type="button"
          className="primary"
          onClick={() => {
            // A new file: its board names are matched afresh.
            setMatches([])
            during(pickAndPreviewCsv(createMissing))
          }}
          disabled={busy}
        >
          Choose CSV file…
        </button>
        <label className="check">
          <input
            type="checkbox"
            checked={createMissing}
            onChange={(e) => toggleCreate(e.target.checked)}
            disabled={busy}
          />
          Create boards that do not exist yet
        </label>
        {busy ? <span role="status">Reading…</span> : null}
      </div>
      {preview ? (
        <div className="csv-preview" data-testid="csv-preview">
          <p className="csv-file">
            <code>{preview.path}</code>
          </p>
          {preview.fileErrors.length > 0 ? (
            <Banner tone="danger">
              <p>This file has problems:</p>
              <ul>
                {preview.fileErrors.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            </Banner>
          ) : null}
          {preview.fileWarnings.length > 0 ? (
            <Banner tone="warning" live="status" testId="csv-warnings">
              <p>Check before you queue:</p>
              <ul>
                {preview.fileWarnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            </Banner>
          ) : null}
          <p className="csv-counts" data-testid="csv-counts">
            <strong>{formatCount(preview.validCount)}</strong> {preview.validCount === 1 ? 'row' : 'rows'}{' '}
            ready, <strong>{formatCount(preview.errorCount)}</strong> with{' '}
            {preview.errorCount === 1 ? 'an error' : 'errors'} (they will not be queued).
          </p>
          <BoardMatches
            preview={preview}
            matches={matches}
            onMatch={(m) => {
              const key = m.name.trim().toLocaleLowerCase()
              const next = [...matches.filter((x) => x.name.trim().toLocaleLowerCase() !== key), m]
              setMatches(next)
              during(previewCsv(createMissing, next))
            }}
          />
          <CsvTable preview={preview} />
          <div className="form-actions">
            {/* Above the threshold drafts come first, as for any add in the window (issue 13). */}
            <button
              type="button"
              className={draftFirst ? 'primary' : undefined}
              disabled={busy || preview.validCount === 0}
              onClick={() => during(confirmCsv(preview.previewId, true))}
            >
              Add as drafts
            </button>
            <button
              ref={queueButton}
              type="button"
              className={draftFirst ? undefined : 'primary'}
              disabled={busy || preview.validCount === 0 || asking}
              onClick={() => (draftFirst ? setAsking(true) : during(confirmCsv(preview.previewId)))}
            >
              Queue {formatCount(preview.validCount)} valid {preview.validCount === 1 ? 'row' : 'rows'}
            </button>
          </div>
          {asking ? (
            <Banner
              tone="warning"
              testId="csv-confirm"
              action={
                <>
                  <Button variant="primary" autoFocus onClick={(e) => answer(e.currentTarget, true)}>
                    Add as drafts
                  </Button>
                  <Button onClick={(e) => answer(e.currentTarget, false)}>Publish them all</Button>
                  <Button onClick={(e) => answer(e.currentTarget, null)}>Don’t add</Button>
                </>
              }
            >
              {csvConfirmation(preview.validCount, 'either').question}
            </Banner>
          ) : null}
        </div>
      ) : null}
      {result ? <AddResultView result={result} /> : null}
    </section>
  )
}
