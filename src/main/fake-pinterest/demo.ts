import { DEFAULT_OAUTH_PORT, OAUTH_SCOPES, OAUTH_SECRET_SCOPES } from '../../shared/limits'
import { startFakePinterest } from './index'
import type { FakePin } from './types'

/**
 * The built-in demo's Pinterest: the fake, in-process on 127.0.0.1 (a free port), seeded with a demo user, a
 * few sample boards and an access token, with no faults. The app (`--demo`) and the command
 * (`pinload upload --demo`) point their API base at it and use the token; nothing leaves the machine.
 */

export const DEMO_USERNAME = 'pinload-demo'
/** The stand-in's OAuth app, should the demo ever sign in through its authorize page. */
export const DEMO_APP = { appId: 'pinload-demo-app', appSecret: 'pinload-demo-secret' } as const

const SAMPLE_BOARDS: { name: string; description: string; sections: string[] }[] = [
  { name: 'Recipes', description: 'Things worth cooking again', sections: ['Weeknight dinners', 'Baking'] },
  { name: 'Travel', description: 'Places worth the trip', sections: ['Mountains'] },
  { name: 'Home ideas', description: 'Rooms, colours and small fixes', sections: [] },
]

interface DemoBoard {
  id: string
  name: string
  description: string
  sections: readonly { id: string; name: string }[]
}

export interface DemoPinterestOptions {
  /** How long an uploaded video stays 'processing', in ms. Default 1500: long enough to be seen, short enough to wait for. */
  mediaProcessingMs?: number
  /** Fixed port; default any free one. */
  port?: number
}

export interface DemoPinterest {
  /** http://127.0.0.1:PORT */
  baseUrl: string
  /** `${baseUrl}/v5`: what PINLOAD_API_BASE would hold. */
  apiBase: string
  /** The stand-in's authorize page: what PINLOAD_OAUTH_BASE would hold. */
  oauthBase: string
  /** A token of the demo user with the uploader's scopes (and the secret-board ones), valid 30 days. */
  accessToken: string
  refreshToken: string
  environment: 'production'
  username: string
  /** The sample boards in the order GET /boards lists them; the first is the default board of `upload --demo`. */
  boards: readonly DemoBoard[]
  /**
   * The variables that point the app or the command at the stand-in: PINLOAD_API_BASE, PINLOAD_OAUTH_BASE,
   * PINLOAD_ACCESS_TOKEN, PINLOAD_ENVIRONMENT.
   */
  env: Readonly<Record<string, string>>
  /** Every Pin published to the stand-in so far. */
  readonly pins: readonly FakePin[]
  close(): Promise<void>
}

export async function startDemoPinterest(opts: DemoPinterestOptions = {}): Promise<DemoPinterest> {
  const fake = await startFakePinterest({
    username: DEMO_USERNAME,
    environment: 'production',
    mediaProcessingMs: opts.mediaProcessingMs ?? 1500,
    ...(opts.port !== undefined && { port: opts.port }),
    clients: [
      {
        clientId: DEMO_APP.appId,
        clientSecret: DEMO_APP.appSecret,
        redirectUris: [`http://localhost:${DEFAULT_OAUTH_PORT}/`],
      },
    ],
  })
  const boards: DemoBoard[] = SAMPLE_BOARDS.map((sample) => {
    const board = fake.addBoard({ name: sample.name, description: sample.description })
    return {
      id: board.id,
      name: sample.name,
      description: sample.description,
      sections: sample.sections.map((name) => fake.addSection(board.id, name)),
    }
  })
  const token = fake.issueToken({ scopes: [...OAUTH_SCOPES, ...OAUTH_SECRET_SCOPES] })
  return {
    baseUrl: fake.baseUrl,
    apiBase: fake.apiBase,
    oauthBase: fake.oauthBase,
    accessToken: token.accessToken,
    refreshToken: token.refreshToken,
    environment: 'production',
    username: DEMO_USERNAME,
    boards,
    env: {
      PINLOAD_API_BASE: fake.apiBase,
      PINLOAD_OAUTH_BASE: fake.oauthBase,
      PINLOAD_ACCESS_TOKEN: token.accessToken,
      PINLOAD_ENVIRONMENT: 'production',
    },
    get pins() {
      return fake.pins
    },
    close: () => fake.close(),
  }
}
