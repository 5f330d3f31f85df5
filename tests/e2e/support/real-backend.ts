import type { RunningApp } from '../../../src/main/app/app-services'
import type { SecretStore } from '../../../src/main/secrets/secret-store'
import {
  startFakePinterest,
  type FakePinterest,
  type FakePinterestOptions,
} from '../../../src/main/fake-pinterest/index'
import type { BridgeBackend } from './backend-types'
import { DesktopDouble } from './desktop-double'
import { startServicesBridge } from './services-bridge'

export interface RealBackend extends BridgeBackend {
  fake: FakePinterest
  /** The running main-process services (the same composition root as the app). */
  app: RunningApp
  secrets: SecretStore
  /** The OS side of the desktop ports: dialog answers, links opened, the sign-in browser. */
  desktop: DesktopDouble
  dataDir: string
}

/**
 * Starts the fake Pinterest and the services bridge (real IPC router with zod validation, real services,
 * real SQLite in `dataDir`), trusting only pages served from `appOrigin`.
 */
export async function startRealBackend(
  dataDir: string,
  appOrigin: string,
  fakeOpts: FakePinterestOptions,
  opts: { secrets?: SecretStore } = {},
): Promise<RealBackend> {
  const fake = await startFakePinterest(fakeOpts)
  const desktop = new DesktopDouble()
  try {
    const bridge = await startServicesBridge({
      dataDir,
      fake,
      appOrigin,
      desktop: desktop.ports(),
      ...(opts.secrets && { secrets: opts.secrets }),
    })
    return {
      fake,
      app: bridge.app,
      secrets: bridge.secrets,
      desktop,
      dataDir,
      invoke: (c, i, u) => bridge.invoke(c, i, u),
      onEvent: (l) => bridge.onEvent(l),
      close: async () => {
        await bridge.close()
        await fake.close()
      },
    }
  } catch (e) {
    await fake.close()
    throw e
  }
}
