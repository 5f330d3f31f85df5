import type { ItemState } from '../../../../shared/domain'
import type { InvokeInput } from '../../../../shared/ipc/contract'
import { CANCELLABLE_STATES, RETRYABLE_STATES } from '../../../../shared/item-states'
import { errorText, invoke } from '../../ipc/client'
import { plural } from '../../lib/format'
import { actions } from '../../store/store'

async function run(what: string, fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn()
  } catch (e) {
    actions().pushToast('error', `${what}: ${errorText(e)}`)
  }
}

/** `force` posts even what was skipped as a duplicate, or whose create may already have landed. */
export function retryItem(itemId: number, force = false): Promise<void> {
  return run('Could not retry', () => invoke('uploads:retry', { itemId, ...(force && { force }) }))
}

export function cancelItem(itemId: number): Promise<void> {
  return run('Could not cancel', () => invoke('uploads:cancel', { itemId }))
}

/** Opens the Pin in the system browser; main checks the URL is https on pinterest.com. */
export function openPin(url: string): Promise<void> {
  return run('Could not open the Pin', () => invoke('shell:open-external', { url }))
}

export function pauseAll(): Promise<void> {
  return run('Could not pause', async () => actions().setTotals(await invoke('uploads:pause-all', {})))
}

export function resumeAll(): Promise<void> {
  return run('Could not resume', async () => actions().setTotals(await invoke('uploads:resume-all', {})))
}

/** Pauses or resumes one batch (its items already moving finish); main answers the totals with `pausedBatches`. */
export function pauseBatch(batchId: number, paused: boolean): Promise<void> {
  return run(paused ? 'Could not pause the batch' : 'Could not resume the batch', async () =>
    actions().setTotals(await invoke('uploads:pause-batch', { batchId, paused })),
  )
}

/** Rows for the first screen come alone so they show at once; the rest follow in larger pages. */
const FIRST_PAGE = 100
const NEXT_PAGE = 5000

/** Reloads the whole queue (on start, and when a flush may have been missed). */
export async function loadQueue(): Promise<void> {
  await run('Could not load the queue', async () => {
    const first = await invoke('uploads:list', { limit: FIRST_PAGE })
    actions().setQueue(first.items, first.totals)
    let afterId = first.items.at(-1)?.id
    while (afterId !== undefined && first.items.length === FIRST_PAGE) {
      const page = await invoke('uploads:list', { afterId, limit: NEXT_PAGE })
      actions().mergeItems(page.items)
      afterId = page.items.length === NEXT_PAGE ? page.items.at(-1)?.id : undefined
    }
  })
}

/** Requests in flight at once for a bulk action: quick for hundreds, without flooding main's router. */
const BULK_PARALLEL = 8

/** Runs `fn` for each id, a few at a time; one toast for whatever failed, not one per item. */
async function forEach(
  what: string,
  ids: readonly number[],
  fn: (id: number) => Promise<unknown>,
): Promise<void> {
  const errors: string[] = []
  let next = 0
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++]!
      try {
        await fn(id)
      } catch (e) {
        errors.push(errorText(e))
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(BULK_PARALLEL, ids.length) }, worker))
  if (errors.length > 0)
    actions().pushToast('error', `${what}: ${plural(errors.length, 'item', 'items')} refused. ${errors[0]}`)
}

/**
 * The ids still shown: a row removed with its Undo toast still up is gone for the user, so no action may touch
 * it (a group's "Retry failed" would otherwise queue an item the user removed, and the toast's end would then
 * remove a queued item or be refused while its Pin is created).
 */
const shown = (ids: readonly number[]) => {
  const { items, hiddenIds } = actions()
  return ids.filter((id) => items[id] !== undefined && !hiddenIds[id])
}

const inStates = (ids: readonly number[], states: readonly ItemState[]) => {
  const items = actions().items
  return shown(ids).filter((id) => states.includes(items[id]!.state))
}

/** The ids a Retry would act on (skipped ones need "Post anyway", so they are left out). */
export const retryable = (ids: readonly number[]) =>
  inStates(
    ids,
    RETRYABLE_STATES.filter((s) => s !== 'skipped'),
  )

export const cancellable = (ids: readonly number[]) => inStates(ids, CANCELLABLE_STATES)

/** The drafts among the ids: what Publish acts on. */
export const publishable = (ids: readonly number[]) => inStates(ids, ['draft'])

