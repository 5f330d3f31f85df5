import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Command } from 'commander'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { registerAccountsCommands } from '../../src/cli/commands/accounts-commands'
import { registerAuthCommands, type AuthCliContext } from '../../src/cli/commands/auth-commands'
import { headlessDesktopPorts } from '../../src/main/app/desktop-ports'
import { readAccountFile } from '../../src/main/auth/account-file'
import { loadTokenBundle } from '../../src/main/auth/token-bundle'
import { KeyringSecretStore, secretKeys } from '../../src/main/secrets/secret-store'
import type { AccountView } from '../../src/shared/domain'
import { DEFAULT_USERNAME, startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import { clearAccountSecrets, realKeyring, USER_KEY } from '../support/keychain'
import { freePort } from '../support/net'
import { startTestApp } from '../support/test-app'
import { waitFor } from '../support/wait-for'

if (!realKeyring)
  console.warn('auth-cli: skipped, no Secret Service session: run under scripts/with-keyring.sh')

const APP_ID = 'cli-app'
const APP_SECRET = `cli-secret-${randomBytes(6).toString('hex')}`
const SERVICE = `PinloadTest-cli-${process.pid}-${randomBytes(4).toString('hex')}`

let fake: FakePinterest
let port: number
let dataDir: string
let lines: string[]
let errLines: string[]
const secrets = new KeyringSecretStore({ service: SERVICE })

/** Runs one CLI command; a printed authorize URL is "opened" by fetching it, as a user's browser would. */
async function cli(
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; readSecret?: () => Promise<string> } = {},
) {
  const opened: Promise<unknown>[] = []
  const open = (line: string) => {
    if (line.startsWith(fake.oauthBase)) opened.push(fetch(line).then((r) => r.text()))
  }
  const ctx: AuthCliContext = {
    dataDir,
    json: false,
    warn: (line) => {
      errLines.push(line)
      open(line)
    },
    env: {
      PINLOAD_API_BASE: fake.apiBase,
      PINLOAD_OAUTH_BASE: fake.oauthBase,
      PINLOAD_NO_BROWSER: '1',
      ...opts.env,
    },
    print: (line) => {
      lines.push(line)
      open(line)
    },
  }
  const program = new Command().exitOverride()
  const deps = {
    secrets,
    signInTimeoutMs: 10_000,
    readSecret: opts.readSecret ?? (() => Promise.reject(new Error('no secret prompt expected'))),
  }
  registerAuthCommands(program, ctx, deps)
  registerAccountsCommands(program, ctx, deps)
  await program.parseAsync(['node', 'pinload', ...args])
  await Promise.all(opened)
}

