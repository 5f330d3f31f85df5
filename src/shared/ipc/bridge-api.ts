import type {
  EventChannel,
  EventPayload,
  InvokeInput,
  InvokeOutput,
  PageChannel,
  PathGrant,
} from './contract'
import type { Result } from './result'

/**
 * What the preload exposes as `window.api`: the narrow surface built from the contract.
 * The e2e bridge in tests provides the same shape over Playwright's channel.
 */
export interface BridgeApi {
  invoke<C extends PageChannel>(channel: C, input: InvokeInput<C>): Promise<Result<InvokeOutput<C>>>
  /** Subscribes to a push event; returns the function that unsubscribes. */
  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void
  /**
   * Grants of dropped files and folders: the preload reads each real `File`'s path (Electron's
   * webUtils.getPathForFile) and main grants it to this window. A File that is not on disk (page script can
   * make those) has no path and is left out; page script never hands main a path string (issue 11, finding 2).
   */
  grantDroppedFiles(files: readonly File[]): Promise<Result<PathGrant[]>>
}
