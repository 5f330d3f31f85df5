import { contextBridge, ipcRenderer, webUtils } from 'electron'
import type { IpcRendererEvent } from 'electron'
import type { BridgeApi } from '../shared/ipc/bridge-api'
import { EVENT_CHANNEL_NAMES, INVOKE_CHANNEL_NAMES, IPC_PREFIX } from '../shared/ipc/channels'
import type { PreloadChannel } from '../shared/ipc/contract'

// The renderer gets exactly this surface: invoke a page channel, listen to a contract event, have dropped files
// granted. Never ipcRenderer itself, and never a channel that turns a path string into a grant.
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
  grantDroppedFiles(files) {
    const paths: string[] = []
    for (const file of files) {
      let path = ''
      try {
        path = webUtils.getPathForFile(file)
      } catch {
        // Not a File from a drop or a file input (a forged object): it has no path.
      }
      if (path !== '') paths.push(path)
    }
    if (paths.length === 0) return Promise.resolve({ ok: true, value: [] })
    const channel: PreloadChannel = 'paths:grant-dropped'
    return ipcRenderer.invoke(IPC_PREFIX + channel, { paths })
  },
}

contextBridge.exposeInMainWorld('api', api)
