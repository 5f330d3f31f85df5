import { useState, type FormEvent } from 'react'
import { Button } from '../../components/button'
import { Sheet } from '../../components/sheet'
import { errorText, invoke } from '../../ipc/client'
import { formatCount, plural } from '../../lib/format'
import { actions } from '../../store/store'

type Report = {
  done: number
  waiting: number
  waitingWhy?: string
  failed: { name: string; message: string }[]
}

function tell(report: Report, did: string): void {
  const parts = [`${did} ${plural(report.done, 'Pin', 'Pins')}`]
  if (report.waiting > 0)
    parts.push(
      `${formatCount(report.waiting)} wait and go again by themselves${report.waitingWhy ? ` (${report.waitingWhy})` : ''}`,
    )
  const first = report.failed[0]
  if (first) parts.push(`${formatCount(report.failed.length)} failed (${first.name}: ${first.message})`)
  actions().pushToast(report.failed.length > 0 ? 'error' : 'success', `${parts.join('; ')}.`)
}

/**
 * "Remove from Pinterest…": the user types the number of Pins to remove (main checks it too), then the
 * selection's Pins are deleted on Pinterest through the queued operations (issue 15).
 */
export function UnpublishSheet({ ids, onClose }: { ids: number[]; onClose: () => void }) {
  const [typed, setTyped] = useState('')
  const [busy, setBusy] = useState(false)
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    try {
      tell(await invoke('results:unpublish', { ids, confirmCount: ids.length }), 'Removed')
      onClose()
    } catch (err) {
      actions().pushToast('error', `Could not remove: ${errorText(err)}`)
      setBusy(false)
    }
  }
  return (
    <Sheet title="Remove from Pinterest" onClose={onClose} testId="unpublish-sheet">
      <form className="form" onSubmit={(e) => void submit(e)}>
        <p>
          This deletes {plural(ids.length, 'Pin', 'Pins')} on Pinterest. It cannot be undone; the files stay
          on this computer.
        </p>
        <label>
          Type {ids.length} to confirm
          <input
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            inputMode="numeric"
            autoComplete="off"
            maxLength={6}
          />
        </label>
        <Button type="submit" variant="danger" disabled={busy || typed.trim() !== String(ids.length)}>
          Remove {plural(ids.length, 'Pin', 'Pins')}
        </Button>
      </form>
    </Sheet>
  )
}

/** "Update…": a new title, description or link for the selection's published Pins (PATCH, a beta endpoint). */
export function UpdateSheet({ ids, onClose }: { ids: number[]; onClose: () => void }) {
  const [fields, setFields] = useState({ title: '', description: '', link: '' })
  const [busy, setBusy] = useState(false)
  const set = (k: keyof typeof fields) => (v: string) => setFields((f) => ({ ...f, [k]: v }))
  const patch = Object.fromEntries(Object.entries(fields).filter(([, v]) => v.trim() !== ''))
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    try {
      tell(await invoke('results:update', { ids, patch }), 'Updated')
      onClose()
    } catch (err) {
      actions().pushToast('error', `Could not update: ${errorText(err)}`)
      setBusy(false)
    }
  }
  const field = (k: keyof typeof fields, label: string, max: number) => (
    <label>
      {label}
      <input value={fields[k]} onChange={(e) => set(k)(e.target.value)} maxLength={max} />
    </label>
  )
  return (
    <Sheet title={`Update ${plural(ids.length, 'Pin', 'Pins')}`} onClose={onClose} testId="update-sheet">
      <form className="form" onSubmit={(e) => void submit(e)}>
        <p>Fields left empty stay as they are.</p>
        {field('title', 'New title', 100)}
        {field('description', 'New description', 800)}
        {field('link', 'New link', 2048)}
        <Button type="submit" variant="primary" disabled={busy || Object.keys(patch).length === 0}>
          Update
        </Button>
      </form>
    </Sheet>
  )
}
