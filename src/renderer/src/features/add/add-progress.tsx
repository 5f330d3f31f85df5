import { useEffect, useState } from 'react'
import { X } from 'lucide-react'
import type { AddConfirmation, ScanProgress } from '../../../../shared/ipc/contract'
import { Button } from '../../components/button'
import { ProgressBar } from '../../components/progress-bar'
import { Sheet } from '../../components/sheet'
import { onEvent } from '../../ipc/client'
import { formatCount, plural } from '../../lib/format'

/** How far the scan of a drop or pick has got, with its Cancel (issue 11, finding 6). */
export function ScanStatus({ onCancel }: { onCancel: () => void }) {
  const [progress, setProgress] = useState<ScanProgress | null>(null)
  useEffect(() => onEvent('uploads:scan-progress', setProgress), [])
  const text =
    progress === null
      ? 'Scanning…'
      : progress.stage === 'listing'
        ? `Scanning… ${formatCount(progress.files)} files in ${formatCount(progress.folders)} folders`
        : `Checking files… ${formatCount(progress.done)} of ${formatCount(progress.total)}`
  return (
    <div className="scan-status" data-testid="scan-status">
      <span role="status">{text}</span>
      {progress?.stage === 'checking' ? (
        <ProgressBar value={progress.done} max={progress.total} label="Files checked" />
      ) : null}
      <Button icon={X} onClick={onCancel}>
        Cancel
      </Button>
    </div>
  )
}

/** The question an add asks before queueing anything: many files, or a public board (src/shared/confirm-rules.ts). */
export function AddConfirmSheet({
  confirm,
  onAnswer,
  returnFocus,
}: {
  confirm: AddConfirmation
  /** `draft`: the user chose drafts (true) or published Pins (false) where the sheet offered both. */
  onAnswer: (yes: boolean, draft?: boolean) => void
  /** Where the focus goes once answered, when what opened the question is disabled or gone (issue 18). */
  returnFocus?: () => HTMLElement | null
}) {
  // Main says when the answer may choose (more than the threshold in Pins, drafts not already chosen): drafts
  // come first, as adding more than the threshold defaults to drafts in the window (issue 13).
  const offerDrafts = confirm.offersDraftChoice
  return (
    <Sheet
      title="Add these files?"
      onClose={() => onAnswer(false)}
      testId="add-confirm"
      returnFocus={returnFocus}
    >
      <p data-testid="add-confirm-question">{confirm.question}</p>
      <p className="hint">
        {formatCount(confirm.fileCount)} {confirm.fileCount === 1 ? 'file' : 'files'}
        {confirm.pinCount !== confirm.fileCount ? ` · ${plural(confirm.pinCount, 'Pin', 'Pins')}` : ''}
        {confirm.boards.length > 0 ? ` · ${confirm.boards.map((b) => b.name).join(', ')}` : ''}
      </p>
      <div className="form-actions">
        {offerDrafts ? (
          <>
            <Button variant="primary" onClick={() => onAnswer(true, true)} autoFocus>
              Add as drafts
            </Button>
            <Button onClick={() => onAnswer(true, false)}>Publish them all</Button>
          </>
        ) : (
          // The question takes the focus as it shows, so Enter answers it (issue 18: never left on the page).
          <Button variant="primary" onClick={() => onAnswer(true)} autoFocus>
            Add them
          </Button>
        )}
        <Button onClick={() => onAnswer(false)}>Don’t add</Button>
      </div>
    </Sheet>
  )
}
