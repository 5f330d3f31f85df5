import type { InvokeInput } from '../../../../shared/ipc/contract'
import { errorText, invoke } from '../../ipc/client'
import { plural } from '../../lib/format'
import { actions } from '../../store/store'
import type { EditPatch } from './review-patch'

/**
 * Saves a patch to the items; true when every one took it. What main stored comes back as a progress flush,
 * like any change to an item. Items main refuses (moving on, published, a limit) are named in one toast with
 * main's own words for the first of them.
 */
export async function editItems(ids: readonly number[], patch: EditPatch, what: string): Promise<boolean> {
  try {
    const result = await invoke('items:edit', { ids: [...ids], patch })
    if (result.refused.length > 0) {
      const first = result.refused[0]!
      actions().pushToast(
        'error',
        `${plural(result.refused.length, 'Pin was', 'Pins were')} not changed: ${first.message}`,
      )
      return false
    }
    actions().pushToast('success', `${what} (${plural(result.updated, 'Pin', 'Pins')}).`)
    return true
  } catch (e) {
    actions().pushToast('error', `Could not save: ${errorText(e)}`)
    return false
  }
}

/** Sends drafts on their way: the chosen ones, or every draft of a batch. */
export async function publishItems(input: InvokeInput<'items:publish'>): Promise<void> {
  try {
    const { published } = await invoke('items:publish', input)
    if (published === 0) actions().pushToast('info', 'Nothing to publish: no drafts among them.')
    else actions().pushToast('success', `${plural(published, 'Pin', 'Pins')} on the way to Pinterest.`)
  } catch (e) {
    actions().pushToast('error', `Could not publish: ${errorText(e)}`)
  }
}
