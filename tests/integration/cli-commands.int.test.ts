import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import { makeMedia } from '../support/media-files'
import { cliEnv, runCli } from './cli-helpers'

interface UploadJson {
  ok: boolean
  results: {
    path?: string
    itemId?: number
    batchId?: number
    state: string
    pinId?: string
    pinUrl?: string
    error?: { kind: string; message: string; fix?: string }
  }[]
  totals: { paused: boolean; byState: Record<string, number> }
}

let fake: FakePinterest
let root: string
let boardId: string
let token: string

beforeAll(async () => {
  fake = await startFakePinterest({ rateLimits: false, mediaProcessingMs: 100 })
  boardId = fake.addBoard({ name: 'Travel' }).id
  token = fake.issueToken().accessToken
  root = mkdtempSync(join(tmpdir(), 'pinload-cli-'))
})
afterAll(async () => {
  await fake.close()
  rmSync(root, { recursive: true, force: true })
})

const parse = (s: string) => JSON.parse(s) as UploadJson

describe('pinload upload', () => {
  it('publishes a folder of images and a video, one result per file, and a re-run adds nothing', async () => {
    const data = join(root, 'd1')
    const { images, videos } = makeMedia(join(root, 'm1'), { images: 3, videos: 1, prefix: 'a' })
    const env = cliEnv(fake, data, token)
    const r = await runCli(
      [
        'upload',
        '--yes',
        join(root, 'm1'),
        '--board',
        'travel',
        '--title',
        '{name}',
        '--link',
        'https://example.com/',
        '--json',
      ],
      env,
    )
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const out = parse(r.stdout)
    expect(out.ok).toBe(true)
    expect(out.results.map((x) => x.path).sort()).toEqual([...images, ...videos].sort())
    expect(out.results.every((x) => x.state === 'published' && x.pinId && x.pinUrl?.includes(x.pinId))).toBe(
      true,
    )
    const mine = fake.pins.filter((p) => p.title?.startsWith('a'))
    expect(mine).toHaveLength(4)
    expect(mine.every((p) => p.board_id === boardId && p.link === 'https://example.com/')).toBe(true)
    expect(mine.filter((p) => p.media_source_type === 'video_id')).toHaveLength(1)

    const again = await runCli(
      [
        'upload',
        '--yes',
        join(root, 'm1'),
        '--board',
        boardId,
        '--title',
        '{name}',
        '--link',
        'https://example.com/',
      ],
      env,
    )
    expect(again.code).toBe(0)
    expect(again.stdout).toMatch(/published/)
    expect(fake.pins.filter((p) => p.title?.startsWith('a'))).toHaveLength(4)

    // Nothing the command wrote to disk (database, WAL, logs) holds the token (docs/architecture.md,
    // "Secrets").
    const written = readdirSync(data, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
    expect(written.map((e) => e.name)).toEqual(expect.arrayContaining(['pinload.db', 'pinload.log']))
    for (const e of written) expect(readFileSync(join(e.parentPath, e.name)).includes(token)).toBe(false)
  })

  it('fails with the error and its fix and a non-zero code; retry publishes after the cause is gone', async () => {
    const data = join(root, 'd2')
    makeMedia(join(root, 'm2'), { images: 2, videos: 0, prefix: 'b' })
    const env = cliEnv(fake, data, token)
    fake.faults.add({
      match: { method: 'POST', path: '/v5/pins' },
      times: 2,
      action: { type: 'status', status: 400, code: 1, message: 'Invalid parameters: title looks wrong.' },
    })
    const r = await runCli(
      ['upload', '--yes', join(root, 'm2'), '--board', 'Travel', '--title', '{name}', '--json'],
      env,
    )
    expect(r.code).toBe(1)
    const out = parse(r.stdout)
    expect(out.results.map((x) => x.state)).toEqual(['failed', 'failed'])
    expect(out.results[0]!.error).toMatchObject({ kind: 'validation' })
    expect(out.results[0]!.error!.message).toMatch(/title looks wrong/)

    const text = await runCli(['status'], env)
    expect(text.stdout).toMatch(/failed .*bimg-000\.jpg .*title looks wrong/)

    const retried = await runCli(['retry', '--all', '--json'], env)
    expect(retried.code).toBe(0)
    expect(parse(retried.stdout).results.map((x) => x.state)).toEqual(['published', 'published'])
    expect(fake.pins.filter((p) => p.title?.startsWith('b'))).toHaveLength(2)
  })

  it('pause holds uploads across runs, cancel drops an item, resume runs the rest, retry brings the cancelled one back', async () => {
    const data = join(root, 'd3')
    const { images } = makeMedia(join(root, 'm3'), { images: 3, videos: 0, prefix: 'c' })
    const env = cliEnv(fake, data, token)
    expect((await runCli(['pause', '--reason', 'lunch'], env)).stdout).toMatch(/Paused/)
    const held = await runCli(
      ['upload', '--yes', join(root, 'm3'), '--board', 'Travel', '--title', '{name}', '--json'],
      env,
    )
    expect(held.code).toBe(1)
    const out = parse(held.stdout)
    expect(out.totals.paused).toBe(true)
    expect(out.results.map((x) => x.state)).toEqual(['queued', 'queued', 'queued'])
    expect(fake.pins.filter((p) => p.title?.startsWith('c'))).toHaveLength(0)

    const first = out.results.find((x) => x.path === images[0])!
    expect((await runCli(['cancel', '--item', String(first.itemId)], env)).stdout).toMatch(/Cancelled 1 item/)

    const resumed = await runCli(['resume', '--json'], env)
    expect(resumed.code).toBe(0)
    expect(parse(resumed.stdout).results.map((x) => x.state)).toEqual(['published', 'published'])
    expect(
      fake.pins
        .filter((p) => p.title?.startsWith('c'))
        .map((p) => p.title)
        .sort(),
    ).toEqual(['cimg-001', 'cimg-002'])

    const status = parse((await runCli(['status', '--json'], env)).stdout) as unknown as {
      items: { itemId: number; state: string }[]
    }
    expect(status.items.find((i) => i.itemId === first.itemId)?.state).toBe('cancelled')

    const back = await runCli(['retry', '--item', String(first.itemId), '--json'], env)
    expect(back.code).toBe(0)
    expect(fake.pins.filter((p) => p.title?.startsWith('c'))).toHaveLength(3)
  })

  it('says what to do when there is no token or the board is unknown', async () => {
    const env = cliEnv(fake, join(root, 'd4'), token)
    const noToken = await runCli(['upload', '--yes', root, '--board', 'Travel'], {
      ...env,
      PINLOAD_ACCESS_TOKEN: '',
    })
    expect(noToken.code).toBe(2)
    expect(noToken.stderr).toMatch(/PINLOAD_ACCESS_TOKEN/)
    const noBoard = await runCli(['upload', '--yes', root, '--board', 'Nowhere'], env)
    expect(noBoard.code).toBe(2)
    expect(noBoard.stderr).toMatch(/Nowhere/)
  })
})
