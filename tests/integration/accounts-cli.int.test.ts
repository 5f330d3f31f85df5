import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { writeAccountFile } from '../../src/main/auth/account-file'
import { runCli } from './cli-helpers'

let dataDir: string

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'pinload-accounts-cli-'))
})
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true })
})

function env(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: dataDir, PINLOAD_DATA_DIR: dataDir }
}

describe('pinload accounts list (issue 15)', () => {
  it('lists the accounts in account.json, the current one marked', async () => {
    await writeAccountFile(dataDir, {
      version: 1,
      environment: 'production',
      profiles: {
        production: { username: 'studio_a', status: 'connected', port: 8085, secretBoards: false },
        sandbox: { username: 'studio_b', status: 'needs_sign_in', port: 8085, secretBoards: false },
      },
    })
    const text = await runCli(['accounts', 'list'], env())
    expect(text.code, text.stderr).toBe(0)
    expect(text.stdout.split('\n').filter(Boolean)).toEqual([
      '* @studio_a  production  connected',
      '  @studio_b  sandbox  needs sign in',
    ])
    const json = await runCli(['accounts', 'list', '--json'], env())
    expect(JSON.parse(json.stdout)).toEqual([
      {
        key: 'production:studio_a',
        environment: 'production',
        username: 'studio_a',
        status: 'connected',
        current: true,
      },
      {
        key: 'sandbox:studio_b',
        environment: 'sandbox',
        username: 'studio_b',
        status: 'needs_sign_in',
        current: false,
      },
    ])
  })

  it('with no account, says how to sign in', async () => {
    const run = await runCli(['accounts', 'list'], env())
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toContain('No Pinterest account yet. Run `pinload login --app-id <id>`.')
  })

  it('--account on upload and run names a known account; an unknown one is refused with the known ones listed', async () => {
    await writeAccountFile(dataDir, {
      version: 1,
      environment: 'production',
      profiles: {
        production: { username: 'studio_a', status: 'connected', port: 8085, secretBoards: false },
        sandbox: { username: 'studio_b', status: 'connected', port: 8085, secretBoards: false },
      },
    })
    const token = { ...env(), PINLOAD_ACCESS_TOKEN: 'pina_test', PINLOAD_API_BASE: 'http://127.0.0.1:9' }
    const ok = await runCli(['run', '--account', '@studio_b'], token)
    expect(ok.code, ok.stderr).toBe(0)
    for (const args of [['run'], ['upload', dataDir, '--board', 'x'], ['export', '--format', 'csv']]) {
      const bad = await runCli([...args, '--account', 'nobody'], token)
      expect(bad.code).not.toBe(0)
      expect(bad.stderr).toContain(
        'Unknown account "nobody". Known accounts: @studio_a (production), @studio_b (sandbox).',
      )
    }
    const mixed = await runCli(['run', '--account', 'studio_a', '--sandbox'], token)
    expect(mixed.code).not.toBe(0)
    expect(mixed.stderr).toContain('@studio_a is a production account: drop --sandbox.')
  })
})
