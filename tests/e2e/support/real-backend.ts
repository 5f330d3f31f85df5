import { startFakePinterest, type FakePinterest, type FakePinterestOptions } from '../../fake-pinterest/index'
import type { BridgeBackend } from './backend-types'
import { startServicesBridge } from './services-bridge'

export interface RealBackend extends BridgeBackend {
  fake: FakePinterest
}

/**
 * Starts the fake Pinterest and the integrator's services bridge (real IPC router with zod validation,
 * real services, real SQLite in `dataDir`), trusting only pages served from `appOrigin`.
 */
export async function startRealBackend(
  dataDir: string,
  appOrigin: string,
  fakeOpts: FakePinterestOptions,
): Promise<RealBackend> {
  const fake = await startFakePinterest(fakeOpts)
  try {
    const bridge = await startServicesBridge({ dataDir, fake, appOrigin })
    return {
      fake,
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
