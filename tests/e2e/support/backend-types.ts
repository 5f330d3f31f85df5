import type { Result } from '../../../src/shared/ipc/result'

/**
 * What the page bridge talks to: the real services behind the IPC router (services-bridge.ts).
 * `senderUrl` is the page's URL, which the real router checks like Electron's sender frame.
 */
export interface BridgeBackend {
  invoke(channel: string, input: unknown, senderUrl: string): Promise<Result<unknown>>
  onEvent(listener: (event: string, payload: unknown) => void): () => void
  close(): Promise<void>
}
