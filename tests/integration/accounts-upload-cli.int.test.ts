import { spawn } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import { realKeyring } from '../support/keychain'
import { writeBigJpeg, writeImage } from '../support/media-files'
import { waitFor } from '../support/wait-for'
import { CLI_ARGS, ROOT, runCli } from './cli-helpers'

let fake: FakePinterest
let dataDir: string
// Names of this file's own: the command keeps its tokens under the keychain's default service.
const X = `upload_as_x_${process.pid}`
const Y = `upload_as_y_${process.pid}`

/** The real command, with the real keychain of scripts/with-keyring.sh and no PINLOAD_ACCESS_TOKEN. */
function env(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: dataDir,
    PINLOAD_DATA_DIR: dataDir,
    PINLOAD_API_BASE: fake.apiBase,
    PINLOAD_OAUTH_BASE: fake.oauthBase,
    PINLOAD_RATE_LIMITS: 'off',
    DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS,
    XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR,
  }
}

describe.skipIf(!realKeyring)('pinload upload and watch --account (issue 15)', () => {
  beforeAll(async () => {
    fake = await startFakePinterest({ rateLimits: false })
    dataDir = await mkdtemp(join(tmpdir(), 'pinload-accounts-upload-'))
  })
  afterAll(async () => {
    for (const name of [X, Y]) await runCli(['accounts', 'remove', name], env())
    await fake.close()
    await rm(dataDir, { recursive: true, force: true })
  })

  it("publishes with the named account's token while another account is the one in use", async () => {
    for (const username of [X, Y]) {
      const added = await runCli(
        ['accounts', 'add', '--token', fake.issueToken({ username }).accessToken],
        env(),
      )
      expect(added.code, added.stderr).toBe(0)
    }
    // The last one added is in use: --account names the other.
    expect((await runCli(['accounts', 'list'], env())).stdout).toContain(`* @${Y}`)
    const board = fake.addBoard({ name: 'Named', owner: X })
    const photos = join(dataDir, 'photos')
    mkdirSync(photos)
    writeImage(photos, 'one.png', 'png')
    writeImage(photos, 'two.png', 'png')

    const run = await runCli(['upload', photos, '--board', board.id, '--account', `@${X}`, '--yes'], env())
    expect(run.code, run.stderr).toBe(0)
    // The fake files each Pin under the user of the token it was created with.
    expect(fake.pins.map((p) => [p.board_id, p.owner])).toEqual([
      [board.id, X],
      [board.id, X],
    ])
    // The account in use stays as it was.
    expect((await runCli(['accounts', 'list'], env())).stdout).toContain(`* @${Y}`)
  }, 90_000)

  it('pinload watch --account queues the files it sees under the named account and publishes them as it', async () => {
    // Both accounts are there from the test before; the one in use is still the other.
    const board = fake.addBoard({ name: 'Watched', owner: X })
    const folder = join(dataDir, 'watched')
    mkdirSync(folder)
    const child = spawn(
      process.execPath,
      [...CLI_ARGS, 'watch', folder, '--board', board.id, '--account', X, '--poll'],
      { env: env(), cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)))
    try {
      await waitFor('the watch to start', () => stdout.includes('Watching'), { timeoutMs: 30_000 })
      writeBigJpeg(folder, 'seen.jpg', 5000)
      await waitFor('the Pin', () => fake.pins.some((p) => p.board_id === board.id), { timeoutMs: 30_000 })
    } finally {
      child.kill('SIGINT')
    }
    expect(await exited, stderr).toBe(0)
    expect(fake.pins.filter((p) => p.board_id === board.id).map((p) => p.owner)).toEqual([X])
    expect((await runCli(['accounts', 'list'], env())).stdout).toContain(`* @${Y}`)
  }, 90_000)

  it("pinload import --account: rows without an account cell go as it; a row naming the one in use, on that one's boards", async () => {
    // Both accounts have a board named Shop; Y is in use, the command runs as X.
    const shopX = fake.addBoard({ name: 'Shop', owner: X, privacy: 'PROTECTED' })
    const shopY = fake.addBoard({ name: 'Shop', owner: Y, privacy: 'PROTECTED' })
    const dir = join(dataDir, 'csv')
    mkdirSync(dir)
    // Three pictures, not one: the same picture on two boards is held a day apart by pacing.
    for (const [name, color] of [
      ['ours', 'red'],
      ['theirs', 'green'],
      ['fresh', 'blue'],
    ] as const)
      writeImage(dir, `${name}.png`, 'png', { color })
    const csv = join(dir, 'pins.csv')
    writeFileSync(
      csv,
      [
        'file,title,board,account',
        'ours.png,Ours,Shop,',
        `theirs.png,Theirs,Shop,@${Y}`,
        `fresh.png,Fresh,Fresh ideas,${Y}`,
      ].join('\n'),
    )
    const run = await runCli(['import', csv, '--account', X, '--create-boards'], env())
    expect(run.code, run.stderr).toBe(0)
    // "Fresh ideas" is made in Y's account, the one its row names, not in the one the command runs as.
    const fresh = fake.boards.filter((b) => b.name === 'Fresh ideas')
    expect(fresh.map((b) => b.owner)).toEqual([Y])
    const sent = (title: string) =>
      fake.pins.filter((p) => p.title === title).map((p) => [p.board_id, p.owner])
    expect([sent('Ours'), sent('Theirs'), sent('Fresh')]).toEqual([
      [[shopX.id, X]],
      [[shopY.id, Y]],
      [[fresh[0]!.id, Y]],
    ])
  }, 90_000)
})
