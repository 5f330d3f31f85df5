import { startApp, type RunningApp } from '../../../src/main/app/app-services'
import { createIpcRouter } from '../../../src/main/ipc/ipc-router'
import type { BridgeBackend } from './backend-types'
import { DesktopDouble } from './desktop-double'

export interface DemoBackend extends BridgeBackend {
  /** The app started as `npm start -- --demo` starts it (startApp with `demo`). */
  app: RunningApp
  desktop: DesktopDouble
}

/**
 * The main process of the built-in demo for Playwright: the same composition root and IPC router as the shell,
 * with `demo: true`, so the stand-in of Pinterest, the throwaway data folder and the in-memory keychain are the
 * app's own, not the test's. `userDataDir` is the folder the app would use outside the demo: it must stay
 * untouched. Only pages served from `appOrigin` are trusted.
 */
export async function startDemoBackend(userDataDir: string, appOrigin: string): Promise<DemoBackend> {
  const listeners = new Set<(event: string, payload: unknown) => void>()
  const desktop = new DesktopDouble()
  const app = await startApp({
    demo: true,
    dataDir: userDataDir,
    env: {},
    desktop: desktop.ports(),
    emit: (event, payload) => {
      for (const l of listeners) l(event, payload)
    },
  })
  const origin = new URL(appOrigin).origin
  const router = createIpcRouter({
    handlers: app.handlers,
    isTrustedSender: (s) => URL.canParse(s.frameUrl) && new URL(s.frameUrl).origin === origin,
    checkOutputs: true,
  })
  return {
    app,
    desktop,
    invoke: (channel, input, senderUrl) =>
      router.dispatch(channel, input, { id: 1, frameUrl: senderUrl, isMainFrame: true }),
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    async close() {
      listeners.clear()
      await app.shutdown()
    },
  }
}
