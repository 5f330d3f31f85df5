import { useEffect, useState } from 'react'
import { FileSpreadsheet, FilePlus, FlaskConical, FolderPlus, Upload } from 'lucide-react'
import { Button } from '../../components/button'
import { errorText, invoke } from '../../ipc/client'
import { actions } from '../../store/store'
import { saveCsvTemplate } from '../import/import-actions'
import { dropOnWindow, pickFilesForBatch, pickFolderForBatch } from '../add/new-batch-actions'

/**
 * The empty queue (issue 18, point 5): one large drop area with the ways in — Add files…, Add folder…,
 * Import CSV… and, outside the demo, Try the demo.
 */
export function QueueEmpty() {
  const [over, setOver] = useState(false)
  const [demo, setDemo] = useState(true)
  useEffect(() => {
    let live = true
    invoke('app:mode', {})
      .then((m) => live && setDemo(m.demo))
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [])
  return (
    <div
      className={`queue-empty drop-zone${over ? ' drop-over' : ''}`}
      data-testid="queue-drop"
      onDragOver={(e) => {
        e.preventDefault()
        setOver(true)
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault()
        setOver(false)
        void dropOnWindow(Array.from(e.dataTransfer.files))
      }}
    >
      <Upload size={32} aria-hidden="true" />
      <p className="drop-title">Drop images, videos or folders here</p>
      <p className="hint">
        Or choose them: each drop becomes a batch you check before it is queued. Planning many Pins?{' '}
        <button type="button" className="link-button" onClick={() => void saveCsvTemplate()}>
          Download a CSV template
        </button>
      </p>
      <div className="form-actions queue-empty-actions">
        <Button variant="primary" icon={FilePlus} onClick={() => void pickFilesForBatch()}>
          Add files…
        </Button>
        <Button icon={FolderPlus} onClick={() => void pickFolderForBatch()}>
          Add folder…
        </Button>
        <Button icon={FileSpreadsheet} onClick={() => actions().setScreen('import')}>
          Import CSV…
        </Button>
        {!demo ? (
          <Button
            variant="quiet"
            icon={FlaskConical}
            onClick={() =>
              void invoke('app:start-demo', {}).catch((e: unknown) =>
                actions().pushToast('error', `Could not restart Pinload: ${errorText(e)}`),
              )
            }
          >
            Try the demo
          </Button>
        ) : null}
      </div>
    </div>
  )
}
