import { useEffect, useMemo, useRef, useState } from 'react'
import { DEFAULT_TITLE_TEMPLATE } from '../../../../shared/batch-defaults'
import type { AddResult } from '../../../../shared/domain'
import type { AddConfirmation, PathGrant, PlanInputValue } from '../../../../shared/ipc/contract'
import { PIN_LIMITS } from '../../../../shared/limits'
import { BoardPicker } from '../../components/board-picker'
import type { BoardChoice } from '../../components/board-options'
import { Button } from '../../components/button'
import { Field } from '../../components/field'
import { formatCount, plural } from '../../lib/format'
import { recentBoardIds } from '../../lib/recent-boards'
import { actions, useStore } from '../../store/store'
import { SchedulePanel } from '../timeline/schedule-panel'
import { addGrants, cancelScan, confirmAdd } from './add-actions'
import { AddConfirmSheet, ScanStatus } from './add-progress'
import { PlanFields, type PlanFieldsValue } from './batch-plan-fields'
import {
  boardTemplateError,
  draftsFirst,
  outcomeText,
  planBoards,
  queueLabel,
  readInterval,
} from './batch-plan'
import { groupProblems, previewTitles, summarizeDropped } from './batch-summary'
import { focusLost, focusScreenHeading } from '../../lib/focus'

