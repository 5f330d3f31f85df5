import { ipcMain } from 'electron'
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron'
import {
  EVENT_CHANNEL_NAMES,
  INVOKE_CHANNEL_NAMES,
  IPC_PREFIX,
  PRELOAD_CHANNEL_NAMES,
} from '../../shared/ipc/channels'
import type { EventChannel, EventPayload } from '../../shared/ipc/contract'
import type { IpcRouter, IpcSender } from '../ipc/ipc-router'

function senderOf(event: IpcMainInvokeEvent): IpcSender {
  const frame = event.senderFrame
  return {
    id: event.sender.id,
    frameUrl: frame?.url ?? '',
    isMainFrame: frame !== null && frame === event.sender.mainFrame,
  }
}

/**
 * The only `ipcMain.handle` calls in the app: every channel goes through the router's checks, the preload's own
 * ones (src/preload/index.ts) too.
 */
export function bindIpc(router: IpcRouter): void {
  for (const channel of [...INVOKE_CHANNEL_NAMES, ...PRELOAD_CHANNEL_NAMES]) {
    ipcMain.handle(IPC_PREFIX + channel, (event, input: unknown) =>
      router.dispatch(channel, input, senderOf(event)),
    )
  }
}

/** Pushes an event to the window, unless it is gone; `to` (a webContents id) keeps it to the window that asked. */
export function createEventSender(getWindow: () => BrowserWindow | null) {
  const known = new Set<string>(EVENT_CHANNEL_NAMES)
  return <E extends EventChannel>(event: E, payload: EventPayload<E>, to?: number): void => {
    if (!known.has(event)) return
    const win = getWindow()
    if (!win || win.isDestroyed() || win.webContents.isDestroyed()) return
    if (to !== undefined && win.webContents.id !== to) return
    win.webContents.send(IPC_PREFIX + event, payload)
  }
}
