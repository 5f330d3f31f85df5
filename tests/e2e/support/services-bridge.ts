import { randomBytes } from 'node:crypto'
import { headlessDesktopPorts, type DesktopPorts } from '../../../src/main/app/desktop-ports'
import { startApp } from '../../../src/main/app/app-services'
import { createIpcRouter } from '../../../src/main/ipc/ipc-router'
import { KeyringSecretStore, MemorySecretStore } from '../../../src/main/secrets/secret-store'
import type { Result } from '../../../src/shared/ipc/result'
import type { FakePinterest } from '../../fake-pinterest/index'

export interface ServicesBridge {
  invoke(channel: string, input: unknown, senderUrl: string): Promise<Result<unknown>>
  onEvent(listener: (event: string, payload: unknown) => void): () => void
  /** Every event payload sent to the page, in order (the secrets scan reads them). */
  readonly sentEvents: readonly { event: string; payload: unknown }[]
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
}): Promise<ServicesBridge> {
  const listeners = new Set<(event: string, payload: unknown) => void>()
  const sentEvents: { event: string; payload: unknown }[] = []
  // The real keychain when the tests run in a Secret Service session (scripts/with-keyring.sh), with a
  // service name of its own so runs never collide.
  const secrets =
    process.env.PINLOAD_REAL_KEYRING === '1'
      ? new KeyringSecretStore({ service: `PinloadE2E-${process.pid}-${randomBytes(4).toString('hex')}` })
      : new MemorySecretStore()
  const desktop: DesktopPorts = {
    ...headlessDesktopPorts(),
    // Plays the user's browser: the fake's authorize page approves and redirects to our loopback listener.
    openAuthorizePage: async (url) => {
      const res = await fetch(url, { redirect: 'follow' })
      await res.text()
    },
    ...opts.desktop,
  }
  const app = await startApp({
    dataDir: opts.dataDir,
    env: { PINLOAD_API_BASE: opts.fake.apiBase, PINLOAD_OAUTH_BASE: opts.fake.oauthBase },
    desktop,
    secrets,
    watchPolling: true,
    emit: (event, payload) => {
      sentEvents.push({ event, payload })
      for (const l of listeners) l(event, payload)
    },
  })
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
  const router = createIpcRouter({
    handlers: app.handlers,
    isTrustedSender: (s) => trusted(s.frameUrl),
    checkOutputs: true,
    onError: (channel, e) => app.logger.error('ipc handler failed', { channel, error: String(e) }),
  })
  return {
    invoke: (channel, input, senderUrl) =>
      router.dispatch(channel, input, { id: 1, frameUrl: senderUrl, isMainFrame: true }),
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    sentEvents,
    async close() {
      listeners.clear()
      await app.shutdown()
    },
  }
}
