import type { EventChannel, EventPayload, InvokeChannel, InvokeInput, InvokeOutput } from './contract'
import type { Result } from './result'

/**
 * What the preload exposes as `window.api`: the narrow surface built from the contract.
 * The e2e bridge in tests provides the same shape over Playwright's channel.
 */
export interface BridgeApi {
  invoke<C extends InvokeChannel>(channel: C, input: InvokeInput<C>): Promise<Result<InvokeOutput<C>>>
  /** Subscribes to a push event; returns the function that unsubscribes. */
  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void
  /** Absolute path of a dropped File (Electron's webUtils.getPathForFile); '' when unknown. */
  getPathForFile(file: File): string
}
