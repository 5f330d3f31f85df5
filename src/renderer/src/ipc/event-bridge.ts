import { formatCount } from '../lib/format'
import { batchName } from '../store/queue-groups'
import { actions } from '../store/store'
import { runCommand } from '../features/commands/commands'
import { onEvent } from './client'

/**
 * Feeds main's push events into the store, outside React. Each `uploads:progress` flush is applied
 * as one store update. Returns the function that unsubscribes everything.
 */
export function connectEvents(): () => void {
  const offs = [
    onEvent('uploads:progress', (event) => actions().applyProgress(event)),
    onEvent('account:changed', (account) => actions().setAccount(account)),
    onEvent('watch:changed', (watches) => actions().setWatches(watches)),
    // The application menu (src/main/shell/app-menu.ts): the same commands as the palette.
    onEvent('app:command', runCommand),
    onEvent('uploads:batch-done', (done) => {
      const name = batchName(actions().items, done.batchId)
      actions().setBatchDone({ ...done, name })
      // The Queue screen shows the banner; elsewhere a toast says it, with the way there.
      if (actions().screen === 'queue') return
      const tone = done.failed > 0 ? 'error' : 'success'
      const failed = done.failed > 0 ? `, ${formatCount(done.failed)} failed` : ''
      actions().pushToast(tone, `${name} finished: ${formatCount(done.published)} published${failed}.`, {
        action: { label: 'Show', run: () => actions().setScreen('queue') },
      })
    }),
  ]
  return () => {
    for (const off of offs) off()
  }
}
