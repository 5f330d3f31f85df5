import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/main/db/connection'
import { ItemRepository } from '../../src/main/db/item-repository'
import { runCli } from '../../src/cli/program'
import { CSV_TEMPLATE } from '../../src/main/sources/csv-template'
import { formatReport, isSuccess } from '../../src/cli/report'

let dir: string
let out: string
let err: string
const io = { stdout: (s: string) => void (out += s), stderr: (s: string) => void (err += s) }
const env = () => ({ PINLOAD_DATA_DIR: dir, PATH: process.env.PATH })

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pinload-cli-unit-'))
  out = ''
  err = ''
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function seed(states: string[]): number[] {
  const db = openDatabase({ dataDir: dir })
  const repo = new ItemRepository(db)
  const b = repo.createBatch({ kind: 'cli', label: 'seed' })
  const ids = states.map((s, i) => {
    const id = repo.insertItem(b, i, { draft: { path: `/photos/p${i}.jpg`, meta: { boardId: '1' } } })
    repo.update(id, {
      state: s as never,
      ...(s === 'published' && { pin_id: `9${i}`, pin_url: `https://www.pinterest.com/pin/9${i}/` }),
    })
    return id
  })
  db.close()
  return ids
}

describe('pinload (in-process, no network)', () => {
  it('status lists items and totals, as text and JSON', async () => {
    seed(['published', 'queued', 'failed'])
    expect(await runCli(['status'], io, env())).toBe(0)
    expect(out).toMatch(
      /published\s+#1 \/photos\/p0\.jpg\s+pin 90\s+https:\/\/www\.pinterest\.com\/pin\/90\//,
    )
    expect(out).toMatch(/3 item\(s\): .*published 1/)
    out = ''
    expect(await runCli(['status', '--json'], io, env())).toBe(0)
    const json = JSON.parse(out) as { items: { state: string }[]; totals: { total: number } }
    expect(json.items.map((i) => i.state)).toEqual(['published', 'queued', 'failed'])
    expect(json.totals.total).toBe(3)
  })

  it('cancel and pause work without a token; pause is kept for the next run', async () => {
    const [, queuedId] = seed(['published', 'queued'])
    expect(await runCli(['cancel', '--item', String(queuedId)], io, env())).toBe(0)
    expect(out).toMatch(/Cancelled 1 item/)
    expect(await runCli(['pause', '--reason', 'night'], io, env())).toBe(0)
    out = ''
    await runCli(['status'], io, env())
    expect(out).toMatch(/paused: night/)
  })

  it('exits 2 with a clear message for usage problems and a missing token', async () => {
    expect(await runCli(['cancel'], io, env())).toBe(2)
    expect(err).toMatch(/--item <id> or --batch <id>/)
    err = ''
    expect(await runCli(['upload', dir, '--board', 'x'], io, env())).toBe(2)
    expect(err).toMatch(/PINLOAD_ACCESS_TOKEN/)
    expect(await runCli(['upload', dir], io, env())).toBe(2)
    expect(err).toMatch(/--board/)
  })

  it('reports a failure with its fix and request id, and counts only published/skipped as success', () => {
    const line = formatReport({
      path: '/a.jpg',
      itemId: 3,
      state: 'failed',
      error: { kind: 'validation', message: 'Too long.', fix: 'Shorten it.', requestId: 'r1' },
    })
    expect(line).toBe('failed          #3 /a.jpg  Too long.  Fix: Shorten it.  (request id r1)')
    expect(isSuccess({ state: 'skipped' })).toBe(true)
    expect(isSuccess({ state: 'needs_attention' })).toBe(false)
    expect(isSuccess({ state: 'rejected' })).toBe(false)
  })

  it('csv-template writes the template the window saves', async () => {
    const file = join(dir, 'start.csv')
    expect(await runCli(['csv-template', file], io, env())).toBe(0)
    expect(readFileSync(file, 'utf8')).toBe(CSV_TEMPLATE)
    expect(out).toMatch(/Wrote .*start\.csv/)
  })
})
