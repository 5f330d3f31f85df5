import { errorText, invoke } from '../../ipc/client'
import { actions } from '../../store/store'

async function run(what: string, fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn()
  } catch (e) {
    actions().pushToast('error', `${what}: ${errorText(e)}`)
  }
}

export function retryItem(itemId: number): Promise<void> {
  return run('Could not retry', () => invoke('uploads:retry', { itemId }))
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

/** Reloads the whole queue (on start, and when a flush may have been missed). */
export async function loadQueue(): Promise<void> {
  await run('Could not load the queue', async () => {
    const { items, totals } = await invoke('uploads:list', {})
    actions().setQueue(items, totals)
  })
}
