import { errorText, invoke } from '../../ipc/client'
import { actions } from '../../store/store'

export async function loadWatches(): Promise<void> {
  try {
    actions().setWatches(await invoke('watch:list', {}))
  } catch (e) {
    actions().pushToast('error', `Could not load watched folders: ${errorText(e)}`)
  }
}

export interface WatchForm {
  /** The folder's grant from the folder dialog (main watches only folders its dialog returned). */
  grant: string
  boardId?: string
  boardSectionId?: string
  subfolderBoards: boolean
  moveDone: boolean
}

export async function addWatch(form: WatchForm): Promise<boolean> {
  try {
    const view = await invoke('watch:add', {
      grant: form.grant,
      ...(form.subfolderBoards || form.boardId === undefined ? {} : { boardId: form.boardId }),
      ...(form.subfolderBoards || form.boardSectionId === undefined
        ? {}
        : { boardSectionId: form.boardSectionId }),
      subfolderBoards: form.subfolderBoards,
      moveDone: form.moveDone,
    })
    const rest = actions().watches.filter((w) => w.id !== view.id)
    actions().setWatches([...rest, view])
    actions().pushToast('success', `Watching ${view.folder}.`)
    return true
  } catch (e) {
    actions().pushToast('error', `Could not watch that folder: ${errorText(e)}`)
    return false
  }
}

export async function removeWatch(id: number): Promise<void> {
  try {
    await invoke('watch:remove', { id })
    actions().setWatches(actions().watches.filter((w) => w.id !== id))
  } catch (e) {
    actions().pushToast('error', `Could not stop watching: ${errorText(e)}`)
  }
}
