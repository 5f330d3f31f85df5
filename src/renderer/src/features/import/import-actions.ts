import { errorText, invoke } from '../../ipc/client'
import { loadBoards } from '../../components/board-actions'
import { plural } from '../../lib/format'
import { actions } from '../../store/store'

/** The grant of the CSV last picked: main reads only files its dialog returned (issue 11, finding 2). */
let pickedCsv: string | null = null

/** A board name of the CSV matched by the user to one of the account's boards, for all its rows. */
export interface BoardMatch {
  name: string
  boardId: string
}

/** Previews the CSV last picked again (the "create missing boards" choice or a board match changed). */
export async function previewCsv(
  createMissingBoards: boolean,
  boardMatches: BoardMatch[] = [],
): Promise<void> {
  if (pickedCsv === null) return
  // Previews may overlap (a choice changed while a large CSV is read, or another file picked): only the last
  // one asked for is shown, so an older answer arriving late never replaces it.
  const mine = ++previewAsks
  try {
    actions().setCsvResult(null)
    const preview = await invoke('import:csv-preview', {
      grant: pickedCsv,
      createMissingBoards,
      ...(boardMatches.length > 0 && { boardMatches }),
    })
    if (mine === previewAsks) actions().setCsvPreview(preview)
  } catch (e) {
    if (mine === previewAsks) actions().pushToast('error', `Could not read the CSV: ${errorText(e)}`)
  }
}

/** Counts previews asked for: an answer is shown only if no later one was asked meanwhile. */
let previewAsks = 0

export async function pickAndPreviewCsv(createMissingBoards: boolean): Promise<void> {
  let picked
  try {
    picked = await invoke('dialog:pick-csv', {})
  } catch (e) {
    actions().pushToast('error', `Could not open the file picker: ${errorText(e)}`)
    return
  }
  if (picked === null) return
  pickedCsv = picked.grant
  await previewCsv(createMissingBoards)
}

/** Queues the previewed rows; `draft` keeps them as drafts until published (issue 13). */
export async function confirmCsv(previewId: string, draft = false): Promise<void> {
  // A preview still on its way belongs to the CSV as it was before this: it must not come back after.
  previewAsks++
  try {
    const result = await invoke('import:csv-confirm', { previewId, ...(draft && { draft }) })
    actions().setCsvResult(result)
    actions().setCsvPreview(null)
    // Confirming may have created boards ("create missing boards"): the picker and the rows should know them.
    void loadBoards(true)
    actions().pushToast(
      'success',
      `${plural(result.queued, 'Pin', 'Pins')} ${result.drafts === true ? 'added as drafts' : 'queued'} from the CSV.`,
    )
  } catch (e) {
    actions().pushToast('error', `Could not queue the CSV: ${errorText(e)}`)
  }
}

/** "Download template": main's save dialog, then a CSV with the columns Pinload reads and two example rows. */
export async function saveCsvTemplate(): Promise<void> {
  try {
    const r = await invoke('import:save-template', {})
    if (r.saved) actions().pushToast('success', `Template saved as ${r.fileName ?? 'a CSV file'}.`)
  } catch (e) {
    actions().pushToast('error', `Could not save the template: ${errorText(e)}`)
  }
}
