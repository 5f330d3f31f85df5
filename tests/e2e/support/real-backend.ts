import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Result } from '../../../src/shared/ipc/result'
import type { BridgeBackend } from './backend-types'
import { repoRoot } from './repo-root'

/** The part of the fake Pinterest (tests/fake-pinterest/index.ts) these specs use. */
export interface FakePinterestLike {
  apiBase: string
  close(): Promise<void>
  issueToken(opts?: { scopes?: string[] }): { accessToken: string; refreshToken: string }
  addBoard(b: { name: string }): { id: string; name: string }
  pins: unknown
  faults: { add(rule: unknown): void; clear(): void }
}

interface FakeModule {
  startFakePinterest(opts?: Record<string, unknown>): Promise<FakePinterestLike>
}

interface ServicesBridgeModule {
  startServicesBridge(opts: { dataDir: string; fake: FakePinterestLike }): Promise<{
    invoke(channel: string, input: unknown, senderUrl: string): Promise<Result<unknown>>
    onEvent(listener: (event: string, payload: unknown) => void): () => void
    close(): Promise<void>
  }>
}

const BRIDGE = ['tests', 'e2e', 'support', 'services-bridge.ts']
const FAKE = ['tests', 'fake-pinterest', 'index.ts']

/** Why the real backend cannot run here, or null when both the services bridge and the fake exist. */
export function realBackendMissing(): string | null {
  const root = repoRoot()
  if (!existsSync(join(root, ...BRIDGE))) return 'tests/e2e/support/services-bridge.ts (the integrator’s real services bridge) is not there yet'
  if (!existsSync(join(root, ...FAKE))) return 'tests/fake-pinterest/index.ts is not there yet'
  return null
}

export interface RealBackend extends BridgeBackend {
  fake: FakePinterestLike
}

/**
 * Starts the fake Pinterest and the integrator's services bridge (real IPC router, real services, real
 * SQLite in `dataDir`). Loaded by path so this file typechecks before those files exist.
 */
export async function startRealBackend(dataDir: string, fakeOpts: Record<string, unknown>): Promise<RealBackend> {
  const root = repoRoot()
  const fakeMod = (await import(pathToFileURL(join(root, ...FAKE)).href)) as FakeModule
  const bridgeMod = (await import(pathToFileURL(join(root, ...BRIDGE)).href)) as ServicesBridgeModule
  const fake = await fakeMod.startFakePinterest(fakeOpts)
  try {
    const bridge = await bridgeMod.startServicesBridge({ dataDir, fake })
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