/**
 * A publish leaves out the drafts removed with their Undo still up: main knows nothing of that yet, and a
 * whole batch (or every draft) would otherwise publish a Pin the user removed. Null: nothing left to publish.
 */
export function withoutHidden(input: {
  ids?: readonly number[]
  batchId?: number
  all?: boolean
}): InvokeInput<'items:publish'> | null {
  const { hiddenIds, items } = actions()
  const { ids, ...rest } = input
  if (ids !== undefined) {
    const left = ids.filter((id) => !hiddenIds[id])
    return left.length === 0 ? null : { ...rest, ids: left }
  }
  // Only hidden drafts of what is published matter (a "Clear published" may hide thousands of other rows).
  const hidden = Object.keys(hiddenIds)
    .map(Number)
    .filter((id) => {
      const it = items[id]
      return it?.state === 'draft' && (rest.batchId === undefined || it.batchId === rest.batchId)
    })
  return hidden.length === 0 ? rest : { ...rest, except: hidden }
}

/** Publishes drafts (these ids, or every draft of a batch): each becomes queued, or scheduled for its time. */
export async function publishDrafts(input: { ids: readonly number[] } | { batchId: number }): Promise<void> {
  await run('Could not publish', async () => {
    const sel = withoutHidden(input)
    if (sel === null) return
    const { published } = await invoke('items:publish', sel)
    actions().pushToast('success', `${plural(published, 'draft', 'drafts')} published.`)
  })
}

/** Items that may be removed (not while a Pin is being created: main refuses that). */
export const removable = (ids: readonly number[]) => {
  const items = actions().items
  return shown(ids).filter((id) => items[id]!.state !== 'creating')
}

/** Retries the selection in one request (`uploads:retry-ids`). */
export async function retryMany(ids: readonly number[]): Promise<void> {
  const todo = retryable(ids)
  if (todo.length === 0) return
  try {
    const n = await invoke('uploads:retry-ids', { ids: todo })
    if (todo.length > 1) actions().pushToast('success', `${plural(n, 'item', 'items')} back in the queue.`)
  } catch (e) {
    actions().pushToast('error', `Could not retry: ${errorText(e)}`)
  }
}

export async function cancelMany(ids: readonly number[]): Promise<void> {
  await forEach('Could not cancel', cancellable(ids), (itemId) => invoke('uploads:cancel', { itemId }))
}

/** States the queue sends from by itself: an item in one of them cannot wait out an Undo toast. */
const SENDS_BY_ITSELF: readonly ItemState[] = ['scheduled', 'queued', 'validating', 'uploading', 'processing']

/**
 * One request for the whole selection; any item main kept (its Pin is being created) is said so and shown
 * again. The removed ones stay hidden until main's progress event takes them out of the list, with the totals
 * that no longer count them (queue-slice.ts): shown again in between, they would flash back for a moment.
 */
function removeInMain(todo: number[]): Promise<void> {
  return invoke('uploads:remove-ids', { ids: todo })
    .then((left) => {
      actions().unhide(left)
      if (left.length > 0)
        actions().pushToast('info', `${plural(left.length, 'Pin is', 'Pins are')} being created: kept.`)
    })
    .catch((e: unknown) => {
      actions().unhide(todo)
      actions().pushToast('error', `Could not remove: ${errorText(e)}`)
    })
}

/**
 * Removes items. Items at rest (published, failed, drafts…) leave the list at once and are removed in main
 * only when the toast goes, so Undo brings them back untouched. Items the queue would send by itself (queued,
 * scheduled, moving) are removed in main at once, without Undo: during the toast's seconds the queue would
 * otherwise start them, and a Pin "removed" by the user could still be published.
 */
export function removeWithUndo(ids: readonly number[], words: string): void {
  const todo = removable(ids)
  if (todo.length === 0) return
  actions().hide(todo)
  const items = actions().items
  if (todo.some((id) => SENDS_BY_ITSELF.includes(items[id]!.state))) {
    void removeInMain(todo).then(() => actions().pushToast('info', words))
    return
  }
  actions().pushToast('info', words, {
    action: { label: 'Undo', run: () => actions().unhide(todo) },
    onExpire: () => void removeInMain(todo),
  })
}

/** "Clear published" of a group: every published item of the batch, with Undo. */
export function clearPublished(batchId: number): void {
  const { items, ids } = actions()
  const done = removable(
    ids.filter((id) => items[id]?.batchId === batchId && items[id].state === 'published'),
  )
  removeWithUndo(done, `Cleared ${plural(done.length, 'published item', 'published items')}.`)
}
