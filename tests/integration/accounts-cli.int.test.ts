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
})
