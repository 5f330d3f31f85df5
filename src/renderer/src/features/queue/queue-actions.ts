import { errorText, invoke } from '../../ipc/client'
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

export function removeItem(itemId: number): Promise<void> {
  return run('Could not remove', () => invoke('uploads:remove', { itemId }))
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