/** What the add came to, in the sheet: queued count and the problems grouped by kind. */
function Outcome({ result, text }: { result: AddResult; text: string }) {
  const groups = groupProblems(result.problems)
  return (
    <div role="status" data-testid="new-batch-result">
      <p>
        {text}
        {result.duplicates > 0 ? ` · ${formatCount(result.duplicates)} already there (skipped)` : ''}.
      </p>
      {groups.length > 0 ? (
        <ul className="problems" aria-label="Not added">
          {groups.map((g) => (
            <li key={g.label + g.message}>
              <details>
                <summary>
                  <strong>{g.label}</strong> not added: {g.message}
                  {g.fix !== undefined ? ` ${g.fix}` : ''}
                </summary>
                <ul>
                  {g.items.map((p, i) => (
                    <li key={`${p.where}-${i}`}>
                      <code>{p.where}</code>
                    </li>
                  ))}
                </ul>
              </details>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}

/**
 * The New batch sheet (issue 18, point 6): what was dropped or picked (skipped kinds grouped), the board first
 * (the last one used, remembered), the title template with a live preview of the first titles and their
 * counters, and a button that says what will happen ("Queue 12 Pins to Recipes").
 */
export function NewBatchSheet({ grants }: { grants: PathGrant[] }) {
  const boards = useStore((s) => s.boards)
  const [board, setBoard] = useState<BoardChoice>(() => {
    const last = recentBoardIds()[0]
    return last !== undefined ? { boardId: last } : {}
  })
  const [template, setTemplate] = useState(DEFAULT_TITLE_TEMPLATE)
  const [busy, setBusy] = useState(false)
  const [spread, setSpread] = useState(false)
  const [plan, setPlan] = useState<PlanFieldsValue>({ more: [], interval: '', link: '', utm: '' })
  // The open schedule panel's plan (null while wrong): the footer's buttons add with it too.
  const [schedule, setSchedule] = useState<PlanInputValue | null>(null)
  const [asking, setAsking] = useState<AddConfirmation | null>(null)
  const [result, setResult] = useState<AddResult | null>(null)
  const ref = useRef<HTMLDialogElement>(null)
  const queueButton = useRef<HTMLButtonElement>(null)
  const doneButton = useRef<HTMLButtonElement>(null)
  const found = useMemo(() => summarizeDropped(grants), [grants])
  // The board remembered from the last batch may be gone (deleted on Pinterest, another account): once the
  // account's boards are read, a choice not among them is dropped, so the sheet asks for one instead.
  const boardsLoaded = useStore((s) => s.boardsLoaded)
  if (boardsLoaded && board.boardId !== undefined && !boards.some((b) => b.id === board.boardId)) setBoard({})
  const boardName = boards.find((b) => b.id === board.boardId)?.name ?? 'the chosen board'
  const titles = previewTitles(template, found.files, boardName)
  const close = () => actions().setNewBatch(null)

  // Read as the sheet first renders, before its dialog takes the focus (an effect run twice, as StrictMode
  // does, would read the dialog's own button).
  const [opener] = useState(() => document.activeElement)
  useEffect(() => {
    const d = ref.current
    if (d && !d.open) d.showModal()
    // The sheet leaves the page without closing its dialog, so no focus comes back by itself: it goes back to
    // what opened it (Add files…), or, when that is gone (a drop on the empty queue), to the screen's heading.
    return () => {
      if (!focusLost()) return
      if (opener instanceof HTMLElement && opener !== document.body && opener.isConnected) opener.focus()
      else focusScreenHeading()
    }
  }, [opener])

  // The footer's buttons and the add's Cancel leave as the result shows, and the focus with them: Done takes
  // it, as the next step (issue 18: never left on the page). An effect, not `autoFocus`: in the window the
  // latter left the focus on <body> here (tests/e2e/keyboard-only.e2e.ts checks it).
  useEffect(() => {
    if (result) doneButton.current?.focus()
  }, [result])

  const toAdd = grants.filter((g) => !found.skipped.some((s) => s.names.includes(g.name)))
  const adOnly = board.adOnly === true
  const planned = planBoards(board, plan.more)
  const boardsNamed = planned.boards
  const interval = readInterval(plan.interval)
  const intervalError = boardsNamed.length > 1 ? interval.error : undefined
  const templateError = boardTemplateError([template, plan.link], boardsNamed.length)
  const pins = found.files.length * Math.max(1, boardsNamed.length)
  const words = {
    files: found.files.length,
    folders: found.folders.length,
    boards: boardsNamed.length,
    boardName,
    adOnly,
  }
  const canQueue =
    (adOnly || board.boardId !== undefined) &&
    intervalError === undefined &&
    planned.error === undefined &&
    templateError === undefined &&
    toAdd.length > 0 &&
    !busy &&
    asking === null
  // Counted in Pins (files × boards), as main counts the add.
  const draftFirst = draftsFirst(pins)
  // An open schedule that is wrong keeps the footer from adding without it.
  const footerReady = canQueue && (!spread || schedule !== null)
  const footerSchedule = spread && schedule !== null ? { schedule } : {}
  const queue = (opts: { schedule?: PlanInputValue; draft?: boolean } = {}) => {
    setBusy(true)
    const defaults = {
      ...(adOnly ? { adOnly: true } : { boardId: board.boardId }),
      ...(!adOnly && board.boardSectionId !== undefined && { boardSectionId: board.boardSectionId }),
      titleTemplate: template,
      link: plan.link,
      utmCampaign: plan.utm,
    }
    void addGrants(
      toAdd.map((g) => g.grant),
      defaults,
      {
        // Said either way, so a large drop queued with "Queue" is not turned into drafts behind the user's back.
        draft: opts.draft === true,
        ...(opts.schedule && { schedule: opts.schedule }),
        ...(boardsNamed.length > 1 && { boards: boardsNamed }),
        ...(boardsNamed.length > 1 && interval.ms !== undefined && { intervalMs: interval.ms }),
      },
    )
      .then((outcome) => {
        if (outcome && 'added' in outcome) setResult(outcome.added)
        if (outcome && 'confirm' in outcome) setAsking(outcome.confirm)
      })
      .finally(() => setBusy(false))
  }
  const answer = (yes: boolean, draft?: boolean) => {
    const scanId = asking?.scanId
    setAsking(null)
    if (!yes || scanId === undefined) return
    setBusy(true)
    void confirmAdd(scanId, draft)
      .then((r) => r && setResult(r))
      .finally(() => setBusy(false))
  }

  return (
    <dialog
      ref={ref}
      className="modal-sheet new-batch"
      aria-labelledby="new-batch-title"
      data-testid="new-batch"
      onCancel={(e) => {
        e.preventDefault()
        if (!busy) close()
      }}
    >
      <header className="modal-sheet-header">
        <h2 id="new-batch-title">New batch</h2>
        <p className="hint" data-testid="new-batch-found">
          {[
            found.files.length > 0 ? plural(found.files.length, 'file', 'files') : null,
            found.folders.length > 0
              ? `${plural(found.folders.length, 'folder', 'folders')} (${found.folders.join(', ')}), scanned with subfolders`
              : null,
          ]
            .filter((x) => x !== null)
            .join(' · ')}
        </p>
        {found.skipped.length > 0 ? (
          <p className="hint" data-testid="new-batch-skipped">
            Skipped:{' '}
            {found.skipped
              .map((s) => `${s.label} (${s.names.slice(0, 3).join(', ')}${s.names.length > 3 ? '…' : ''})`)
              .join(' · ')}
            : Pinload posts images and videos.
          </p>
        ) : null}
      </header>
      <div className="modal-sheet-body">
        {result ? (
          <Outcome
            result={result}
            text={outcomeText({
              queued: result.queued,
              drafts: result.drafts === true,
              adOnly,
              boards: boardsNamed.length,
              boardName,
            })}
          />
        ) : (
          <>
            <BoardPicker value={board} onChange={setBoard} label="Board" offerAdOnly />
            <PlanFields
              value={plan}
              onChange={setPlan}
              adOnly={adOnly}
              intervalError={intervalError}
              boardsError={planned.error}
            />
            <Field
              label="Title"
              hint={
                <>
                  <code>{'{name}'}</code> file name, <code>{'{folder}'}</code> folder,{' '}
                  <code>{'{index}'}</code> position, <code>{'{date}'}</code> file date,{' '}
                  <code>{'{board}'}</code> board.
                </>
              }
            >
              {(c) => <input {...c} value={template} onChange={(e) => setTemplate(e.target.value)} />}
            </Field>
            {templateError !== undefined ? (
              <p className="error-text" role="alert" data-testid="board-template-error">
                {templateError}
              </p>
            ) : null}
            {titles.length > 0 ? (
              <ol className="title-preview" aria-label="First titles">
                {titles.map((t) => (
                  <li key={t.file} className={t.tooLong ? 'is-too-long' : ''}>
                    <span className="title-preview-text">{t.title === '' ? '(no title)' : t.title}</span>
                    <span className="title-preview-count">
                      {t.length}/{PIN_LIMITS.title}
                      {t.tooLong ? ' · too long' : ''}
                    </span>
                  </li>
                ))}
              </ol>
            ) : null}
            <label className="new-batch-spread">
              <input type="checkbox" checked={spread} onChange={(e) => setSpread(e.target.checked)} /> Spread
              over time
            </label>
            {spread ? (
              <SchedulePanel
                count={found.folders.length === 0 ? pins : null}
                boardsPerFile={Math.max(1, boardsNamed.length)}
                disabled={!canQueue}
                onSchedule={(s) => queue({ schedule: s })}
                onPlanChange={setSchedule}
              />
            ) : null}
            {busy ? <ScanStatus onCancel={() => void cancelScan()} /> : null}
            {asking ? (
              <AddConfirmSheet
                confirm={asking}
                onAnswer={answer}
                // Answered "no": back to Queue. Answered yes: the add goes on and only its Cancel is enabled
                // (Queue, which opened the question, is disabled until then: focused, it would drop the focus).
                returnFocus={() => {
                  const q = queueButton.current
                  if (q && !q.disabled) return q
                  return ref.current?.querySelector<HTMLElement>('.scan-status button') ?? null
                }}
              />
            ) : null}
          </>
        )}
      </div>
      <footer className="modal-sheet-footer">
        {result ? (
          <Button ref={doneButton} variant="primary" onClick={close}>
            Done
          </Button>
        ) : (
          <>
            <Button onClick={close} disabled={busy}>
              Cancel
            </Button>
            <Button
              variant={draftFirst ? 'primary' : 'secondary'}
              onClick={() => queue({ draft: true, ...footerSchedule })}
              disabled={!footerReady}
            >
              Add as drafts
            </Button>
            <Button
              ref={queueButton}
              variant={draftFirst ? 'secondary' : 'primary'}
              onClick={() => queue(footerSchedule)}
              disabled={!footerReady}
            >
              {queueLabel(words)}
            </Button>
          </>
        )}
      </footer>
    </dialog>
  )
}
