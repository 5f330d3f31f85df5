import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Command } from 'commander'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerAccountsCommands } from '../../src/cli/commands/accounts-commands'
import { loadTokenBundle } from '../../src/main/auth/token-bundle'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import { clearAccountSecrets, privateKeyring, realKeyring } from '../support/keychain'

const secrets = privateKeyring('-accounts-add')
let fake: FakePinterest
let dataDir: string

async function cli(args: string[]): Promise<string[]> {
  const lines: string[] = []
  const program = new Command().exitOverride()
  registerAccountsCommands(
    program,
    {
      dataDir,
      json: false,
      print: (line) => lines.push(line),
      warn: (line) => lines.push(line),
      env: { PINLOAD_API_BASE: fake.apiBase, PINLOAD_OAUTH_BASE: fake.oauthBase },
    },
    { secrets },
  )
  await program.parseAsync(['node', 'pinload', ...args])
  return lines
}

describe.skipIf(!realKeyring)('pinload accounts add --token and remove (issue 15)', () => {
  beforeAll(async () => {
    fake = await startFakePinterest()
    dataDir = await mkdtemp(join(tmpdir(), 'pinload-accounts-add-'))
  })
  afterAll(async () => {
    await clearAccountSecrets(secrets, [
      'production:studio_a',
      'sandbox:studio_b',
      'production:brand_c',
      'production:brand_d',
    ])
    await fake.close()
    await rm(dataDir, { recursive: true, force: true })
  })

  it('stores a pasted token in the keychain as the user Pinterest says it belongs to', async () => {
    const a = fake.issueToken({ username: 'studio_a' }).accessToken
    const b = fake.issueToken({ username: 'studio_b' }).accessToken
    expect(await cli(['accounts', 'add', '--token', a])).toEqual(['* @studio_a  production  connected'])
    expect(await cli(['accounts', 'add', '--token', b, '--sandbox'])).toEqual([
      '  @studio_a  production  connected',
      '* @studio_b  sandbox  connected',
    ])
    expect((await loadTokenBundle(secrets, 'production:studio_a'))?.accessToken).toBe(a)
    expect((await loadTokenBundle(secrets, 'sandbox:studio_b'))?.accessToken).toBe(b)
  })

  it('remove takes one account out of the list and its tokens out of the keychain; an unknown name lists the known ones', async () => {
    await expect(cli(['accounts', 'remove', 'nobody'])).rejects.toThrow(
      'Unknown account "nobody". Known accounts: @studio_a (production), @studio_b (sandbox).',
    )
    expect(await cli(['accounts', 'remove', '@studio_a'])).toEqual(['* @studio_b  sandbox  connected'])
    expect(await loadTokenBundle(secrets, 'production:studio_a')).toBeNull()
    expect((await loadTokenBundle(secrets, 'sandbox:studio_b'))?.accessToken).toBeTruthy()
  })

  it('a token Pinterest refuses adds nothing and says so', async () => {
    await expect(cli(['accounts', 'add', '--token', 'not-a-real-token'])).rejects.toThrow(
      /did not accept this token for production/,
    )
  })

  it('two accounts of one environment sit side by side, each with its own keychain entry', async () => {
    const c = fake.issueToken({ username: 'brand_c' }).accessToken
    const d = fake.issueToken({ username: 'brand_d' }).accessToken
    await cli(['accounts', 'add', '--token', c])
    expect(await cli(['accounts', 'add', '--token', d])).toEqual([
      '  @brand_c  production  connected',
      '* @brand_d  production  connected',
      '  @studio_b  sandbox  connected',
    ])
    expect((await loadTokenBundle(secrets, 'production:brand_c'))?.accessToken).toBe(c)
    expect((await loadTokenBundle(secrets, 'production:brand_d'))?.accessToken).toBe(d)
    // Removing the current one leaves the other account of the environment, now current, and its tokens.
    expect(await cli(['accounts', 'remove', 'brand_d'])).toEqual([
      '* @brand_c  production  connected',
      '  @studio_b  sandbox  connected',
    ])
    expect(await loadTokenBundle(secrets, 'production:brand_d')).toBeNull()
    expect((await loadTokenBundle(secrets, 'production:brand_c'))?.accessToken).toBe(c)
    // `use` picks the account new batches go to, across environments; an unknown one lists the known ones.
    expect(await cli(['accounts', 'use', '@studio_b'])).toEqual([
      '  @brand_c  production  connected',
      '* @studio_b  sandbox  connected',
    ])
    await expect(cli(['accounts', 'use', 'nobody'])).rejects.toThrow(/Known accounts: @brand_c/)
  })
})
