import { DEFAULT_TITLE_TEMPLATE } from '../../../../shared/batch-defaults'
import { useState } from 'react'
import type { AddResult, BatchDefaults } from '../../../../shared/domain'
import type { AddConfirmation } from '../../../../shared/ipc/contract'
import { BoardPicker } from '../../components/board-picker'
import { AddResultView } from '../../components/problem-list'
import { addGrants, cancelScan, confirmAdd, grantDropped, pickFiles, pickFolder } from './add-actions'
import { AddConfirmSheet, ScanStatus } from './add-progress'
import { DefaultsForm } from './defaults-form'
import { DropZone } from './drop-zone'

export function AddScreen() {
  const [defaults, setDefaults] = useState<BatchDefaults>({ titleTemplate: DEFAULT_TITLE_TEMPLATE })
  const [result, setResult] = useState<AddResult | null>(null)
  const [busy, setBusy] = useState(false)
  const [asking, setAsking] = useState<AddConfirmation | null>(null)

  const add = (grants: Promise<string[]>, draft?: boolean) => {
    setBusy(true)
    void grants
      .then((g) => addGrants(g, defaults, draft === undefined ? {} : { draft }))
      .then((outcome) => {
        if (outcome && 'added' in outcome) setResult(outcome.added)
        if (outcome && 'confirm' in outcome) setAsking(outcome.confirm)
      })
      .finally(() => setBusy(false))
  }
  const addFolder = (draft?: boolean) => {
    void pickFolder().then((folder) => {
      if (folder !== null) add(Promise.resolve([folder.grant]), draft)
    })
  }
  const answer = (yes: boolean, draft?: boolean) => {
    const scanId = asking?.scanId
    setAsking(null)
    if (!yes || scanId === undefined) return
    setBusy(true)
    void confirmAdd(scanId, draft)
      .then((r) => {
        if (r) setResult(r)
      })
      .finally(() => setBusy(false))
  }
  const idle = !busy && asking === null

  return (
    <section className="screen" aria-labelledby="add-title">
      <h1 id="add-title">Add files</h1>
      <div className="columns">
        <div>
          <DropZone onFiles={(files) => add(grantDropped(files))} disabled={!idle} />
          <div className="form-actions">
            <button type="button" onClick={() => add(pickFiles())} disabled={!idle}>
              Add files…
            </button>
            <button type="button" className="primary" onClick={() => addFolder()} disabled={!idle}>
              Add folder…
            </button>
            <button type="button" onClick={() => addFolder(true)} disabled={!idle}>
              Add folder as drafts…
            </button>
            {busy ? <ScanStatus onCancel={() => void cancelScan()} /> : null}
          </div>
          {asking ? <AddConfirmSheet confirm={asking} onAnswer={answer} /> : null}
          {result ? <AddResultView result={result} /> : null}
        </div>
        <div className="form">
          <BoardPicker
            offerAdOnly
            value={
              defaults.adOnly
                ? { adOnly: true }
                : { boardId: defaults.boardId, boardSectionId: defaults.boardSectionId }
            }
            onChange={(c) =>
              // Ad-only Pins are on no board (issue 13): the choice replaces the board, never adds to it.
              setDefaults({
                ...defaults,
                adOnly: c.adOnly === true ? true : undefined,
                boardId: c.adOnly === true ? undefined : c.boardId,
                boardSectionId: c.adOnly === true ? undefined : c.boardSectionId,
              })
            }
          />
          <DefaultsForm value={defaults} onChange={setDefaults} />
        </div>
      </div>
    </section>
  )
}
