import { errorText, invoke } from '../../ipc/client'
import { formatCount, plural } from '../../lib/format'
import { actions } from '../../store/store'

/** A batch, some items, or (neither) the whole queue. */
interface Selection {
  batchId?: number
  ids?: number[]
}

/** Exports the selection to a file main's save dialog asks for (the window never names a path). */
export async function exportResults(sel: Selection, format: 'csv' | 'json'): Promise<void> {
  try {
    const r = await invoke('results:export', { format, ...sel })
    if (r.saved)
      actions().pushToast('success', `Exported ${plural(r.rows, 'item', 'items')} to ${r.fileName}.`)
  } catch (e) {
    actions().pushToast('error', `Could not export: ${errorText(e)}`)
  }
}

/**
 * Reads the selection's Pins back from Pinterest with their counts; a Pin removed there shows on its row (main
 * pushes the change with the queue's progress).
 */
export async function checkOnPinterest(sel: Selection): Promise<void> {
  try {
    const r = await invoke('results:verify', sel)
    const total = r.checked + r.unchecked.length
    if (total === 0) {
      actions().pushToast('info', 'Nothing published to check.')
      return
    }
    const parts = [`${formatCount(r.found)} of ${plural(total, 'Pin', 'Pins')} on Pinterest`]
    if (r.missing.length > 0) parts.push(`${formatCount(r.missing.length)} removed on Pinterest`)
    if (r.unchecked.length > 0) parts.push(`${formatCount(r.unchecked.length)} could not be checked`)
    const tone = r.missing.length > 0 || r.unchecked.length > 0 ? 'error' : 'success'
    actions().pushToast(tone, `${parts.join(', ')}.`)
  } catch (e) {
    actions().pushToast('error', `Could not check on Pinterest: ${errorText(e)}`)
  }
}
