import { useState } from 'react'
import type { PathGrant } from '../../../../shared/ipc/contract'
import { CirclePause, CircleX, Eye, FolderSync, Trash2 } from 'lucide-react'
import type { WatchView } from '../../../../shared/domain'
import { BoardPicker } from '../../components/board-picker'
import type { BoardChoice } from '../../components/board-options'
import { Button } from '../../components/button'
import { EmptyState } from '../../components/empty-state'
import { useStore } from '../../store/store'
import { userKeyOf } from '../../../../shared/account-key'
import { accountWords } from '../queue/account-label'
import { pickFolder } from '../add/add-actions'
import { addWatch, removeWatch } from './watch-actions'
import { WatchProblems } from './watch-problems'

const STATUS = {
  watching: { word: 'Watching', icon: Eye },
  stopped: { word: 'Stopped', icon: CirclePause },
  error: { word: 'Error', icon: CircleX },
} as const

/** A watch's status as icon + word. */
function WatchStatus({ status }: { status: WatchView['status'] }) {
  const { word, icon: Icon } = STATUS[status]
  return (
    <span className={`pill watch-${status}`}>
      <Icon size={14} aria-hidden="true" />
      {word}
    </span>
  )
}

function WatchRow({ watch }: { watch: WatchView }) {
  const boardName = useStore((s) => (watch.boardId === undefined ? undefined : s.boardNames[watch.boardId]))
  return (
    <li className="card watch-row" data-testid="watch-row" data-status={watch.status}>
      <div>
        <p>
          <code>{watch.folder}</code> <WatchStatus status={watch.status} />
        </p>
        <p className="hint">
          {watch.subfolderBoards
            ? 'Subfolder name = board name'
            : `Board: ${boardName ?? watch.boardId ?? 'none'}`}
          {watch.moveDone ? ' · published files move to a “done” folder' : ''}
          {watch.account !== undefined
            ? ` · as ${accountWords(userKeyOf(watch.accountEnvironment ?? 'production', watch.account))}`
            : ''}
        </p>
        {watch.lastFile !== undefined ? (
          <p data-testid="watch-last-file">Last file seen: {watch.lastFile}</p>
        ) : null}
        {watch.lastError !== undefined ? (
          <p className="error-text" role="alert">
            {watch.lastError}
          </p>
        ) : null}
        <WatchProblems watch={watch} />
      </div>
      <Button
        icon={Trash2}
        onClick={() => void removeWatch(watch.id)}
        aria-label={`Stop watching ${watch.folder}`}
      >
        Remove
      </Button>
    </li>
  )
}

function AddWatchForm() {
  const [folder, setFolder] = useState<PathGrant | null>(null)
  const [board, setBoard] = useState<BoardChoice>({})
  const [subfolderBoards, setSubfolderBoards] = useState(false)
  const [moveDone, setMoveDone] = useState(false)
  const [busy, setBusy] = useState(false)
  const canAdd = folder !== null && (subfolderBoards || board.boardId !== undefined) && !busy
  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    if (folder === null) return
    setBusy(true)
    void addWatch({ grant: folder.grant, ...board, subfolderBoards, moveDone })
      .then((ok) => {
        if (ok) setFolder(null)
      })
      .finally(() => setBusy(false))
  }
  return (
    <form className="card form" onSubmit={submit} aria-labelledby="watch-add-title">
      <h2 id="watch-add-title">Watch a folder</h2>
      <div className="picker-row">
        <button type="button" onClick={() => void pickFolder().then((f) => f !== null && setFolder(f))}>
          Choose folder…
        </button>
        <span data-testid="watch-folder">{folder?.displayPath ?? 'No folder chosen'}</span>
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={subfolderBoards}
          onChange={(e) => setSubfolderBoards(e.target.checked)}
        />
        Subfolder name = board name
      </label>
      {!subfolderBoards ? <BoardPicker value={board} onChange={setBoard} label="Post new files to" /> : null}
      <label className="check">
        <input type="checkbox" checked={moveDone} onChange={(e) => setMoveDone(e.target.checked)} />
        Move published files into a “done” subfolder
      </label>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={!canAdd}>
          Start watching
        </button>
      </div>
    </form>
  )
}

export function WatchScreen() {
  const watches = useStore((s) => s.watches)
  return (
    <section className="screen" aria-labelledby="watch-title">
      <h1 id="watch-title">Watched folders</h1>
      <p className="hint">New files that appear in a watched folder are queued once they stop changing.</p>
      {watches.length === 0 ? (
        <EmptyState icon={FolderSync} title="No folders watched yet">
          Choose a folder below: files you save into it later are queued by themselves.
        </EmptyState>
      ) : (
        <ul className="watch-list" aria-label="Watched folders">
          {watches.map((w) => (
            <WatchRow key={w.id} watch={w} />
          ))}
        </ul>
      )}
      <AddWatchForm />
    </section>
  )
}
