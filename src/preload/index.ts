import { contextBridge, ipcRenderer, webUtils } from 'electron'
import type { IpcRendererEvent } from 'electron'
import type { BridgeApi } from '../shared/ipc/bridge-api'
import { EVENT_CHANNEL_NAMES, INVOKE_CHANNEL_NAMES, IPC_PREFIX } from '../shared/ipc/channels'

// The renderer gets exactly this surface: invoke a contract channel, listen to a contract event,
// resolve a dropped file's path. Never ipcRenderer itself.
const invokeChannels = new Set<string>(INVOKE_CHANNEL_NAMES)
const eventChannels = new Set<string>(EVENT_CHANNEL_NAMES)

const api: BridgeApi = {
  invoke: ((channel: string, input: unknown) => {
    if (!invokeChannels.has(channel)) {
      return Promise.resolve({
        ok: false,
        error: { kind: 'validation', message: `Unknown channel: ${channel}` },
      })
    }
    return ipcRenderer.invoke(IPC_PREFIX + channel, input)
  }) as BridgeApi['invoke'],
  on(event, listener) {
    if (!eventChannels.has(event)) throw new Error(`Unknown event: ${String(event)}`)
    const wrapped = (_e: IpcRendererEvent, payload: unknown) => listener(payload as never)
    ipcRenderer.on(IPC_PREFIX + event, wrapped)
    return () => {
      ipcRenderer.removeListener(IPC_PREFIX + event, wrapped)
    }
  },
  getPathForFile(file) {
    try {
      return webUtils.getPathForFile(file)
    } catch {
      return ''
    }
  },
}

contextBridge.exposeInMainWorld('api', api)
