import { startApp, type RunningApp } from '../../src/main/app/app-services'
import { headlessDesktopPorts, type DesktopPorts } from '../../src/main/app/desktop-ports'
import { createIpcRouter, type IpcRouter, type IpcSender } from '../../src/main/ipc/ipc-router'
import { MemorySecretStore, type SecretStore } from '../../src/main/secrets/secret-store'
import type { Result } from '../../src/shared/ipc/result'
import type { FakePinterest } from '../../src/main/fake-pinterest/index'

/** The window's frame as the shell sees it; the router trusts it unless `isTrustedSender` says otherwise. */
export const APP_SENDER: IpcSender = { id: 1, frameUrl: 'file:///app/index.html', isMainFrame: true }

export interface TestAppOptions {
  dataDir: string
  /** The Pinterest the app talks to: the API base and the sign-in page. */
  fake: Pick<FakePinterest, 'apiBase' | 'oauthBase'>
  /** More environment (PINLOAD_ACCESS_TOKEN…), over the fake's addresses. */
  env?: NodeJS.ProcessEnv
  /** Default: an in-memory keychain. */
  secrets?: SecretStore
  /** Overrides of the headless ports; by default the "browser" approves sign-in on the fake at once. */
  desktop?: Partial<DesktopPorts>
  /** Lines the headless ports print (links opened, notifications). */
  log?: (line: string) => void
  /** Sees every event the app sends to the window, in order. */
  /** `to`: the sender id an event is meant for (a scan's progress goes to the window that asked). */
  onEvent?: (event: string, payload: unknown, to?: number) => void
  watchPolling?: boolean
  /** Which senders the router trusts (default: every one, as the tests call it as the window). */
  isTrustedSender?: (sender: IpcSender) => boolean
  /** Leave the watched folders closed, as before the window shows (default: opened, as once it shows). */
  holdWatches?: boolean
}

export interface TestApp {
  app: RunningApp
  router: IpcRouter
  /** Every event sent to the window so far, in order. */
  readonly events: readonly { event: string; payload: unknown }[]
  /** One request through the real router (validation, handler, Result), as `sender` (default the window). */
  dispatch(channel: string, input: unknown, sender?: IpcSender): Promise<Result<unknown>>
  /** The same, returning the value and throwing the error kind and message of a failed Result. */
  call<T>(channel: string, input: unknown): Promise<T>
  shutdown(): Promise<void>
}

/** Plays the user's browser: the fake's authorize page approves and redirects to the loopback listener. */
export async function approveInBrowser(url: string): Promise<void> {
  await (await fetch(url, { redirect: 'follow' })).text()
}

/**
 * The whole main process under plain Node, as the Electron shell starts it (the composition root), with the
 * IPC router in front of it checking inputs and outputs against the contract. Integration tests and the
 * e2e bridge start the app through here.
 */
export async function startTestApp(opts: TestAppOptions): Promise<TestApp> {
  const events: { event: string; payload: unknown }[] = []
  const app = await startApp({
    dataDir: opts.dataDir,
    env: { PINLOAD_API_BASE: opts.fake.apiBase, PINLOAD_OAUTH_BASE: opts.fake.oauthBase, ...opts.env },
    secrets: opts.secrets ?? new MemorySecretStore(),
    desktop: { ...headlessDesktopPorts(opts.log), openAuthorizePage: approveInBrowser, ...opts.desktop },
    ...(opts.watchPolling !== undefined && { watchPolling: opts.watchPolling }),
    emit: (event, payload, to) => {
      events.push({ event, payload })
      opts.onEvent?.(event, payload, to)
    },
  })
  // The shell opens the watches once the window shows (src/main/index.ts); here the window "shows" at once.
  if (!opts.holdWatches) await app.startWatches()
  const router = createIpcRouter({
    handlers: app.handlers,
    isTrustedSender: opts.isTrustedSender ?? (() => true),
    checkOutputs: true,
    onError: (channel, e) => app.logger.error('ipc handler failed', { channel, error: String(e) }),
  })
  const dispatch = (channel: string, input: unknown, sender: IpcSender = APP_SENDER) =>
    router.dispatch(channel, input, sender)
  return {
    app,
    router,
    events,
    dispatch,
    async call<T>(channel: string, input: unknown): Promise<T> {
      const r = await dispatch(channel, input)
      if (!r.ok) throw new Error(`${channel}: ${r.error.kind}: ${r.error.message}`)
      return r.value as T
    },
    shutdown: () => app.shutdown(),
  }
}
