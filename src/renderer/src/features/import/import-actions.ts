import { errorText, invoke } from '../../ipc/client'
import { loadBoards } from '../../components/board-actions'
import { actions } from '../../store/store'

export async function previewCsv(path: string, createMissingBoards: boolean): Promise<void> {
  try {
    actions().setCsvResult(null)
    actions().setCsvPreview(await invoke('import:csv-preview', { path, createMissingBoards }))
  } catch (e) {
    actions().pushToast('error', `Could not read the CSV: ${errorText(e)}`)
  }
}

export async function pickAndPreviewCsv(createMissingBoards: boolean): Promise<void> {
  let path: string | null
  try {
    path = await invoke('dialog:pick-csv', {})
  } catch (e) {
    actions().pushToast('error', `Could not open the file picker: ${errorText(e)}`)
    return
  }
  if (path !== null) await previewCsv(path, createMissingBoards)
}

export async function confirmCsv(previewId: string): Promise<void> {
  try {
    const result = await invoke('import:csv-confirm', { previewId })
    actions().setCsvResult(result)
    actions().setCsvPreview(null)
    // Confirming may have created boards ("create missing boards"): the picker and the rows should know them.
    void loadBoards(true)
    actions().pushToast(
      'success',
      `${result.queued} ${result.queued === 1 ? 'row' : 'rows'} queued from the CSV.`,
    )
  } catch (e) {
    actions().pushToast('error', `Could not queue the CSV: ${errorText(e)}`)
  }
}
