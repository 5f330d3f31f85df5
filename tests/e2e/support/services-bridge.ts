import type { RunningApp } from '../../../src/main/app/app-services'
import type { DesktopPorts } from '../../../src/main/app/desktop-ports'
import { MemorySecretStore, type SecretStore } from '../../../src/main/secrets/secret-store'
import type { Result } from '../../../src/shared/ipc/result'
import type { FakePinterest } from '../../../src/main/fake-pinterest/index'
import { privateKeyring, realKeyring } from '../../support/keychain'
import { startTestApp } from '../../support/test-app'

export interface ServicesBridge {
  invoke(channel: string, input: unknown, senderUrl: string): Promise<Result<unknown>>
  onEvent(listener: (event: string, payload: unknown) => void): () => void
  /** Every event payload sent to the page, in order (the secrets scan reads them). */
  readonly sentEvents: readonly { event: string; payload: unknown }[]
  /** The running services, for seeding and for reading state the page does not show. */
  readonly app: RunningApp
  readonly secrets: SecretStore
  close(): Promise<void>
}

/**
 * The real main process for Playwright: the same composition root, IPC router (zod validation, sender
 * check, Result envelope), SQLite, keychain and Pinterest client as the app, pointed at the fake
 * Pinterest. Only the transport differs from Electron: requests arrive over Playwright's binding, and the
 * sender is trusted when its URL is the served renderer (as the shell trusts only its own window).
 */
export async function startServicesBridge(opts: {
  dataDir: string
  fake: Pick<FakePinterest, 'apiBase' | 'oauthBase'>
  /** Where the built renderer is served; requests from any other page are refused. Default: any http://127.0.0.1 page. */
  appOrigin?: string
  desktop?: Partial<DesktopPorts>
  /** Default: the system keychain inside scripts/with-keyring.sh (under a service name of its own), else in memory. */
  secrets?: SecretStore
}): Promise<ServicesBridge> {
  const listeners = new Set<(event: string, payload: unknown) => void>()
  const secrets = opts.secrets ?? (realKeyring ? privateKeyring('E2E') : new MemorySecretStore())
  const trusted = (url: string) => {
    try {
      const u = new URL(url)
      return opts.appOrigin
        ? u.origin === new URL(opts.appOrigin).origin
        : u.protocol === 'http:' && u.hostname === '127.0.0.1'
    } catch {
      return false
    }
  }
  const started = await startTestApp({
    dataDir: opts.dataDir,
    fake: opts.fake,
    secrets,
    ...(opts.desktop && { desktop: opts.desktop }),
    watchPolling: true,
    isTrustedSender: (s) => trusted(s.frameUrl),
    onEvent: (event, payload) => {
      for (const l of listeners) l(event, payload)
    },
  })
  return {
    invoke: (channel, input, senderUrl) =>
      started.dispatch(channel, input, { id: 1, frameUrl: senderUrl, isMainFrame: true }),
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    sentEvents: started.events,
    app: started.app,
    secrets,
    async close() {
      listeners.clear()
      await started.shutdown()
    },
  }
}
