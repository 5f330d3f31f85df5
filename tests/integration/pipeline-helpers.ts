/** An UploadQueue over real SQLite in a temp dir, driving the real Pinterest client against the fake. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ItemDraft, Settings } from '../../src/shared/domain'
import { openDatabase, type Database } from '../../src/main/db/connection'
import { defaultSettings } from '../../src/main/db/settings-store'
import { createPinterestClient, type PinterestClient } from '../../src/main/pinterest/pinterest-client'
import { RateGovernor } from '../../src/main/pinterest/rate-governor'
import { UploadQueue } from '../../src/main/pipeline/upload-queue'
import type { UploadQueueDeps } from '../../src/main/pipeline/queue-types'
import type { FakePinterest } from '../../src/main/fake-pinterest/index'

export interface RealHarness {
  dir: string
  db: Database
  client: PinterestClient
  queue: UploadQueue
  settings: Settings
  close(): Promise<void>
}

const unlimited = { perWindow: 1_000_000_000, windowMs: 60_000, burst: 1_000_000_000 }

export function realHarness(
  fake: FakePinterest,
  opts: Omit<Partial<UploadQueueDeps>, 'settings'> & {
    settings?: Partial<Settings>
    clientAttempts?: number
  } = {},
): RealHarness {
  const { settings: patch, clientAttempts, ...deps } = opts
  const dir = mkdtempSync(join(tmpdir(), 'pinload-real-'))
  const db = openDatabase({ dataDir: join(dir, 'data') })
  const token = fake.issueToken().accessToken
  const client = createPinterestClient({
    apiBase: fake.apiBase,
    tokens: {
      getAccessToken: () => Promise.resolve(token),
      refreshAccessToken: () => Promise.reject(new Error('no refresh in tests')),
    },
    governor: new RateGovernor({
      limits: { org_read: unlimited, org_write: unlimited },
      baseDelayMs: 5,
      maxDelayMs: 50,
      maxAttempts: clientAttempts ?? 3,
    }),
    fetchTimeoutMs: 10_000,
  })
  const settings: Settings = { ...defaultSettings(join(dir, 'data')), ...patch }
  const queue = new UploadQueue({
    db,
    apiFor: () => client,
    settings: () => settings,
    retryBaseMs: 10,
    pollMs: { first: 50, max: 200 },
    // A lost create is checked on the board after this grace; the production default (2 min) would stall tests.
    createGraceMs: 200,
    ...deps,
  })
  return {
    dir,
    db,
    client,
    queue,
    settings,
    async close() {
      await queue.shutdown()
      await client.close()
      db.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export const draftFor = (path: string, boardId: string, title?: string): ItemDraft => ({
  path,
  meta: {
    boardId,
    title:
      title ??
      path
        .split('/')
        .pop()!
        .replace(/\.\w+$/, ''),
  },
})
