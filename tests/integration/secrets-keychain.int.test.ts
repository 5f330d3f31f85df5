import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KeyringSecretStore } from '../../src/main/secrets/secret-store'
import { realKeyring } from '../support/keychain'

const SERVICE = `PinloadTest-${process.pid}-${randomBytes(4).toString('hex')}`
const ROOT = resolve(import.meta.dirname, '../..')
const run = promisify(execFile)

describe.skipIf(!realKeyring)(
  realKeyring
    ? 'KeyringSecretStore on the real Secret Service'
    : 'KeyringSecretStore on the real Secret Service (skipped: no Secret Service session: run under scripts/with-keyring.sh)',
  () => {
    const store = new KeyringSecretStore({ service: SERVICE, prefix: 'run:' })
    afterAll(async () => {
      await store.delete('production:tokens')
    })

    it('stores, replaces, reads and deletes an entry', async () => {
      expect(await store.get('production:tokens')).toBeNull()
      await store.set('production:tokens', '{"a":1}')
      await store.set('production:tokens', '{"a":2}')
      expect(
        await new KeyringSecretStore({ service: SERVICE, prefix: 'run:' }).get('production:tokens'),
      ).toBe('{"a":2}')
      // Another service name sees nothing: test runs cannot collide.
      expect(
        await new KeyringSecretStore({ service: `${SERVICE}-other`, prefix: 'run:' }).get(
          'production:tokens',
        ),
      ).toBeNull()
      await store.delete('production:tokens')
      await store.delete('production:tokens')
      expect(await store.get('production:tokens')).toBeNull()
    })
  },
)

describe('no keychain', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pinload-nokeychain-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('a process without a D-Bus session gets the plain message, and nothing is written to disk', async () => {
    const script = join(dir, 'probe.mts')
    const dataDir = join(dir, 'data')
    await writeFile(
      script,
      `
import { KeyringSecretStore } from ${JSON.stringify(join(ROOT, 'src/main/secrets/secret-store.ts'))}
import { AccountService } from ${JSON.stringify(join(ROOT, 'src/main/auth/account-service.ts'))}
const secrets = new KeyringSecretStore({ service: ${JSON.stringify(SERVICE)} })
const service = new AccountService({ dataDir: ${JSON.stringify(dataDir)}, secrets, env: {}, openExternal: () => {}, apiBaseFor: () => 'http://127.0.0.1:1/v5', oauthBase: 'http://127.0.0.1:1/oauth/' })
const out: Record<string, unknown> = {}
try { await secrets.set('production:app-secret', 'top-secret-value') } catch (e) { out.set = { name: (e as Error).name, message: (e as Error).message, kind: (e as { kind?: string }).kind } }
try { await service.saveApp({ appId: 'app', appSecret: 'top-secret-value', port: 8085, environment: 'production', secretBoards: false }) } catch (e) { out.save = (e as Error).message }
out.view = await service.get()
console.log(JSON.stringify(out))
`,
    )
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/pinload-no-bus',
    }
    delete env.PINLOAD_ACCESS_TOKEN
    const { stdout } = await run(process.execPath, ['--import', 'tsx', script], {
      env,
      cwd: ROOT,
      timeout: 30_000,
    })
    const out = JSON.parse(stdout.trim().split('\n').pop()!) as {
      set: { name: string; message: string; kind: string }
      save: string
      view: { status: string; message: string }
    }
    expect(out.set.name).toBe('KeychainUnavailableError')
    expect(out.set.kind).toBe('unavailable')
    expect(out.set.message).toMatch(/No system keychain is available/)
    expect(out.set.message).toContain('PINLOAD_ACCESS_TOKEN')
    expect(out.save).toBe(out.set.message)
    expect(out.view).toMatchObject({ status: 'no_keychain', message: out.set.message })
    // Never a plain-text fallback: the secret is nowhere on disk.
    const written = await readFile(join(dataDir, 'account.json'), 'utf8').catch(() => '')
    expect(written).not.toContain('top-secret-value')
    expect(stdout).not.toContain('top-secret-value')
  })
})
