import type { InvokeInput } from '../../../../shared/ipc/contract'
import { errorText, invoke } from '../../ipc/client'
import { plural } from '../../lib/format'
import { actions } from '../../store/store'
import { withoutHidden } from '../queue/queue-actions'
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
    const sel = withoutHidden(input)
    if (sel === null) return
    const { published } = await invoke('items:publish', sel)
    if (published === 0) actions().pushToast('info', 'Nothing to publish: no drafts among them.')
    else actions().pushToast('success', `${plural(published, 'Pin', 'Pins')} on the way to Pinterest.`)
  } catch (e) {
    actions().pushToast('error', `Could not publish: ${errorText(e)}`)
  }
}

/**
 * Joins 2–5 selected images, in grid order, into one carousel Pin (main checks they are images of one size on
 * one board, other formats converted to JPEG or PNG). Returns the new item's id, or null when main refused (its
 * words in a toast).
 */
export async function makeCarousel(ids: readonly number[]): Promise<number | null> {
  try {
    const { itemId } = await invoke('items:make-carousel', { ids: [...ids] })
    actions().pushToast(
      'success',
      `${plural(ids.length, 'image', 'images')} joined into one carousel Pin, in a batch of its own.`,
    )
    return itemId
  } catch (e) {
    actions().pushToast('error', `Could not make a carousel: ${errorText(e)}`)
    return null
  }
}
