import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Command } from 'commander'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerAccountsCommands } from '../../src/cli/commands/accounts-commands'
import { loadTokenBundle } from '../../src/main/auth/token-bundle'
import { DB_FILE_NAME, openDatabaseFile } from '../../src/main/db/connection'
import { migrate } from '../../src/main/db/migrations/index'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import { clearAccountSecrets, privateKeyring, realKeyring, writeUnnamedSignIn } from '../support/keychain'

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

describe.skipIf(!realKeyring)('a second account added over an old sign-in never named (issue 15)', () => {
  beforeAll(async () => {
    fake = await startFakePinterest()
    dataDir = await mkdtemp(join(tmpdir(), 'pinload-accounts-add-old-'))
  })
  afterAll(async () => {
    await clearAccountSecrets(secrets, ['production:legacy_a', 'production:newcomer_b', 'production'])
    await fake.close()
    await rm(dataDir, { recursive: true, force: true })
  })

  it("names the old sign-in first, so its queued rows stay its own and the newcomer's are apart", async () => {
    // Before issue 15: one profile per environment, its tokens under the environment's entry, rows keyed by it.
    const db = openDatabaseFile(join(dataDir, DB_FILE_NAME), { migrate: false })
    migrate(db, 9)
    db.prepare("INSERT INTO batches(id, origin_kind, label, created_at) VALUES (1, 'cli', 'old', 1)").run()
    db.prepare(
      `INSERT INTO items(id, batch_id, seq, source_path, board_id, state, account_key, created_at, updated_at)
       VALUES (1, 1, 0, '/t/a.jpg', 'B', 'queued', 'production', 1, 1)`,
    ).run()
    db.close()
    await writeUnnamedSignIn(dataDir, secrets, fake.issueToken({ username: 'legacy_a' }).accessToken)

    const b = fake.issueToken({ username: 'newcomer_b' }).accessToken
    expect(await cli(['accounts', 'add', '--token', b])).toEqual([
      '  @legacy_a  production  connected',
      '* @newcomer_b  production  connected',
    ])
    const after = openDatabaseFile(join(dataDir, DB_FILE_NAME))
    try {
      expect(after.prepare('SELECT account_key FROM items').all()).toEqual([
        { account_key: 'production:legacy_a' },
      ])
    } finally {
      after.close()
    }
    expect((await loadTokenBundle(secrets, 'production:legacy_a'))?.accessToken).toBeTruthy()
    expect(await loadTokenBundle(secrets, 'production')).toBeNull()
  })
})
