import { useState } from 'react'
import type { AddResult, BatchDefaults } from '../../../../shared/domain'
import { BoardPicker } from '../../components/board-picker'
import { AddResultView } from '../../components/problem-list'
import { addPaths, pickFolder } from './add-actions'
import { DefaultsForm } from './defaults-form'
import { DropZone } from './drop-zone'

export function AddScreen() {
  const [defaults, setDefaults] = useState<BatchDefaults>({ titleTemplate: '{name}' })
  const [result, setResult] = useState<AddResult | null>(null)
  const [busy, setBusy] = useState(false)

  const add = (paths: string[]) => {
    setBusy(true)
    void addPaths(paths, defaults)
      .then((r) => {
        if (r) setResult(r)
      })
      .finally(() => setBusy(false))
  }
  const addFolder = () => {
    void pickFolder().then((folder) => {
      if (folder !== null) add([folder])
    })
  }

  return (
    <section className="screen" aria-labelledby="add-title">
      <h1 id="add-title">Add files</h1>
      <div className="columns">
        <div>
          <DropZone onPaths={add} disabled={busy} />
          <div className="form-actions">
            <button type="button" className="primary" onClick={addFolder} disabled={busy}>
              Add folder…
            </button>
            {busy ? <span role="status">Scanning…</span> : null}
          </div>
          {result ? <AddResultView result={result} /> : null}
        </div>
        <div className="form">
          <BoardPicker
            value={{ boardId: defaults.boardId, boardSectionId: defaults.boardSectionId }}
            onChange={(c) =>
              setDefaults({ ...defaults, boardId: c.boardId, boardSectionId: c.boardSectionId })
            }
          />
          <DefaultsForm value={defaults} onChange={setDefaults} />
        </div>
      </div>
    </section>
  )
}