describe.skipIf(!realKeyring)(
  realKeyring
    ? 'pinload login / whoami / logout'
    : 'pinload login / whoami / logout (skipped: no Secret Service session: run under scripts/with-keyring.sh)',
  () => {
    beforeAll(async () => {
      port = await freePort()
      fake = await startFakePinterest({
        clients: [
          { clientId: APP_ID, clientSecret: APP_SECRET, redirectUris: [`http://localhost:${port}/`] },
        ],
      })
    })
    afterAll(async () => {
      await fake?.close()
    })
    beforeEach(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'pinload-cli-'))
      lines = []
      errLines = []
    })
    afterEach(async () => {
      fake.reset()
      await clearAccountSecrets(secrets, [USER_KEY])
      await rm(dataDir, { recursive: true, force: true })
    })

    it('login asks for the secret once, prints the URL and waits; whoami and logout follow', async () => {
      let asked = 0
      await cli(['login', '--app-id', APP_ID, '--port', String(port)], {
        readSecret: () => {
          asked += 1
          return Promise.resolve(APP_SECRET)
        },
      })
      expect(asked).toBe(1)
      expect(lines).toContain(`Redirect URI to register on your Pinterest app: http://localhost:${port}/`)
      expect(lines.some((l) => l.startsWith(fake.oauthBase))).toBe(true)
      expect(lines.at(-1)).toBe(`Connected as @${DEFAULT_USERNAME} (production, BUSINESS, token: oauth).`)
      expect(await loadTokenBundle(secrets, USER_KEY)).not.toBeNull()

      // A second login reuses the stored app id, port and secret: no prompt.
      lines = []
      await cli(['login'])
      expect(lines.at(-1)).toMatch(/^Connected as @/)

      lines = []
      await cli(['whoami', '--json'])
      const view = JSON.parse(lines[0]!) as AccountView
      expect(view).toMatchObject({
        status: 'connected',
        username: DEFAULT_USERNAME,
        environment: 'production',
      })

      lines = []
      await cli(['logout'])
      expect(lines.join('\n')).toMatch(/Signed out/)
      expect(await loadTokenBundle(secrets, USER_KEY)).toBeNull()
      expect(await secrets.get(secretKeys.appSecret('production'))).toBe(APP_SECRET)

      lines = []
      await expect(cli(['whoami'])).rejects.toMatchObject({ kind: 'auth' })
      expect(lines[0]).toMatch(/^Not signed in/)
      expect(lines.join('\n')).not.toContain(APP_SECRET)
    })

    it('accounts add signs a second user in through the browser and keeps the first (issue 15)', async () => {
      await cli(['login', '--app-id', APP_ID, '--port', String(port), '--secret-boards'], {
        env: { PINLOAD_APP_SECRET: APP_SECRET },
      })
      expect(lines.at(-1)).toBe(`Connected as @${DEFAULT_USERNAME} (production, BUSINESS, token: oauth).`)
      // The browser is now signed in to pinterest.com as the second brand: the same app, another user.
      fake.signInBrowserAs('second_brand')
      try {
        lines = []
        await cli(['accounts', 'add'])
        expect(lines.some((l) => l.startsWith(fake.oauthBase))).toBe(true)
        expect(lines.slice(-2)).toEqual([
          `  @${DEFAULT_USERNAME}  production  connected`,
          '* @second_brand  production  connected',
        ])
        expect(await loadTokenBundle(secrets, USER_KEY)).not.toBeNull()
        expect(await loadTokenBundle(secrets, 'production:second_brand')).not.toBeNull()
        // The app's choice of secret boards, made at the first sign-in, stays.
        expect((await readAccountFile(dataDir)).apps.production?.secretBoards).toBe(true)
      } finally {
        fake.signInBrowserAs(DEFAULT_USERNAME)
        await secrets.delete(secretKeys.userTokens('production:second_brand'))
      }
    })

    it('PINLOAD_APP_SECRET replaces the prompt; whoami honours PINLOAD_ACCESS_TOKEN', async () => {
      await cli(['login', '--app-id', APP_ID, '--port', String(port)], {
        env: { PINLOAD_APP_SECRET: APP_SECRET },
      })
      expect(lines.at(-1)).toMatch(/^Connected as @/)
      const t = fake.issueToken({ clientId: APP_ID, username: 'env-user' })
      lines = []
      await cli(['whoami'], { env: { PINLOAD_ACCESS_TOKEN: t.accessToken } })
      expect(lines[0]).toMatch(/^Connected as @env-user \(production.*token: env\)/)
      expect(lines.join('\n')).not.toContain(t.accessToken)
    })

    it('login --json keeps stdout to one JSON document; the instructions go to stderr', async () => {
      await cli(['login', '--app-id', APP_ID, '--port', String(port), '--json'], {
        env: { PINLOAD_APP_SECRET: APP_SECRET },
      })
      expect(lines).toHaveLength(1)
      expect(JSON.parse(lines[0]!)).toMatchObject({ status: 'connected', username: DEFAULT_USERNAME })
      expect(errLines.some((l) => l.startsWith(fake.oauthBase))).toBe(true)
    })

    it('a sign-in and a sign-out by the command reach the app that is open, without the window asking', async () => {
      const views: AccountView[] = []
      const { app } = await startTestApp({
        dataDir,
        fake,
        secrets,
        desktop: { openAuthorizePage: headlessDesktopPorts().openAuthorizePage },
        onEvent: (channel, payload) => {
          if (channel === 'account:changed') views.push(payload as AccountView)
        },
      })
      try {
        const until = async (what: (v: AccountView) => boolean) => {
          await waitFor('an account view', () => views.some(what), { timeoutMs: 8000 })
          return views.find(what)
        }
        await cli(['login', '--app-id', APP_ID, '--port', String(port)], {
          env: { PINLOAD_APP_SECRET: APP_SECRET },
        })
        expect(await until((v) => v.status === 'connected')).toMatchObject({
          status: 'connected',
          username: DEFAULT_USERNAME,
        })
        // The app's own client now uses the tokens the command stored.
        expect((await app.services.apis.current().getUserAccount()).username).toBe(DEFAULT_USERNAME)
        views.length = 0
        await cli(['logout'])
        expect(await until((v) => v.status !== 'connected')).toMatchObject({ status: 'signed_out' })
        await expect(app.services.apis.current().getUserAccount()).rejects.toMatchObject({ kind: 'auth' })
      } finally {
        await app.shutdown()
      }
    }, 30_000)

    it('login without an app id says what to pass', async () => {
      await expect(cli(['login'])).rejects.toThrow(/--app-id/)
    })
  },
)
