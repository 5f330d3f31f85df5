import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ItemView } from '../../shared/domain'
import { startDemoPinterest, type DemoPinterest } from '../fake-pinterest/demo'

/**
 * The built-in demo (README.md, "Try it without a Pinterest account"): the app (`--demo`) and `pinload upload
 * --demo` run against the stand-in of Pinterest of src/main/fake-pinterest/demo.ts, in-process on 127.0.0.1,
 * in a throwaway data folder, so they need no account, no keychain and no network, and touch none of the
 * user's data.
 */

/** The command-line switch of the app and of `pinload upload`. */
export const DEMO_SWITCH = '--demo'

/** What the window's banner and the command say about the demo. */
export const DEMO_NOTICE =
  'Demo — uploads go to a built-in stand-in of Pinterest on this computer; nothing is really posted.'

// A proxy named in the environment would otherwise carry the requests to 127.0.0.1 off the machine
// (the client follows these variables: docs/architecture.md, "Data flow", Pinterest row).
const PROXY_VARIABLES = ['HTTPS_PROXY', 'HTTP_PROXY', 'NO_PROXY', 'https_proxy', 'http_proxy', 'no_proxy']

export interface DemoSession {
  /** A fresh folder under the OS's temp folder, removed by `close` (and at exit if `close` never ran). */
  dataDir: string
  /** The caller's environment pointed at the stand-in: its API base, token and this data folder. */
  env: NodeJS.ProcessEnv
  pinterest: DemoPinterest
  /** The board an upload goes to when none is named: the first sample board. */
  defaultBoardId: string
  /** Stops the stand-in and removes the data folder. */
  close(): Promise<void>
}

export async function startDemoSession(
  base: NodeJS.ProcessEnv,
  opts: { mediaProcessingMs?: number } = {},
): Promise<DemoSession> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pinload-demo-'))
  const remove = () => rmSync(dataDir, { recursive: true, force: true })
  // Ctrl-C ends `pinload upload` with process.exit once its items are parked; the folder goes then too.
  process.once('exit', remove)
  let pinterest: DemoPinterest
  let defaultBoardId: string
  try {
    pinterest = await startDemoPinterest(
      opts.mediaProcessingMs !== undefined ? { mediaProcessingMs: opts.mediaProcessingMs } : {},
    )
    defaultBoardId = pinterest.boards[0]?.id ?? ''
  } catch (e) {
    process.off('exit', remove)
    remove()
    throw e
  }
  const env: NodeJS.ProcessEnv = { ...base }
  for (const name of PROXY_VARIABLES) delete env[name]
  // The stand-in is not Pinterest, so the client-side limits need not apply (app-core.ts, governorFor).
  Object.assign(env, pinterest.env, { PINLOAD_DATA_DIR: dataDir, PINLOAD_RATE_LIMITS: 'off' })
  return {
    dataDir,
    env,
    pinterest,
    defaultBoardId,
    async close() {
      try {
        await pinterest.close()
      } finally {
        process.off('exit', remove)
        remove()
      }
    },
  }
}

/**
 * An item as the demo shows it: without its Pin link, which would name a pinterest.com page that does not
 * exist (the Pin lives on the stand-in only).
 */
export function withoutPinLink<T extends Pick<ItemView, 'pinUrl'>>(item: T): T {
  if (item.pinUrl === undefined) return item
  const copy = { ...item }
  delete copy.pinUrl
  return copy
}
