import type { BridgeApi } from '../../shared/ipc/bridge-api'

declare global {
  interface Window {
    /** The preload's bridge (in e2e tests, Playwright's stand-in with the same shape). */
    readonly api: BridgeApi
  }
}
