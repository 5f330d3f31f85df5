import type { PathGrant } from '../../../../shared/ipc/contract'
import { errorText, grantDroppedFiles, invoke } from '../../ipc/client'
import { actions } from '../../store/store'

/** Opens the New batch sheet on what was chosen; nothing when nothing was. */
function openNewBatch(grants: PathGrant[]): void {
  if (grants.length > 0) actions().setNewBatch(grants)
}

/** Files dropped anywhere on the window: main grants their paths (read by the preload), then the sheet opens. */
export async function dropOnWindow(files: readonly File[]): Promise<void> {
  if (files.length === 0) return
  try {
    const grants = await grantDroppedFiles(files)
    if (grants.length === 0)
      actions().pushToast(
        'error',
        'Those items have no local path: drop files or folders from your computer.',
      )
    openNewBatch(grants)
  } catch (e) {
    actions().pushToast('error', `Could not add: ${errorText(e)}`)
  }
}

/** Add files…: the OS file dialog, then the sheet. */
export async function pickFilesForBatch(): Promise<void> {
  try {
    openNewBatch(await invoke('dialog:pick-files', {}))
  } catch (e) {
    actions().pushToast('error', `Could not open the file picker: ${errorText(e)}`)
  }
}

/** Add folder…: the OS folder dialog, then the sheet. */
export async function pickFolderForBatch(): Promise<void> {
  try {
    const folder = await invoke('dialog:pick-folder', {})
    if (folder !== null) openNewBatch([folder])
  } catch (e) {
    actions().pushToast('error', `Could not open the folder picker: ${errorText(e)}`)
  }
}
